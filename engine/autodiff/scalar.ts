/**
 * Scalar activation functions and their first and second derivatives, shared by the tensor ops (forward, backward
 * and the derivative ops used by forward-mode tangents) and by the fast float64 inference loop of `mlp().evaluate`.
 */

/**
 * SELU scale λ and α (Klambauer et al. 2017, "Self-Normalizing Neural Networks"), rounded to float64 as in PyTorch:
 * λ = 1.0507009873554804934193349852946…, α = 1.6732632423543772848170429916717….
 */
export const SELU_LAMBDA = 1.0507009873554805;
export const SELU_ALPHA = 1.6732632423543772;

/** 1 / (1 + e^−x), computed without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ(x)(1 − σ(x)). */
export function sigmoidPrime(x: number): number {
  const y = sigmoid(x);
  return y * (1 - y);
}

/** σ(x)(1 − σ(x))(1 − 2σ(x)). */
export function sigmoidSecond(x: number): number {
  const y = sigmoid(x);
  return y * (1 - y) * (1 - 2 * y);
}

/** log(1 + e^x) = max(x, 0) + log1p(e^−|x|), stable for large |x|. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** x·σ(x) (SiLU, Swish). */
export function silu(x: number): number {
  return x * sigmoid(x);
}

/** σ(x)(1 + x(1 − σ(x))). */
export function siluPrime(x: number): number {
  const s = sigmoid(x);
  return s * (1 + x * (1 - s));
}

/** σ(x)(1 − σ(x))(2 + x(1 − 2σ(x))). */
export function siluSecond(x: number): number {
  const s = sigmoid(x);
  return s * (1 - s) * (2 + x * (1 - 2 * s));
}

/** x for x > 0, e^x − 1 otherwise (α = 1). */
export function elu(x: number): number {
  return x > 0 ? x : Math.expm1(x);
}

export function eluPrime(x: number): number {
  return x > 0 ? 1 : Math.exp(x);
}

export function eluSecond(x: number): number {
  return x > 0 ? 0 : Math.exp(x);
}

/** λx for x > 0, λα(e^x − 1) otherwise. */
export function selu(x: number): number {
  return x > 0 ? SELU_LAMBDA * x : SELU_LAMBDA * SELU_ALPHA * Math.expm1(x);
}

export function seluPrime(x: number): number {
  return x > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * Math.exp(x);
}

export function seluSecond(x: number): number {
  return x > 0 ? 0 : SELU_LAMBDA * SELU_ALPHA * Math.exp(x);
}

export function relu(x: number): number {
  return x > 0 ? x : 0;
}

/** The step function, relu's derivative almost everywhere (0 at x = 0, as in PyTorch). */
export function step(x: number): number {
  return x > 0 ? 1 : 0;
}

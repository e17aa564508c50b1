/**
 * Elementwise functions, each a primitive with its own backward, plus the derivative functions (`tanhPrime`, ...) as
 * ops of their own: the MLP's forward-mode tangents multiply by σ'(a), and reverse mode then needs σ''(a).
 */
import * as s from "../scalar.ts";
import {result, Tensor} from "../tensor.ts";

/** out = f(x) elementwise; d(x, y) is f'(x) given the input x and the output y = f(x). */
function unary(a: Tensor, f: (x: number) => number, d: (x: number, y: number) => number): Tensor {
  const x = a.data;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]!);
  return result(out, a.rows, a.cols, [a], (g) => {
    const ga = a.gradBuffer();
    for (let i = 0; i < g.length; i++) ga[i]! += g[i]! * d(x[i]!, out[i]!);
  });
}

export const exp = (a: Tensor): Tensor => unary(a, Math.exp, (_x, y) => y);
export const log = (a: Tensor): Tensor => unary(a, Math.log, (x) => 1 / x);
export const square = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => x * x,
    (x) => 2 * x
  );
export const sqrt = (a: Tensor): Tensor => unary(a, Math.sqrt, (_x, y) => 0.5 / y);
export const abs = (a: Tensor): Tensor => unary(a, Math.abs, Math.sign);
export const sin = (a: Tensor): Tensor => unary(a, Math.sin, Math.cos);
export const cos = (a: Tensor): Tensor => unary(a, Math.cos, (x) => -Math.sin(x));

export const tanh = (a: Tensor): Tensor => unary(a, Math.tanh, (_x, y) => 1 - y * y);
/** 1 − tanh²(x); its derivative is −2 tanh(x)(1 − tanh²(x)). */
export const tanhPrime = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => 1 - Math.tanh(x) ** 2,
    (x, y) => -2 * Math.tanh(x) * y
  );

export const sigmoid = (a: Tensor): Tensor => unary(a, s.sigmoid, (_x, y) => y * (1 - y));
/** σ(x)(1 − σ(x)); its derivative is σ(1 − σ)(1 − 2σ). */
export const sigmoidPrime = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => s.sigmoid(x) * (1 - s.sigmoid(x)),
    (x, y) => y * (1 - 2 * s.sigmoid(x))
  );

export const silu = (a: Tensor): Tensor => unary(a, s.silu, s.siluPrime);
export const siluPrime = (a: Tensor): Tensor => unary(a, s.siluPrime, s.siluSecond);

export const elu = (a: Tensor): Tensor => unary(a, s.elu, s.eluPrime);
export const eluPrime = (a: Tensor): Tensor => unary(a, s.eluPrime, s.eluSecond);

export const selu = (a: Tensor): Tensor => unary(a, s.selu, s.seluPrime);
export const seluPrime = (a: Tensor): Tensor => unary(a, s.seluPrime, s.seluSecond);

export const softplus = (a: Tensor): Tensor => unary(a, s.softplus, s.sigmoid);
/** softplus' = σ. */
export const softplusPrime = sigmoid;

export const relu = (a: Tensor): Tensor => unary(a, s.relu, s.step);
/** The step function x > 0 ? 1 : 0, with derivative 0. */
export const reluPrime = (a: Tensor): Tensor => unary(a, s.step, () => 0);

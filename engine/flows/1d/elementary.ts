/** The closed-form monotone 1D maps of deck 1's change-of-variables slides (lecture.md D1.10-D1.12). */
import type {Map1D} from "./map.ts";

/** x = a z + b with a > 0 (a < 0 is a reflection, also a bijection but decreasing: use a > 0 here). */
export function affine1d(a = 1, b = 0): Map1D {
  if (!(a > 0 && Number.isFinite(a))) throw new RangeError(`invalid slope: ${a}`);
  const logA = Math.log(a);
  return {
    name: "affine",
    forward: (z) => a * z + b,
    inverse: (x) => (x - b) / a,
    logDerivative: () => logA
  };
}

/** x = sinh z, f'(z) = cosh z; heavy (log-normal-like) tails from a Gaussian base. */
export function sinh1d(): Map1D {
  return {
    name: "sinh",
    forward: Math.sinh,
    inverse: Math.asinh,
    // log cosh z = |z| + log1p(e^{−2|z|}) − log 2, stable for large |z|.
    logDerivative: (z) => Math.abs(z) + Math.log1p(Math.exp(-2 * Math.abs(z))) - Math.LN2
  };
}

/**
 * x = z + k z³ with k ≥ 0, f'(z) = 1 + 3k z² > 0. The inverse is the single real root of k z³ + z − x = 0, by
 * Cardano: z = ∛(q + √(q² + p³)) + ∛(q − √(q² + p³)) with q = x/(2k), p = 1/(3k).
 */
export function cubic1d(k = 1): Map1D {
  if (!(k >= 0 && Number.isFinite(k))) throw new RangeError(`invalid cubic strength: ${k}`);
  return {
    name: "cubic",
    forward: (z) => z + k * z * z * z,
    inverse(x) {
      if (k === 0) return x;
      const q = x / (2 * k);
      const p = 1 / (3 * k);
      const r = Math.sqrt(q * q + p * p * p);
      // q − r cancels for large |q|: use (q − r) = −p³ / (q + r) on the sign-matched branch.
      const a = Math.cbrt(q + Math.sign(q || 1) * r);
      return a === 0 ? 0 : a - p / a;
    },
    logDerivative: (z) => Math.log1p(3 * k * z * z)
  };
}

/** x = σ(z) = 1 / (1 + e^−z) onto (0, 1); f'(z) = σ(z)(1 − σ(z)); inverse logit, NaN outside (0, 1). */
export function logistic1d(): Map1D {
  return {
    name: "logistic",
    forward: (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))),
    inverse: (x) => (x > 0 && x < 1 ? Math.log(x) - Math.log1p(-x) : NaN),
    // log σ(z) + log σ(−z) = −softplus(−z) − softplus(z) = −|z| − 2 log1p(e^−|z|).
    logDerivative: (z) => -Math.abs(z) - 2 * Math.log1p(Math.exp(-Math.abs(z)))
  };
}

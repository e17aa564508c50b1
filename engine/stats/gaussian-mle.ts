/**
 * The maximum-likelihood Gaussian of 2D points (lecture D1.9): ℓ(μ, Σ) = Σ_i log N(x⁽ⁱ⁾; μ, Σ) is largest at the
 * sample mean and the sample covariance with 1/N (not the unbiased 1/(N − 1)): setting the gradients to zero gives
 * both, so no iteration is needed.
 */
import type {MixtureParams} from "./responsibilities.ts";

/** The MLE of one Gaussian for n points x [n, 2], as a one-component mixture. */
export function gaussianMle(x: Float64Array, n: number): MixtureParams {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`invalid sample count: ${n} (at least 2)`);
  if (x.length < 2 * n) throw new RangeError(`shape mismatch: x of length ${x.length} vs [${n},2]`);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[2 * i]!;
    my += x[2 * i + 1]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[2 * i]! - mx;
    const dy = x[2 * i + 1]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const covs = Float64Array.of(sxx / n, sxy / n, sxy / n, syy / n);
  return {weights: Float64Array.of(1), means: Float64Array.of(mx, my), covs};
}

/**
 * The exponential distribution with rate λ > 0 on [0, ∞): density λe^{−λx}, distribution function 1 − e^{−λx} and
 * its inverse −ln(1 − p)/λ in closed form. Deck 1's inverse-CDF sampling slide pushes uniforms through it (a skewed
 * shape next to the normal and the mixture).
 */

export interface Exponential {
  readonly rate: number;
  pdf(x: number): number;
  /** P(X ≤ x). */
  cdf(x: number): number;
  /** The x with P(X ≤ x) = p, for p in [0, 1] (Infinity at 1). */
  quantile(p: number): number;
  /** E[X] = 1/λ. */
  readonly mean: number;
  /** Var[X] = 1/λ². */
  readonly variance: number;
}

/** An exponential distribution of rate `rate`; throws a RangeError for a rate that is not a finite positive number. */
export function exponential(rate = 1): Exponential {
  if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`invalid rate: ${rate} (> 0)`);
  return {
    rate,
    pdf: (x) => (x < 0 ? 0 : rate * Math.exp(-rate * x)),
    // −expm1(−λx) keeps the relative accuracy of small probabilities.
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-rate * x)),
    quantile(p) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (a number in [0, 1])`);
      return -Math.log1p(-p) / rate;
    },
    mean: 1 / rate,
    variance: 1 / (rate * rate)
  };
}

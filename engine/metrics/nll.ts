/**
 * Mean negative log-likelihood (nats per sample) of points under a log-density: the quantity whose expectation under
 * the data is bounded below by the data's entropy (engine-reference §3.3), so report it with its gap to the floor.
 */

/** A batched log-density in the Dataset2D convention: writes log p(x_i) into out [n] for flat [n, 2] x. */
export type LogDensity = (out: Float64Array, x: Float64Array, n: number) => Float64Array | void;

/** −(1/n) Σ log p(x_i) for flat [n, d] x; +Infinity if a point has zero density. */
export function meanNll(logDensity: LogDensity, x: Float64Array, d = 2): number {
  const n = x.length / d;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid sample: length ${x.length} for d = ${d}`);
  const out = new Float64Array(n);
  logDensity(out, x, n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = out[i]!;
    if (Number.isNaN(v) || v === Infinity) throw new RangeError(`non-finite log-density at sample ${i}: ${v}`);
    sum += v;
  }
  return -sum / n;
}

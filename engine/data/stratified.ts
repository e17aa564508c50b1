/**
 * Stratified draws from a mixture: each component gets its expected share of the n points (largest remainders
 * first), rather than a multinomial count. A sample of 1000 points of the 8 gaussians then has 125 per mode instead
 * of 125 ± 11, which is what makes a W2 of model samples against TorchCFM's moons (themselves evenly spaced along
 * the arcs) measure the model rather than the luck of the draw (measured in engine/tasks/fm-train.ts).
 */
import type {Rng} from "../random.ts";
import {checkCount, type Dataset2D} from "./dataset.ts";

/** The flat-array fields of engine/data's GaussianMixture. */
interface MixtureLike {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covs: Float64Array;
}

function isMixture(d: Dataset2D): d is Dataset2D & MixtureLike {
  const m = d as Partial<MixtureLike>;
  return m.weights instanceof Float64Array && m.means instanceof Float64Array && m.covs instanceof Float64Array;
}

/** Points per component: ⌊n w_k⌋, then one more for the largest remainders until they sum to n. */
export function stratifiedCounts(weights: Float64Array, n: number): Int32Array {
  checkCount(n);
  const counts = Int32Array.from(weights, (w) => Math.floor(n * w));
  let left = n - counts.reduce((a, c) => a + c, 0);
  const order = Array.from(weights.keys()).sort((a, b) => ((n * weights[b]!) % 1) - ((n * weights[a]!) % 1));
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) counts[order[i]!]!++;
  return counts;
}

/**
 * n points of `d`: stratified over its components when it is a Gaussian mixture (component by component, in order),
 * otherwise `d.sample(n, rng)`.
 */
export function stratifiedSample(d: Dataset2D, n: number, rng: Rng): Float64Array {
  if (!isMixture(d)) return d.sample(n, rng);
  const counts = stratifiedCounts(d.weights, n);
  const x = new Float64Array(2 * n);
  let row = 0;
  counts.forEach((count, k) => {
    const [a, b, , c] = d.covs.subarray(4 * k, 4 * k + 4) as unknown as [number, number, number, number];
    const l11 = Math.sqrt(a);
    const [l21, l22] = [b / l11, Math.sqrt(c - (b * b) / a)];
    for (let s = 0; s < count; s++, row++) {
      const z1 = rng.normal();
      const z2 = rng.normal();
      x[2 * row] = d.means[2 * k]! + l11 * z1;
      x[2 * row + 1] = d.means[2 * k + 1]! + l21 * z1 + l22 * z2;
    }
  });
  return x;
}

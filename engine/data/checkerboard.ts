/**
 * The FFJORD checkerboard (lib/toy_data.py): x1 = 4U − 2, x2 = U − 2·randint(0, 2) + (⌊x1⌋ mod 2), i.e. uniform on
 * the 8 unit squares of [−2, 2)² where ⌊x1⌋ and ⌊x2⌋ have the same parity, then scaled. FFJORD scales by 2
 * (density 1/32 on [−4, 4]²); facebookresearch/flow_matching's example divides by 0.45 (density 0.45²/8 = 0.0253).
 */
import type {Rng} from "../random.ts";
import {checkCount, checkDensityShapes, type Dataset2D} from "./dataset.ts";

/** A checkerboard dataset: the unit recipe times `scale`, with its exact uniform density 1/(8·scale²). */
export function checkerboard(scale: number, name: string, description: string): Dataset2D {
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`invalid scale: ${scale}`);
  const logDens = -Math.log(8 * scale * scale);
  return {
    name,
    description,
    entropy: -logDens,
    entropyError: 0,
    entropyMethod: "closed form",
    extent: [-2.2 * scale, 2.2 * scale, -2.2 * scale, 2.2 * scale],
    sample(n: number, rng: Rng): Float64Array {
      checkCount(n);
      const x = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const x1 = 4 * rng.uniform() - 2;
        const x2 = rng.uniform() - 2 * rng.int(2) + mod2(Math.floor(x1));
        x[2 * i] = scale * x1;
        x[2 * i + 1] = scale * x2;
      }
      return x;
    },
    logDensity(out: Float64Array, x: Float64Array, n: number): Float64Array {
      checkDensityShapes(out, x, n);
      for (let i = 0; i < n; i++) {
        const u = x[2 * i]! / scale;
        const v = x[2 * i + 1]! / scale;
        const inside = u >= -2 && u < 2 && v >= -2 && v < 2 && mod2(Math.floor(u)) === mod2(Math.floor(v));
        out[i] = inside ? logDens : -Infinity;
      }
      return out;
    }
  };
}

/** Python's k % 2 for integers (non-negative for negative k). */
function mod2(k: number): number {
  return ((k % 2) + 2) % 2;
}

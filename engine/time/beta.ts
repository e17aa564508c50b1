/**
 * Beta-distributed training times (lecture §8.10), with the affine placement openpi/π0 uses: its code draws
 * s = floor + (1 − floor)·B, B ~ Beta(1.5, 1), floor = 0.001, in its own time s, where s = 1 is noise. In flow time
 * (t = 0 noise, t = 1 data) that is t = 1 − s, so `reversed: true` gives π0's times in ours. Beta draws use two gamma
 * draws (Marsaglia & Tsang 2000, "A simple method for generating gamma variables", ACM TOMS 26(3)).
 */
import type {Rng} from "../random.ts";
import type {TimeSampler} from "./samplers.ts";

export interface BetaTimeOptions {
  /** Shape a > 0. @defaultValue 1.5 */
  a?: number;
  /** Shape b > 0. @defaultValue 1 */
  b?: number;
  /** The draw is floor + (1 − floor)·B, so it stays away from 0. @defaultValue 0 */
  floor?: number;
  /** Return 1 − (floor + (1 − floor)·B): a sampler written in diffusion time, read in flow time. @defaultValue false */
  reversed?: boolean;
}

/** One Gamma(shape, 1) draw; shape < 1 by the boost Gamma(k) = Gamma(k + 1)·U^(1/k). */
export function gammaDraw(shape: number, rng: Rng): number {
  if (shape < 1) return gammaDraw(shape + 1, rng) * Math.pow(rng.uniform() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
  ];
  const z = x - 1;
  let sum = g[0]!;
  for (let i = 1; i < 9; i++) sum += g[i]! / (z + i);
  const w = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(w) - w + Math.log(sum);
}

/** Times from a Beta(a, b) law placed on [floor, 1] (and mirrored when `reversed`), with its exact density. */
export function betaTime(options: BetaTimeOptions = {}): TimeSampler {
  const {a = 1.5, b = 1, floor = 0, reversed = false} = options;
  if (!(Number.isFinite(a) && a > 0)) throw new RangeError(`invalid a: ${a}`);
  if (!(Number.isFinite(b) && b > 0)) throw new RangeError(`invalid b: ${b}`);
  if (!(floor >= 0 && floor < 1)) throw new RangeError(`invalid floor: ${floor}`);
  const logNorm = logGamma(a + b) - logGamma(a) - logGamma(b);
  const width = 1 - floor;
  // Beta(a, 1) has CDF u^a and Beta(1, b) has CDF 1 − (1 − u)^b: one uniform each (π0's Beta(1.5, 1) among them).
  const draw =
    b === 1
      ? (r: Rng) => Math.pow(r.uniform(), 1 / a)
      : a === 1
        ? (r: Rng) => 1 - Math.pow(r.uniform(), 1 / b)
        : (r: Rng) => {
            const x = gammaDraw(a, r);
            return x / (x + gammaDraw(b, r));
          };
  return {
    name: reversed ? "beta-reversed" : "beta",
    sample(out, n, rng) {
      if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`invalid n: ${n}`);
      if (out.length < n) throw new RangeError(`shape mismatch: out of length ${out.length} vs [${n}]`);
      for (let i = 0; i < n; i++) {
        const s = floor + width * draw(rng);
        out[i] = reversed ? 1 - s : s;
      }
      return out;
    },
    density(t) {
      const u = ((reversed ? 1 - t : t) - floor) / width;
      if (!(u > 0 && u < 1)) return 0;
      return Math.exp(logNorm + (a - 1) * Math.log(u) + (b - 1) * Math.log(1 - u)) / width;
    }
  };
}

/** openpi/π0's times in flow time: s = 0.001 + 0.999·Beta(1.5, 1) in its own time, t = 1 − s in ours. */
export function pi0Time(): TimeSampler {
  return betaTime({a: 1.5, b: 1, floor: 0.001, reversed: true});
}

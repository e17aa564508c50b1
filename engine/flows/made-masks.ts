/**
 * MADE's degrees and masks for any dimension d, as plain numbers (Germain et al. 2015), for the figures that draw a
 * masked network and for a small d-dimensional autoregressive flow (autoregressive-nd.ts). 1-based degrees as the
 * slide writes them: input j has degree m⁰(j) = j; hidden unit k of layer l has a degree m^l(k) in {1, …, d − 1};
 * hidden masks M^l[k′][k] = 𝟙[m^l(k′) ≥ m^{l−1}(k)]; the output mask M^out[i][k] = 𝟙[i > m^L(k)]. Output i then
 * depends on inputs j < i only. (engine/flows/made.ts is the trainable autodiff version with cyclic degrees.)
 */
import {rng} from "../random.ts";

/** How hidden degrees are chosen: cycling 1, 2, …, d − 1, 1, 2, … (ordered) or uniformly at random from a seed. */
export type DegreeOrder = "ordered" | "random";

export interface MadeDegreesOptions {
  /** Input dimension d (≥ 2). */
  dim: number;
  /** Width of each hidden layer, e.g. [8] or [8, 8]. */
  hidden: readonly number[];
  /** @defaultValue "ordered" */
  order?: DegreeOrder;
  /** Seed of the random degrees. @defaultValue 0 */
  seed?: number;
}

/** Degrees of every layer: [inputs 1..d, hidden layer 1, …, hidden layer L, outputs 1..d]. */
export function madeDegrees(options: MadeDegreesOptions): number[][] {
  const d = options.dim;
  if (!Number.isInteger(d) || d < 2) throw new RangeError(`made degrees: dim must be an integer ≥ 2, got ${d}`);
  if (options.hidden.some((w) => !Number.isInteger(w) || w < 1))
    throw new RangeError(`made degrees: hidden widths must be positive integers, got ${options.hidden.join(",")}`);
  const random = rng(options.seed ?? 0);
  const ordered = (options.order ?? "ordered") === "ordered";
  const one = Array.from({length: d}, (_, j) => j + 1);
  const hidden = options.hidden.map((width) =>
    Array.from({length: width}, (_, k) => (ordered ? (k % (d - 1)) + 1 : 1 + random.int(d - 1)))
  );
  return [one, ...hidden, one.slice()];
}

/** The masks between consecutive layers, mask[l][out][in] ∈ {0, 1}; the last one is the output mask (strict). */
export function madeMasks(degrees: readonly (readonly number[])[]): number[][][] {
  if (degrees.length < 3)
    throw new RangeError("made masks: degrees need inputs, at least one hidden layer and outputs");
  return degrees.slice(1).map((outDeg, l) => {
    const inDeg = degrees[l]!;
    const last = l === degrees.length - 2;
    return outDeg.map((b) => inDeg.map((a) => ((last ? b > a : b >= a) ? 1 : 0)));
  });
}

/**
 * Which units of each layer lie on a masked path to output i (1-based): reach[l][k] is true when unit k of layer l
 * feeds output i through nonzero mask entries. reach[0] are the inputs output i can read: exactly j < i when every
 * degree below i has a hidden unit, never more.
 */
export function madePaths(masks: readonly (readonly (readonly number[])[])[], output: number): boolean[][] {
  const outs = masks.at(-1)!.length;
  if (!Number.isInteger(output) || output < 1 || output > outs)
    throw new RangeError(`made paths: output must be an integer in 1..${outs}, got ${output}`);
  const reach: boolean[][] = [Array.from({length: outs}, (_, i) => i === output - 1)];
  for (let l = masks.length - 1; l >= 0; l--) {
    const mask = masks[l]!;
    const above = reach[0]!;
    reach.unshift(mask[0]!.map((_, k) => mask.some((row, o) => above[o]! && row[k] === 1)));
  }
  return reach;
}

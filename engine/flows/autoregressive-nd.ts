/**
 * A d-dimensional affine autoregressive flow on plain numbers, MAF or IAF, whose conditioner is one MADE network
 * (made-masks.ts) with a pass counter: the figures that count network passes in d dimensions (deck 2, MAF vs IAF)
 * run it. Generator x_i = τ(z_i; h_i) = μ_i + e^{α_i} z_i with h_i = (μ_i, α_i) = c_i(·) read from
 * - MAF: the data x_{<i}: evaluating z = τ⁻¹(x; c(x)) is one pass, sampling needs d passes (x_i waits for x_{<i});
 * - IAF: the noise z_{<i}: sampling x = τ(z; c(z)) is one pass, evaluating needs d passes (z_i waits for z_{<i}).
 * log|det ∂x/∂z| = Σ_i α_i either way. (engine/flows/autoregressive.ts is the trainable 2D layer.)
 */
import {rng} from "../random.ts";
import {madeDegrees, madeMasks, type DegreeOrder} from "./made-masks.ts";

export type AutoregressiveVariant = "maf" | "iaf";

export interface AutoregressiveNdOptions {
  dim: number;
  variant: AutoregressiveVariant;
  /** Hidden widths of the MADE conditioner. @defaultValue [8] */
  hidden?: readonly number[];
  /** @defaultValue "ordered" */
  order?: DegreeOrder;
  /** Seed of the weights (and random degrees). @defaultValue 0 */
  seed?: number;
}

/** One direction's result: the other side's point, log|det ∂x/∂z|, and which coordinates each pass filled. */
export interface AutoregressiveRun {
  out: number[];
  logDet: number;
  /** The conditioner passes this run made (the counter's increase). */
  passes: number;
  /** filled[p] = the 0-based coordinates that pass p + 1 computed. */
  filled: number[][];
}

export interface AutoregressiveNd {
  readonly dim: number;
  readonly variant: AutoregressiveVariant;
  /** Conditioner passes made so far, counted inside the network. */
  readonly passes: number;
  /** μ and α for every coordinate from one pass over v (only v_{<i} matters for coordinate i). */
  conditioner(v: readonly number[]): {mu: number[]; alpha: number[]};
  /** Sampling direction x = f(z). */
  sample(z: readonly number[]): AutoregressiveRun;
  /** Density direction z = f⁻¹(x); logDet is still log|det ∂x/∂z| at that z. */
  evaluate(x: readonly number[]): AutoregressiveRun;
}

/** A MAF or IAF with a random tanh MADE conditioner (outputs bounded: |α| ≤ 0.8, |μ| ≤ 1.5). */
export function autoregressiveNd(options: AutoregressiveNdOptions): AutoregressiveNd {
  const d = options.dim;
  if (options.variant !== "maf" && options.variant !== "iaf")
    throw new RangeError(`autoregressive flow: variant must be maf or iaf, got ${String(options.variant)}`);
  const degrees = madeDegrees({dim: d, hidden: options.hidden ?? [8], order: options.order, seed: options.seed});
  const masks = madeMasks(degrees);
  const random = rng((options.seed ?? 0) + 7919);
  // Hidden layers as masked weights; the output layer has two heads (μ and α) sharing the output mask.
  const weights = masks.map((mask, l) => {
    const heads = l === masks.length - 1 ? 2 : 1;
    return Array.from({length: heads}, () => mask.map((row) => row.map((m) => m * random.normal())));
  });
  let passes = 0;
  const net: AutoregressiveNd = {
    dim: d,
    variant: options.variant,
    get passes() {
      return passes;
    },
    conditioner(v) {
      passes++;
      let h = v.slice();
      for (const [w] of weights.slice(0, -1))
        h = w!.map((row) => Math.tanh(row.reduce((s, a, k) => s + a * h[k]!, 0.3)));
      const [wm, wa] = weights.at(-1)!;
      const head = (w: number[][], bound: number, shift: number) =>
        w.map((row) => bound * Math.tanh(row.reduce((s, a, k) => s + a * h[k]!, shift) / 2));
      return {mu: head(wm!, 1.5, 0.2), alpha: head(wa!, 0.8, -0.1)};
    },
    sample: (z) => run(z, false),
    evaluate: (x) => run(x, true)
  };
  /** τ (or τ⁻¹ when `invert`) for every coordinate: parallel when the conditioner reads the input side. */
  function run(v: readonly number[], invert: boolean): AutoregressiveRun {
    if (v.length !== d) throw new RangeError(`autoregressive flow: point must have ${d} coordinates, got ${v.length}`);
    const start = passes;
    const out = new Array<number>(d).fill(0);
    const apply = (i: number, h: {mu: number[]; alpha: number[]}) =>
      (out[i] = invert ? (v[i]! - h.mu[i]!) * Math.exp(-h.alpha[i]!) : h.mu[i]! + Math.exp(h.alpha[i]!) * v[i]!);
    let logDet = 0;
    const filled: number[][] = [];
    // MAF conditions on x: its evaluate reads the given x, so all at once; IAF conditions on z: its sample does.
    if ((options.variant === "maf") === invert) {
      const h = net.conditioner(v);
      for (let i = 0; i < d; i++) {
        apply(i, h);
        logDet += h.alpha[i]!;
      }
      filled.push(Array.from({length: d}, (_, i) => i));
    } else {
      for (let i = 0; i < d; i++) {
        const h = net.conditioner(out); // reads the coordinates filled so far; the rest are 0 and masked out
        apply(i, h);
        logDet += h.alpha[i]!;
        filled.push([i]);
      }
    }
    return {out, logDet, passes: passes - start, filled};
  }
  return net;
}

/**
 * The batch of the `pairs` demo (lecture D4.14-D4.16), computed by the pairs task (pairs.ts) in the worker and by the
 * demo's snapshot for print: B points from a two-mode source and a two-mode target, their independent and exact-OT
 * pairings with each pairing's mean squared displacement, closed-form marginal trajectories of the I-CFM path between
 * the two mixtures (engine marginalField, RK4), their path energy and straightness, and the places where two of those
 * trajectories pass the same point at different times. The `bridge` demo shares the mixtures.
 */
import {pairCost} from "../couplings/minibatch-cost.ts";
import {gaussianMixture, type GaussianMixture} from "../data/gaussian-mixture.ts";
import {marginalField, type MarginalField} from "../fm/marginal.ts";
import {pathEnergy} from "../metrics/path-energy.ts";
import {otPairing} from "../ot/plan.ts";
import {iCfmPath} from "../paths/cfm.ts";
import {rng} from "../random.ts";
import type {Extent} from "../data/dataset.ts";

/** The two mixtures: `asymmetric` (targets at different heights, so marginal traces cross) or Liu et al.'s symmetric one. */
export type Preset = "asymmetric" | "symmetric";

/** Variance of every mode. */
const MODE_VARIANCE = 0.15;

/** The source q₀ (two modes on the left) and the target q (two modes on the right) of a preset, scaled by μ. */
export function presetMixtures(preset: Preset, mu: number): {source: GaussianMixture; target: GaussianMixture} {
  const source = gaussianMixture({
    weights: [0.5, 0.5],
    means: [
      [-mu, -mu],
      [-mu, mu]
    ],
    cov: MODE_VARIANCE
  });
  const targetMeans: [number, number][] =
    preset === "symmetric"
      ? [
          [mu, -mu],
          [mu, mu]
        ]
      : [
          [mu, -1.5 * mu],
          [mu, 0.2 * mu]
        ];
  return {source, target: gaussianMixture({weights: [0.5, 0.5], means: targetMeans, cov: MODE_VARIANCE})};
}

/**
 * The plotted box of a preset: both mixtures with three standard deviations to spare, and room at the top for the
 * readout and on the right for the labels of crossings.
 */
export function presetExtent(preset: Preset, mu: number): Extent {
  const pad = 3 * Math.sqrt(MODE_VARIANCE) + 0.2;
  const low = preset === "symmetric" ? -mu : -1.5 * mu;
  return [-mu - pad - 0.4, mu + pad + 1.4, low - pad, mu + pad + 1.4];
}

/** The options the frame depends on. */
export interface PairsInput {
  preset: Preset;
  mu: number;
  b: number;
  sigma: number;
  seed: number;
}

/** A batch, its two pairings and the marginal flow between the mixtures. */
export interface PairsBatch {
  b: number;
  /** [b, 2] sources and targets, drawn independently. */
  x0: Float64Array;
  x1: Float64Array;
  /** Source mode of each x0 (0: lower, 1: upper). */
  mode: Uint8Array;
  /** x0[i] ↔ x1[perm[i]], the exact OT permutation of the batch. */
  perm: Int32Array;
  /** Mean |x1 − x0|² of the independent pairs (i ↔ i) and of the OT pairs. */
  costRandom: number;
  costOt: number;
  /** Closed-form marginal trajectories [steps + 1, m, 2] from the first m sources. */
  traces: Float64Array;
  m: number;
  steps: number;
  /**
   * Along the drawn trajectories Z_t: the path energy ℰ = ∫ E|u_t(Z_t)|² dt (trapezoid on the RK4 grid), the squared
   * displacement E|Z₁ − Z₀|², and the straightness S = ℰ − E|Z₁ − Z₀|² (0 only for straight, constant-speed paths).
   */
  energy: number;
  displacement: number;
  straightness: number;
  /** Pairs of traces whose planar paths cross, with the two times at which they pass the crossing. */
  crossings: Crossing[];
  extent: Extent;
}

/** Two marginal trajectories through the same point at different times. */
export interface Crossing {
  x: number;
  y: number;
  /** The earlier and the later time. */
  t0: number;
  t1: number;
}

/** Marginal trajectories drawn, and their RK4 steps over [0, 1]. */
export const TRACE_COUNT = 30;
export const TRACE_STEPS = 40;

/** Source modes by nearest mean (the mixtures' modes are far apart). */
function modesOf(x0: Float64Array, source: GaussianMixture, n: number): Uint8Array {
  const mode = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = (k: number) =>
      (x0[2 * i]! - source.means[2 * k]!) ** 2 + (x0[2 * i + 1]! - source.means[2 * k + 1]!) ** 2;
    mode[i] = d(1) < d(0) ? 1 : 0;
  }
  return mode;
}

/** The field of the I-CFM path with constant σ between the preset's mixtures. */
export function presetField(input: Pick<PairsInput, "preset" | "mu" | "sigma">): MarginalField {
  const {source, target} = presetMixtures(input.preset, input.mu);
  return marginalField(iCfmPath(input.sigma), source, target);
}

/** The batch and everything drawn from it; seeded, so the same options give the same frame. */
export function pairsBatch(input: PairsInput): PairsBatch {
  const batch = pairsBatchWithoutCrossings(input);
  for (let i = 0; i < batch.m; i++) addCrossingsOf(batch.traces, batch.m, batch.steps, i, batch.crossings);
  return batch;
}

/**
 * The batch with an empty list of crossings, for a caller that finds them in parts (the pairs task, one trajectory
 * per unit of work: `addCrossingsOf` for i = 0 … m − 1 in order gives the list of `crossingsOf`).
 */
export function pairsBatchWithoutCrossings(input: PairsInput): PairsBatch {
  const {preset, mu, b, seed} = input;
  const {source, target} = presetMixtures(preset, mu);
  const random = rng(seed);
  const x0 = source.sample(b, random);
  const x1 = target.sample(b, random);
  const perm = otPairing(x0, x1, b);
  const m = Math.min(TRACE_COUNT, b);
  const field = presetField(input);
  const traces = integrateTraces(field, x0.subarray(0, 2 * m), m, TRACE_STEPS);
  const {energy, displacement} = energyOf(field, traces, m, TRACE_STEPS);
  return {
    b,
    x0,
    x1,
    mode: modesOf(x0, source, b),
    perm,
    costRandom: pairCost(x0, x1, b),
    costOt: pairCost(x0, x1, b, perm),
    traces,
    m,
    steps: TRACE_STEPS,
    energy,
    displacement,
    straightness: energy - displacement,
    crossings: [],
    extent: presetExtent(preset, mu)
  };
}

/** RK4 through the marginal field: [steps + 1, m, 2], row 0 the starting points. */
export function integrateTraces(field: MarginalField, start: Float64Array, m: number, steps: number): Float64Array {
  const out = new Float64Array(2 * m * (steps + 1));
  out.set(start.subarray(0, 2 * m));
  const y = start.slice(0, 2 * m);
  const [k1, k2, k3, k4, tmp] = Array.from({length: 5}, () => new Float64Array(2 * m)) as Float64Array[];
  const h = 1 / steps;
  const f = (o: Float64Array, x: Float64Array, t: number) => field.velocity(o, x, m, t);
  for (let k = 0; k < steps; k++) {
    const t = k * h;
    f(k1!, y, t);
    for (let i = 0; i < y.length; i++) tmp![i] = y[i]! + 0.5 * h * k1![i]!;
    f(k2!, tmp!, t + 0.5 * h);
    for (let i = 0; i < y.length; i++) tmp![i] = y[i]! + 0.5 * h * k2![i]!;
    f(k3!, tmp!, t + 0.5 * h);
    for (let i = 0; i < y.length; i++) tmp![i] = y[i]! + h * k3![i]!;
    f(k4!, tmp!, t + h);
    for (let i = 0; i < y.length; i++) y[i] = y[i]! + (h / 6) * (k1![i]! + 2 * k2![i]! + 2 * k3![i]! + k4![i]!);
    out.set(y, 2 * m * (k + 1));
  }
  return out;
}

/** Path energy (engine metrics.pathEnergy on the field's velocities along the traces) and E|Z₁ − Z₀|². */
export function energyOf(field: MarginalField, traces: Float64Array, m: number, steps: number) {
  const velocities: Float64Array[] = [];
  const times: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const v = new Float64Array(2 * m);
    field.velocity(v, traces.subarray(2 * m * k, 2 * m * (k + 1)), m, k / steps);
    velocities.push(v);
    times.push(k / steps);
  }
  let displacement = 0;
  for (let c = 0; c < 2 * m; c++) displacement += (traces[2 * m * steps + c]! - traces[c]!) ** 2 / m;
  return {energy: pathEnergy(velocities, times, m), displacement};
}

/**
 * Where the planar traces of two trajectories cross: segment k of path i against segment l of path j, with the times
 * interpolated at the crossing. Two trajectories of one ODE never meet at the same (x, t): the times always differ.
 */
export function crossingsOf(traces: Float64Array, m: number, steps: number): Crossing[] {
  const out: Crossing[] = [];
  for (let i = 0; i < m; i++) addCrossingsOf(traces, m, steps, i, out);
  return out;
}

/** Appends to `out` the crossings of trajectory i with every later one (j > i). */
export function addCrossingsOf(traces: Float64Array, m: number, steps: number, i: number, out: Crossing[]): void {
  const px = (i: number, k: number) => traces[2 * (k * m + i)]!;
  const py = (i: number, k: number) => traces[2 * (k * m + i) + 1]!;
  {
    for (let j = i + 1; j < m; j++) {
      for (let k = 0; k < steps; k++) {
        for (let l = 0; l < steps; l++) {
          const hit = intersect(
            px(i, k),
            py(i, k),
            px(i, k + 1),
            py(i, k + 1),
            px(j, l),
            py(j, l),
            px(j, l + 1),
            py(j, l + 1)
          );
          if (!hit) continue;
          const ta = (k + hit.s) / steps;
          const tb = (l + hit.u) / steps;
          out.push({x: hit.x, y: hit.y, t0: Math.min(ta, tb), t1: Math.max(ta, tb)});
        }
      }
    }
  }
}

/** The proper intersection of segments ab and cd, with its fractions along each; undefined when they miss. */
function intersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number) {
  // Disjoint bounding boxes miss (most segment pairs: a cheap test first).
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) return undefined;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return undefined;
  const rx = bx - ax;
  const ry = by - ay;
  const qx = dx - cx;
  const qy = dy - cy;
  const den = rx * qy - ry * qx;
  if (den === 0) return undefined;
  const s = ((cx - ax) * qy - (cy - ay) * qx) / den;
  const u = ((cx - ax) * ry - (cy - ay) * rx) / den;
  if (!(s > 0 && s < 1 && u > 0 && u < 1)) return undefined;
  return {s, u, x: ax + s * rx, y: ay + s * ry};
}

import * as Plot from "@observablehq/plot";
import {pairCost} from "../engine/couplings/minibatch-cost.ts";
import {choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {sqCostMatrix} from "../engine/ot/cost.ts";
import {otPairing} from "../engine/ot/plan.ts";
import {sinkhorn} from "../engine/ot/sinkhorn.ts";
import {rng} from "../engine/random.ts";
import {figure, particles} from "./layers/index.ts";
import {range} from "./layers/data.ts";
import {presetExtent, presetMixtures} from "./pairs-frame.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  preset: choice(["asymmetric", "symmetric"], "asymmetric", "the two-mode source and target (as in the pairs demo)"),
  mu: number(2, "distance μ of the modes from the axes", {min: 0.5, max: 3, step: 0.1}),
  n: integer(16, "points drawn from each side", {min: 2, max: 64}),
  draws: integer(3, "bridge paths drawn per pair", {min: 1, max: 8}),
  seed: seed(0)
};

const state = {
  sigma: number(0.5, "σ of the Brownian bridge; the coupling is entropic OT with ε = 2σ² (σ = 0: exact OT)", {
    min: 0,
    max: 1.5,
    step: 0.01
  })
};

/** Options of `bridge`. */
export type BridgeOptions = Values<typeof options>;
/** State of `bridge`. */
export type BridgeState = Values<typeof state>;

/** Time steps of each drawn bridge path. */
export const BRIDGE_STEPS = 32;
/** Below this σ the entropic plan is replaced by the exact OT permutation (its ε → 0 limit). */
export const EXACT_BELOW = 0.02;

/** What the figure draws at one σ. */
export interface BridgeFrame {
  n: number;
  draws: number;
  sigma: number;
  x0: Float64Array;
  x1: Float64Array;
  /** x0[i] is paired with x1[pair[i]], drawn from row i of the plan. */
  pair: Int32Array;
  /** [BRIDGE_STEPS + 1, n·draws, 2]: path d of pair i is column i·draws + d. */
  paths: Float64Array;
  /** Mean |x1 − x0|² of the drawn pairs, of the exact OT matching, and of the independent pairs (i ↔ i). */
  cost: number;
  costOt: number;
  costRandom: number;
}

/** What does not depend on σ: the batch, one uniform per source for the pair draw, and unit bridge shapes. */
interface Fixed {
  x0: Float64Array;
  x1: Float64Array;
  uniforms: Float64Array;
  /** [n·draws, BRIDGE_STEPS + 1] standard Brownian bridges β(t_k) = W(t_k) − t_k W(1). */
  shapes: Float64Array[];
  perm: Int32Array;
  costMatrix: Float64Array;
}

let cached: {key: string; fixed: Fixed} | undefined;

function fixedOf(o: BridgeOptions): Fixed {
  const key = JSON.stringify(o);
  if (cached?.key === key) return cached.fixed;
  const {source, target} = presetMixtures(o.preset, o.mu);
  const random = rng(o.seed);
  const x0 = source.sample(o.n, random);
  const x1 = target.sample(o.n, random);
  const uniforms = Float64Array.from({length: o.n}, () => random.uniform());
  const shapes: Float64Array[] = [];
  for (let p = 0; p < o.n * o.draws; p++) shapes.push(brownianBridge(random.normal.bind(random), BRIDGE_STEPS, 2));
  const fixed = {x0, x1, uniforms, shapes, perm: otPairing(x0, x1, o.n), costMatrix: sqCostMatrix(x0, x1, o.n, o.n, 2)};
  cached = {key, fixed};
  return fixed;
}

/**
 * A standard Brownian bridge on [0, 1] in d dimensions at K + 1 even times, [K + 1, d] flat: W from Gaussian
 * increments of variance 1/K, then β(t) = W(t) − t W(1), so β(0) = β(1) = 0 and Var β(t) = t(1 − t).
 */
export function brownianBridge(normal: () => number, steps: number, d: number): Float64Array {
  const w = new Float64Array((steps + 1) * d);
  const scale = Math.sqrt(1 / steps);
  for (let k = 1; k <= steps; k++) for (let c = 0; c < d; c++) w[k * d + c] = w[(k - 1) * d + c]! + scale * normal();
  for (let k = 0; k <= steps; k++)
    for (let c = 0; c < d; c++) w[k * d + c] = w[k * d + c]! - (k / steps) * w[steps * d + c]!;
  return w;
}

/** The pairs drawn from the entropic plan with ε = 2σ² (exact OT below EXACT_BELOW), and their bridge paths. */
export function bridgeFrame(o: BridgeOptions, sigma: number): BridgeFrame {
  const {n, draws} = o;
  const f = fixedOf(o);
  const pair = sigma < EXACT_BELOW ? f.perm.slice() : drawPairs(f, n, 2 * sigma * sigma);
  const m = n * draws;
  const paths = new Float64Array((BRIDGE_STEPS + 1) * m * 2);
  for (let i = 0; i < n; i++) {
    const j = pair[i]!;
    for (let d = 0; d < draws; d++) {
      const shape = f.shapes[i * draws + d]!;
      const col = i * draws + d;
      for (let k = 0; k <= BRIDGE_STEPS; k++) {
        const t = k / BRIDGE_STEPS;
        for (let c = 0; c < 2; c++) {
          const mean = (1 - t) * f.x0[2 * i + c]! + t * f.x1[2 * j + c]!;
          paths[2 * (k * m + col) + c] = mean + sigma * shape[2 * k + c]!;
        }
      }
    }
  }
  return {
    n,
    draws,
    sigma,
    x0: f.x0,
    x1: f.x1,
    pair,
    paths,
    cost: pairCost(f.x0, f.x1, n, pair),
    costOt: pairCost(f.x0, f.x1, n, f.perm),
    costRandom: pairCost(f.x0, f.x1, n)
  };
}

/** For each source i, x1's index drawn from row i of the Sinkhorn plan (inverse CDF at the source's fixed uniform). */
function drawPairs(f: Fixed, n: number, reg: number): Int32Array {
  const weights = new Float64Array(n).fill(1 / n);
  const {plan} = sinkhorn(f.costMatrix, weights, weights, reg, {maxIter: 2000, tol: 1e-7});
  const pair = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < n; j++) total += plan[i * n + j]!;
    let acc = 0;
    pair[i] = n - 1;
    for (let j = 0; j < n; j++) {
      acc += plan[i * n + j]! / total;
      if (f.uniforms[i]! < acc) {
        pair[i] = j;
        break;
      }
    }
  }
  return pair;
}

const SIZE: readonly [number, number] = [600, 460];

/**
 * Schrödinger-bridge CFM (D4.17): pairs drawn from the entropic OT plan with ε = 2σ² and, for each pair, a few sample
 * paths of the Brownian bridge x_t = (1 − t)x₀ + t x₁ + σ β_t (σ_t = σ√(t(1 − t))): as σ grows the paths blur into
 * tubes and the pairs mix; as σ → 0 they become the straight lines of the exact OT matching (OT-CFM). On the page.
 */
export const bridge: DemoSpec<typeof options, typeof state, BridgeFrame> = {
  id: "bridge",
  description: "Schrödinger-bridge pairs and paths: entropic OT with ε = 2σ² and Brownian bridges that blur with σ",
  options,
  state,
  controls: ["sigma", "n", "draws"],
  examples: [
    {name: "small sigma, OT limit", state: {sigma: "0"}},
    {name: "large sigma", state: {sigma: "1.2"}}
  ],
  snapshot: (o, s) => bridgeFrame(o, s.sigma),
  render(frame, o, s) {
    const fr = frame ?? bridgeFrame(o, s.sigma);
    const [xmin, xmax, ymin, ymax] = presetExtent(o.preset, o.mu);
    const m = fr.n * fr.draws;
    const segments = range(m * BRIDGE_STEPS);
    const at = (g: number, end: 0 | 1, c: 0 | 1) => {
      const col = g % m;
      const k = Math.floor(g / m) + end;
      return fr.paths[2 * (k * m + col) + c];
    };
    return figure({
      label: `Brownian-bridge paths between ${fr.n} pairs at σ = ${fr.sigma.toFixed(2)}`,
      description: describeFrame(fr),
      size: SIZE,
      equal: true,
      marginBottom: 30,
      marginLeft: 50,
      x: {domain: [xmin, xmax], label: null, ticks: 4},
      y: {domain: [ymin, ymax], label: null, ticks: 4},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.4}),
        Plot.link(segments, {
          x1: (g: number) => at(g, 0, 0),
          y1: (g: number) => at(g, 0, 1),
          x2: (g: number) => at(g, 1, 0),
          y2: (g: number) => at(g, 1, 1),
          stroke: palette.conditional,
          strokeWidth: 1.5,
          strokeOpacity: fr.draws > 1 ? 0.5 : 0.8
        }),
        particles(fr.x0, {color: "source", r: 4, opacity: 0.95}),
        particles(fr.x1, {color: "target", symbol: "diamond", r: 4, opacity: 0.95}),
        Plot.text([readout(fr)], {frameAnchor: "top-left", dx: 8, dy: 6, fontSize: 20, lineAnchor: "top"})
      ]
    });
  },
  describe: (frame, o, s) => describeFrame(frame ?? bridgeFrame(o, s.sigma))
};

function readout(fr: BridgeFrame): string {
  const eps = 2 * fr.sigma * fr.sigma;
  const plan = fr.sigma < EXACT_BELOW ? "exact OT" : `ε = 2σ² = ${eps.toFixed(2)}`;
  return (
    `σ ${fr.sigma.toFixed(2)} · ${plan}\n` +
    `pairs: mean |x₁−x₀|² ${fr.cost.toFixed(2)}\n` +
    `exact OT ${fr.costOt.toFixed(2)} · random ${fr.costRandom.toFixed(2)}`
  );
}

function describeFrame(fr: BridgeFrame): string {
  return (
    `${fr.n} source and target points paired by entropic OT with ε = 2σ², σ = ${fr.sigma.toFixed(2)}, ` +
    `${fr.draws} Brownian-bridge paths per pair; mean squared pair length ${fr.cost.toFixed(2)} ` +
    `(exact OT ${fr.costOt.toFixed(2)}, random ${fr.costRandom.toFixed(2)})`
  );
}

export default bridge;

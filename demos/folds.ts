import {sineFold, type FoldMap} from "../engine/flows/1d/fold.ts";
import {boolean, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {normalCdf, normalPdf, normalQuantile} from "../engine/stats/normal.ts";
import {binsOf} from "./layers/index.ts";
import {pushFigure} from "./layers/push-bands.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  bins: integer(8, "coloured equal-mass bins on the z-axis", {min: 2, max: 12}),
  n: integer(20000, "samples of z pushed through f for the histogram", {min: 100, max: 200000}),
  seed: seed(0)
};

const state = {
  k: number(1.2, "strength k of f(z) = z + k sin(ωz)", {min: -2, max: 2, step: 0.05}),
  omega: number(2, "frequency ω > 0 of f(z) = z + k sin(ωz)", {min: 0.2, max: 4, step: 0.05}),
  branch: boolean(true, "also draw the single-branch formula p_Z(z)/|f′(z)| with one preimage z (wrong once folded)"),
  x: number(1.5, "the probe's position x (drag it): all its preimages are highlighted", {min: -5, max: 5, step: 0.05}),
  py: number(0, "the probe handle's height (drag only; nothing depends on it)", {min: -100, max: 100})
};

/** Options of `folds`. */
export type FoldsOptions = Values<typeof options>;
/** State of `folds`. */
export type FoldsState = Values<typeof state>;

/** The z range whose image is drawn. */
const Z_VIEW = 3;
const GRID = 601;
/** Histogram bins over the drawn x range. */
const HIST = 60;

/** What the figure shows: the exact density (sum over preimages), the single-branch one, samples, caustics. */
export interface FoldsFrame {
  map: FoldMap;
  view: [number, number];
  yMax: number;
  edges: Float64Array;
  baseZ: Float64Array;
  baseP: Float64Array;
  x: Float64Array;
  /** Σ over preimages p_Z(z)/|f′(z)|. */
  exact: Float64Array;
  /** p_Z(z)/|f′(z)| at one preimage: the one nearest 0 (the most likely), as if f were invertible. */
  single: Float64Array;
  /**
   * The mass under each curve, computed in z (x = f(z) on each monotone piece turns ∫ p_X dx into ∫ p_Z dz, with no
   * trouble at the spikes): every z counts for the sum, only the nearest-0 preimage of its x for one branch.
   */
  exactMass: number;
  singleMass: number;
  samples: Float64Array;
  /** x of every fold point f′(z) = 0 with z in [−3, 3]. */
  caustics: number[];
  probe: {x: number; preimages: number[]; terms: number[]};
}

/** The single-branch density: p_Z(z)/|f′(z)| at the preimage nearest 0 only. */
export function singleBranch(map: FoldMap, x: number): number {
  const roots = map.preimages(x);
  if (roots.length === 0) return 0;
  const z = roots.reduce((a, b) => (Math.abs(a) <= Math.abs(b) ? a : b));
  return normalPdf(z) / Math.abs(map.derivative(z));
}

/** Cells of the z grid over [−6, 6] on which the masses are computed. */
const MASS_CELLS = 2000;

/** The masses under the sum over preimages and under the single-branch formula (see FoldsFrame). */
export function massesOf(map: FoldMap): {exactMass: number; singleMass: number} {
  let exactMass = 0;
  let singleMass = 0;
  const h = 12 / MASS_CELLS;
  for (let i = 0; i < MASS_CELLS; i++) {
    const a = -6 + i * h;
    const mass = normalCdf(a + h) - normalCdf(a);
    const z = a + h / 2;
    const roots = map.preimages(map.forward(z));
    const nearest = roots.reduce((u, v) => (Math.abs(u) <= Math.abs(v) ? u : v), Infinity);
    exactMass += mass;
    if (Math.abs(nearest - z) < 1e-7) singleMass += mass;
  }
  return {exactMass, singleMass};
}

/** The last map's frame without its probe: dragging the probe recomputes only the probe. */
let last: {key: string; frame: Omit<FoldsFrame, "probe">} | undefined;

/** Everything on the page: about 1,600 root searches and n pushed samples, then the probe's preimages. */
export function computeFrame(o: FoldsOptions, s: FoldsState): FoldsFrame {
  const key = JSON.stringify([o.bins, o.n, o.seed, s.k, s.omega]);
  if (last?.key !== key) last = {key, frame: mapFrame(o, s)};
  const f = last.frame;
  const px = Math.min(f.view[1], Math.max(f.view[0], s.x));
  const preimages = f.map.preimages(px);
  const terms = preimages.map((z) => normalPdf(z) / Math.abs(f.map.derivative(z)));
  return {...f, probe: {x: px, preimages, terms}};
}

function mapFrame(o: FoldsOptions, s: FoldsState): Omit<FoldsFrame, "probe"> {
  const map = sineFold(s.k, s.omega);
  const half = Z_VIEW + Math.abs(s.k);
  const view: [number, number] = [-half, half];
  const regions = o.bins + 2;
  const edges = new Float64Array(o.bins + 1).map((_, i) => normalQuantile((i + 1) / regions));
  // Midpoints of GRID cells: never exactly on a caustic.
  const baseZ = new Float64Array(GRID).map((_, i) => view[0] + ((view[1] - view[0]) * (i + 0.5)) / GRID);
  const baseP = baseZ.map(normalPdf);
  const x = baseZ;
  const exact = new Float64Array(GRID);
  const single = new Float64Array(GRID);
  for (let i = 0; i < GRID; i++) {
    // One root search per point for both curves.
    let nearest = Infinity;
    for (const z of map.preimages(x[i]!)) {
      const term = normalPdf(z) / Math.abs(map.derivative(z));
      exact[i]! += term;
      if (Math.abs(z) < Math.abs(nearest)) [nearest, single[i]] = [z, term];
    }
  }
  const {exactMass, singleMass} = massesOf(map);
  const r = rng(o.seed);
  const samples = new Float64Array(o.n);
  for (let i = 0; i < o.n; i++) samples[i] = map.forward(r.normal());
  const caustics = map.foldPoints(-Z_VIEW, Z_VIEW).map(map.forward);
  // The spikes are infinite: the vertical scale follows the histogram, not the curve.
  const bins = binsOf(samples, {domain: view, bins: HIST});
  const yMax = Math.min(Math.max(normalPdf(0), ...bins.y) * 1.1, 1.6);
  return {map, view, yMax, edges, baseZ, baseP, x, exact, single, exactMass, singleMass, samples, caustics};
}

const fmt = (v: number, d = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);

/** Two readout lines: the fold condition and the probe's preimages with their terms. */
export function readoutLines(f: FoldsFrame, s: FoldsState): [string, string] {
  const kw = Math.abs(s.k) * s.omega;
  const first = `|k|ω = ${kw.toFixed(2)} ${kw > 1 ? "> 1: folds" : "≤ 1: one-to-one"}; mass: sum ${f.exactMass.toFixed(3)}, one branch ${f.singleMass.toFixed(3)}`;
  const {x, preimages, terms} = f.probe;
  const sum = terms.reduce((a, b) => a + b, 0);
  const n = preimages.length;
  const parts = terms.map((t) => t.toFixed(2)).join(" + ");
  const second = `x = ${fmt(x)} has ${n} preimage${n === 1 ? "" : "s"}: p_X(x) = ${n > 1 ? `${parts} = ` : ""}${sum.toFixed(2)}`;
  return [first, second];
}

function describeFrame(f: FoldsFrame, o: FoldsOptions, s: FoldsState): string {
  const [a, b] = readoutLines(f, s);
  return (
    `N(0, 1) on the z-axis (bottom) carried through f(z) = z + ${fmt(s.k)} sin(${s.omega.toFixed(2)} z) to the x-axis ` +
    `(top): a histogram of ${o.n} pushed samples, the density summed over every preimage` +
    `${s.branch ? " and, dashed, the single-branch formula" : ""}${f.caustics.length ? `, with ${f.caustics.length} caustics (f′ = 0)` : ""}. ` +
    `${a}. ${b}.`
  );
}

/**
 * A map that folds (deck 1, D1.12): f(z) = z + k sin(ωz) carries N(0, 1) to the x-axis; once |k|ω > 1 the lines
 * between the axes cross, several z land on one x, the histogram follows the density summed over every preimage (with
 * integrable spikes, caustics, where f′ = 0) and not the single-branch formula. The probe lists an x's preimages.
 */
export const folds: DemoSpec<typeof options, typeof state, FoldsFrame> = {
  id: "folds",
  description: "a map z + k sin(ωz) that folds once |k|ω > 1: the density is a sum over every preimage, with caustics",
  options,
  state,
  controls: ["k", "omega", "branch"],
  drag: {probe: ["x", "py"]},
  examples: [
    {name: "one to one", state: {k: "0.4", omega: "2"}},
    {name: "strong fold", state: {k: "1.8", omega: "1.5", x: "-0.4"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const lines = readoutLines(f, s);
    const main = pushFigure({
      view: f.view,
      yMax: f.yMax,
      base: {z: f.baseZ, p: f.baseP},
      pushed: {x: f.x, p: f.exact},
      edges: f.edges,
      forward: f.map.forward,
      histogram: binsOf(f.samples, {domain: f.view, bins: HIST}),
      wrong: s.branch && f.map.folded ? {x: f.x, p: f.single} : undefined,
      caustics: f.caustics,
      probe: {x: f.probe.x, preimages: f.probe.preimages},
      label: `N(0, 1) pushed through z + ${fmt(s.k)} sin(${s.omega.toFixed(2)} z)`,
      description: describeFrame(f, o, s),
      size: [600, 290]
    });
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.append(lines[0], document.createElement("br"), lines[1]);
    root.append(readout, main);
    // The probe is dragged through the main figure's scales (the runtime reads them from the root it rendered).
    return Object.assign(root, {scale: (name: string) => main.scale(name as "x")});
  },
  renderKeys: ["k", "omega", "branch", "x"],
  describe(frame, o, s) {
    return describeFrame(frame ?? computeFrame(o, s), o, s);
  }
};

export default folds;

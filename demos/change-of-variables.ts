import * as Plot from "@observablehq/plot";
import {affine1d, cubic1d, logistic1d, sinh1d} from "../engine/flows/1d/elementary.ts";
import {pushLogDensity, standardNormalLogPdf, type Map1D} from "../engine/flows/1d/map.ts";
import {boolean, choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {normalPdf, normalQuantile} from "../engine/stats/normal.ts";
import {binsOf, figure} from "./layers/index.ts";
import {pushFigure} from "./layers/push-bands.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  bins: integer(8, "coloured equal-mass bins; with the two grey tails every region holds 1/(bins + 2)", {
    min: 2,
    max: 12
  }),
  n: integer(20000, "samples of z pushed through f for the histogram", {min: 100, max: 100000}),
  seed: seed(0)
};

const state = {
  family: choice(["affine", "sinh", "cubic", "logistic"], "affine", "the monotone map x = f(z)"),
  a: number(2, "slope a of the affine map a z + b (a ≠ 0; a < 0 flips the axis)", {min: -3, max: 3, step: 0.05}),
  b: number(0, "shift b of the affine map", {min: -2, max: 2, step: 0.1}),
  k: number(0.3, "strength k ≥ 0 of the cubic map z + k z³", {min: 0, max: 1, step: 0.05}),
  formula: boolean(false, "the formula: histogram of pushed samples, the log-density readout at the probe"),
  slope: boolean(false, "draw |f′(z)| in the band between the axes"),
  x: number(1, "the probe's position x on the top axis (drag it)", {min: -12, max: 12, step: 0.05}),
  py: number(0, "the probe handle's height (drag only; nothing depends on it)", {min: -100, max: 100})
};

/** Options of `change-of-variables`. */
export type CovOptions = Values<typeof options>;
/** State of `change-of-variables`. */
export type CovState = Values<typeof state>;

/** The z range drawn (99.7% of N(0, 1)); the x range drawn is the image of ±Z_VIEW (heavy tails stay readable). */
const Z_MAX = 3;
const Z_VIEW = 2.5;
/** Grid sizes of the curves and of each bin's area integral (Simpson, even). */
const GRID = 401;
const CELLS = 200;

/** A 1D map with log|f′| (a decreasing affine map is allowed: the engine's Map1D maps are all increasing). */
export function mapOf(s: Pick<CovState, "family" | "a" | "b" | "k">): Map1D {
  switch (s.family) {
    case "affine": {
      if (!(Math.abs(s.a) >= 0.1)) throw new RangeError(`invalid a: ${s.a} (|a| ≥ 0.1: a = 0 squeezes every z onto b)`);
      if (s.a > 0) return affine1d(s.a, s.b);
      // x = a z + b with a < 0: the same stretch |a|, the axis flipped; log|f′| = log|a|.
      const logA = Math.log(-s.a);
      return {
        name: "affine",
        forward: (z) => s.a * z + s.b,
        inverse: (x) => (x - s.b) / s.a,
        logDerivative: () => logA
      };
    }
    case "sinh":
      return sinh1d();
    case "cubic":
      return cubic1d(s.k);
    case "logistic":
      return logistic1d();
  }
}

/** What the figure and the readout show, all computed from the map and N(0, 1). */
export interface CovFrame {
  map: Map1D;
  view: [number, number];
  /** Image of [−3, 3]: the x range of the histogram. */
  image: [number, number];
  yMax: number;
  edges: Float64Array;
  baseZ: Float64Array;
  baseP: Float64Array;
  pushedX: Float64Array;
  pushedP: Float64Array;
  /** Each bin's image as a density curve, and its area ∫ p_X over it (Simpson), and the bin's own ∫ p_Z. */
  images: {x: Float64Array; p: Float64Array}[];
  areasZ: Float64Array;
  areasX: Float64Array;
  /** Pushed samples f(z), z ~ N(0, 1). */
  samples: Float64Array;
  /** The probe: x clamped into the image, z = f⁻¹(x), log p_Z(z), −log|f′(z)|, log p_X(x) (the engine's). */
  probe: {x: number; z: number; logPz: number; minusLogSlope: number; logPx: number; bin: number};
}

/** ∫_a^b g by Simpson's rule on CELLS cells. */
export function simpson(g: (t: number) => number, a: number, b: number): number {
  const h = (b - a) / CELLS;
  let sum = g(a) + g(b);
  for (let i = 1; i < CELLS; i++) sum += (i % 2 === 1 ? 4 : 2) * g(a + i * h);
  return (sum * h) / 3;
}

/** p_X(x) by the engine's change of variables (0 outside the image). */
function densityAt(map: Map1D, x: number): number {
  const out = pushLogDensity(map, new Float64Array(1), [x]);
  return Math.exp(out[0]!);
}

/** The last map's frame without its probe: dragging the probe recomputes only the probe. */
let last: {key: string; frame: Omit<CovFrame, "probe">} | undefined;

/** Everything the demo shows, on the page: a few thousand closed-form evaluations and n pushed samples. */
export function computeFrame(o: CovOptions, s: CovState): CovFrame {
  const key = JSON.stringify([o.bins, o.n, o.seed, s.family, s.a, s.b, s.k]);
  if (last?.key !== key) last = {key, frame: mapFrame(o, s)};
  const f = last.frame;
  const {map, image, edges} = f;
  const inset = (image[1] - image[0]) * 1e-4;
  const px = Math.min(image[1] - inset, Math.max(image[0] + inset, s.x));
  const z = map.inverse(px);
  const logPz = standardNormalLogPdf(z);
  const minusLogSlope = -map.logDerivative(z);
  const logPx = pushLogDensity(map, new Float64Array(1), [px])[0]!;
  let bin = -1;
  for (let i = 0; i < o.bins; i++) if (z >= edges[i]! && z <= edges[i + 1]!) bin = i;
  return {...f, probe: {x: px, z, logPz, minusLogSlope, logPx, bin}};
}

/** The frame of one map and one set of options, without the probe. */
function mapFrame(o: CovOptions, s: CovState): Omit<CovFrame, "probe"> {
  const map = mapOf(s);
  const f0 = map.forward(-Z_VIEW);
  const f1 = map.forward(Z_VIEW);
  const image: [number, number] = [Math.min(f0, f1), Math.max(f0, f1)];
  const pad = 0.03 * (Math.max(Z_MAX, image[1]) - Math.min(-Z_MAX, image[0]));
  const view: [number, number] = [Math.min(-Z_MAX, image[0]) - pad, Math.max(Z_MAX, image[1]) + pad];

  const regions = o.bins + 2;
  const edges = new Float64Array(o.bins + 1).map((_, i) => normalQuantile((i + 1) / regions));
  const baseZ = new Float64Array(GRID).map((_, i) => view[0] + ((view[1] - view[0]) * i) / (GRID - 1));
  const baseP = baseZ.map(normalPdf);
  // The pushed curve on the image (the logistic's is open: keep inside it).
  const inset = (image[1] - image[0]) * 1e-4;
  const pushedX = new Float64Array(GRID).map(
    (_, i) => image[0] + inset + ((image[1] - image[0] - 2 * inset) * i) / (GRID - 1)
  );
  const pushedP = pushLogDensity(map, new Float64Array(GRID), pushedX).map(Math.exp);

  const images: CovFrame["images"] = [];
  const areasZ = new Float64Array(o.bins);
  const areasX = new Float64Array(o.bins);
  for (let i = 0; i < o.bins; i++) {
    const [xa, xb] = [map.forward(edges[i]!), map.forward(edges[i + 1]!)].sort((u, v) => u - v) as [number, number];
    const x = new Float64Array(61).map((_, j) => xa + ((xb - xa) * j) / 60);
    images.push({x, p: pushLogDensity(map, new Float64Array(61), x).map(Math.exp)});
    areasZ[i] = simpson(normalPdf, edges[i]!, edges[i + 1]!);
    areasX[i] = simpson((t) => densityAt(map, t), xa, xb);
  }

  let peak = normalPdf(0);
  for (const p of pushedP) if (Number.isFinite(p)) peak = Math.max(peak, p);
  const yMax = Math.min(peak * 1.08, 2.5);

  const r = rng(o.seed);
  const samples = new Float64Array(o.n);
  for (let i = 0; i < o.n; i++) samples[i] = map.forward(r.normal());

  return {map, view, image, yMax, edges, baseZ, baseP, pushedX, pushedP, images, areasZ, areasX, samples};
}

const fmt = (v: number, d = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);

function mapLabel(s: CovState): string {
  if (s.family === "affine") return `x = ${fmt(s.a)} z ${s.b < 0 ? "−" : "+"} ${Math.abs(s.b).toFixed(1)}`;
  if (s.family === "cubic") return `x = z + ${s.k.toFixed(2)} z³`;
  return s.family === "sinh" ? "x = sinh z" : "x = 1/(1 + e^−z)";
}

/** The two readout lines: the probed bin's areas (mass is conserved), or the log-density sum at the probe. */
export function readoutLines(f: CovFrame, o: CovOptions, s: CovState): [string, string] {
  const p = f.probe;
  if (s.formula) {
    return [
      `at x = ${fmt(p.x)}: z = f⁻¹(x) = ${fmt(p.z)}, |f′(z)| = ${Math.exp(-p.minusLogSlope).toFixed(2)}`,
      `log p_Z(z) ${fmt(p.logPz)} + (−log|f′(z)|) ${fmt(p.minusLogSlope)} = log p_X(x) ${fmt(p.logPx)}`
    ];
  }
  const lo = Math.min(...f.areasX);
  const hi = Math.max(...f.areasX);
  const all = `every bin: area ${lo.toFixed(3)}–${hi.toFixed(3)} above, ${(1 / (o.bins + 2)).toFixed(3)} below`;
  if (p.bin < 0) return [`the probe's z = ${fmt(p.z)} is in a grey tail`, all];
  const wz = f.edges[p.bin + 1]! - f.edges[p.bin]!;
  const wx = Math.abs(f.map.forward(f.edges[p.bin + 1]!) - f.map.forward(f.edges[p.bin]!));
  const az = f.areasZ[p.bin]!;
  const ax = f.areasX[p.bin]!;
  return [
    `bin ${p.bin + 1}: ${wz.toFixed(2)} wide × ${(az / wz).toFixed(2)} high = ${az.toFixed(3)} → ` +
      `${wx.toFixed(2)} × ${(ax / wx).toFixed(2)} = ${ax.toFixed(3)}`,
    all
  ];
}

function describeFrame(f: CovFrame, o: CovOptions, s: CovState): string {
  const [a, b] = readoutLines(f, o, s);
  return (
    `The map ${mapLabel(s)} carries N(0, 1) on the z-axis (bottom), cut into ${o.bins} equal-mass bins and two ` +
    `grey tails, to the pushed density p_X on the x-axis (top)${s.formula ? `, over a histogram of ${o.n} pushed samples` : ""}. ` +
    `${a}. ${b}.`
  );
}

/** The stacked bar of the formula: log p_Z(z) and −log|f′(z)| add up to log p_X(x). */
function logBar(f: CovFrame): ReturnType<typeof Plot.plot> {
  const {logPz, minusLogSlope, logPx} = f.probe;
  const lo = Math.min(-6, logPx - 0.5, logPz - 0.5);
  const hi = Math.max(2, logPx + 0.5, logPz + 0.5);
  // A waterfall: log p_Z(z) from 0, then −log|f′(z)| from there; the target rule marks where the sum lands.
  return figure({
    label: "log p_X(x) as a sum",
    size: [600, 112],
    marginTop: 8,
    marginBottom: 34,
    marginLeft: 150,
    x: {domain: [lo, hi], ticks: 6, label: null},
    y: {axis: null, domain: [0, 2]},
    marks: [
      Plot.rectX([0], {x1: 0, x2: logPz, y1: 1.1, y2: 1.9, fill: palette.source, fillOpacity: 0.6}),
      Plot.rectX([0], {x1: logPz, x2: logPx, y1: 0.1, y2: 0.9, fill: palette.muted, fillOpacity: 0.55}),
      Plot.ruleX([logPx], {y1: 0, y2: 2, stroke: palette.target, strokeWidth: 4}),
      Plot.ruleX([0], {stroke: palette.ink}),
      Plot.text(["log p_Z(z)"], {frameAnchor: "left", y: 1.5, textAnchor: "end", dx: -10, fill: palette.source}),
      Plot.text(["−log|f′(z)|"], {frameAnchor: "left", y: 0.5, textAnchor: "end", dx: -10}),
      Plot.text(["log p_X(x)"], {
        x: logPx,
        y: 0.5,
        textAnchor: minusLogSlope > 0 ? "start" : "end",
        dx: minusLogSlope > 0 ? 8 : -8,
        fill: palette.target,
        fontWeight: 600
      })
    ]
  });
}

/**
 * The change of variables in 1D (deck 1, D1.10-D1.11, one stage): N(0, 1) on the z-axis cut into equal-mass bins,
 * a monotone map f carrying each bin to the x-axis, and the pushed density p_X = p_Z / |f′| over it, with each bin's
 * area computed on both axes (mass is conserved). With `formula` on, a histogram of pushed samples, and at the probe
 * the sum log p_Z(z) + (−log|f′(z)|) = log p_X(x), by the engine's pushLogDensity.
 */
export const changeOfVariables: DemoSpec<typeof options, typeof state, CovFrame> = {
  id: "change-of-variables",
  description:
    "N(0, 1) cut into equal-mass bins and carried through a monotone map: squeezed bins grow taller, stretched ones shorter, areas equal",
  options,
  state,
  controls: ["family", "a", "b", "k", "slope"],
  drag: {probe: ["x", "py"]},
  examples: [
    {name: "affine flipped", state: {family: "affine", a: "-0.6", b: "1"}},
    {name: "sinh with the formula", state: {family: "sinh", formula: "true", x: "2"}},
    {name: "logistic with the formula", state: {family: "logistic", formula: "true", x: "0.8"}},
    {name: "cubic with the slope", state: {family: "cubic", k: "0.5", slope: "true", formula: "true"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const lines = readoutLines(f, o, s);
    const hist = s.formula ? binsOf(f.samples, {domain: f.image, bins: 36}) : undefined;
    const main = pushFigure({
      view: f.view,
      yMax: f.yMax,
      base: {z: f.baseZ, p: f.baseP},
      pushed: {x: f.pushedX, p: f.pushedP},
      edges: f.edges,
      images: s.formula ? undefined : f.images,
      forward: f.map.forward,
      histogram: hist,
      slope: s.slope ? f.baseZ.map((z) => Math.exp(f.map.logDerivative(z))) : undefined,
      probe: {x: f.probe.x, preimages: [f.probe.z]},
      label: `N(0, 1) pushed through ${mapLabel(s)}`,
      description: describeFrame(f, o, s),
      size: s.formula ? [600, 300] : [600, 360]
    });
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.append(lines[0], document.createElement("br"), lines[1]);
    root.append(readout);
    if (s.formula) root.append(logBar(f));
    root.append(main);
    // The probe is dragged through the main figure's scales (the runtime reads them from the root it rendered).
    return Object.assign(root, {scale: (name: string) => main.scale(name as "x")});
  },
  renderKeys: ["family", "a", "b", "k", "formula", "slope", "x"],
  describe(frame, o, s) {
    return describeFrame(frame ?? computeFrame(o, s), o, s);
  }
};

export default changeOfVariables;

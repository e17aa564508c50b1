import * as Plot from "@observablehq/plot";
import {lipschitzMlp, type LipschitzMlp} from "../engine/flows/lipschitz-mlp.ts";
import {geometric} from "../engine/flows/residual-logdet.ts";
import {choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng, type Rng} from "../engine/random.ts";
import {svgColor} from "./layers/conventions.ts";
import type {Grid} from "./layers/data.ts";
import {figure} from "./layers/figure.ts";
import {handles} from "./layers/handles.ts";
import {binsOf, histogram} from "./layers/histogram.ts";
import {logDetRaster} from "./layers/log-det.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** The most probes a viewer can ask for, and the most series terms drawn. */
export const MAX_M = 1000;
export const MAX_TERMS = 20;
/** Terms the roulette always includes (residual-flows: 2). */
export const EXACT_TERMS = 2;
/** The plane of the point z, and the cells per side of the log-det map. */
export const PLANE: readonly [number, number, number, number] = [-3, 3, -3, 3];
const GRID = 36;

const options = {
  net: integer(8, "seed of the residual branch's weights (the block of D2.18)", {min: 0, max: 99}),
  seed: seed(1)
};

const state = {
  c: number(0.6, "c: the branch u = c·m, m a network whose steepest slope on the plane is 1", {
    min: 0.1,
    max: 1.5,
    step: 0.05
  }),
  z1: number(0.6, "first coordinate of the point z", {min: -3, max: 3, step: 0.05}),
  z2: number(-0.4, "second coordinate of the point z", {min: -3, max: 3, step: 0.05}),
  n: integer(4, "n, the terms of the truncated series", {min: 1, max: MAX_TERMS}),
  m: integer(200, "M, the number of stochastic estimates", {min: 1, max: MAX_M}),
  mode: choice(
    ["series", "truncated", "roulette"],
    "series",
    "exact partial sums only, n-term Hutchinson, or roulette"
  ),
  p: number(0.5, "p of the roulette's geometric tail (P(N ≥ m) = (1 − p)^(m−1))", {min: 0.1, max: 0.9, step: 0.05})
};

export type LogdetSeriesOptions = Values<typeof options>;
export type LogdetSeriesState = Values<typeof state>;

export interface LogdetSeriesFrame {
  z: [number, number];
  c: number;
  /** J_u(z), row-major [J11, J12, J21, J22]. */
  jacobian: Float64Array;
  /** log|det(I + J_u)| from the 2×2 determinant. */
  exact: number;
  /** The spectral radius ρ(J_u): the series converges iff ρ < 1. */
  rho: number;
  /** Partial sums S_n = Σ_{k≤n} (−1)^{k+1} tr(J_u^k)/k, n = 1 … MAX_TERMS (exact traces). */
  partial: Float64Array;
  n: number;
  mode: LogdetSeriesState["mode"];
  p: number;
  /** The M stochastic estimates (empty in "series" mode). */
  estimates: Float64Array;
  mean: number;
  sd: number;
  /** Mean number of terms (each one vector–Jacobian product) per estimate. */
  meanTerms: number;
  /** What the estimator's mean converges to minus the exact value: S_n − exact (truncated), 0 (roulette). */
  bias: number;
  /** Roulette with ρ² > 1 − p: the estimator's variance is infinite (rare huge draws). */
  heavyTail: boolean;
  /** det(I + J_u) on a GRID² grid over PLANE, rows from the bottom. */
  grid: Grid;
}

const nets = new Map<number, {net: PlainNet; scale: number; grid: Float64Array}>();

/** The largest singular value of a row-major 2×2 matrix. */
export function norm2(j: ArrayLike<number>): number {
  const [a, b, c, d] = [j[0]!, j[1]!, j[2]!, j[3]!];
  const s = a * a + b * b + c * c + d * d;
  const det = a * d - b * c;
  return Math.sqrt((s + Math.sqrt(Math.max(0, s * s - 4 * det * det))) / 2);
}

/** The network as plain numbers: normalised weights (in × out, row-major) and biases, layer by layer. */
interface PlainNet {
  weights: {data: Float64Array; rows: number; cols: number}[];
  biases: Float64Array[];
}

function plainNet(net: LipschitzMlp): PlainNet {
  const weights = net.normalisedWeights();
  const biases = net
    .parameters()
    .filter((_, i) => i % 2 === 1)
    .map((b) => Float64Array.from(b.data));
  return {weights, biases};
}

/** LipSwish' = silu'/1.1, silu'(a) = σ(a)(1 + a(1 − σ(a))). */
function lipswishPrime(a: number): number {
  const s = 1 / (1 + Math.exp(-a));
  return (s * (1 + a * (1 - s))) / 1.1;
}

/**
 * J_m at n points (flat n×2), row-major 2×2 per point, by forward-mode tangents in plain numbers (the engine's
 * forwardJacobian builds autodiff tensors: ~20× slower for a grid; the test checks the two agree).
 */
export function rawJacobians(p: PlainNet, points: Float64Array): Float64Array {
  const n = points.length / 2;
  const out = new Float64Array(4 * n);
  const last = p.weights.length - 1;
  for (let r = 0; r < n; r++) {
    let h = Float64Array.of(points[2 * r]!, points[2 * r + 1]!);
    // Tangents of the hidden pre-activations for the directions e₁ and e₂.
    let t1: Float64Array = Float64Array.of(1, 0);
    let t2: Float64Array = Float64Array.of(0, 1);
    for (let l = 0; l <= last; l++) {
      const {data, rows, cols} = p.weights[l]!;
      const a = Float64Array.from(p.biases[l]!);
      const u1 = new Float64Array(cols);
      const u2 = new Float64Array(cols);
      for (let i = 0; i < rows; i++) {
        const [hi, ai, bi] = [h[i]!, t1[i]!, t2[i]!];
        for (let j = 0; j < cols; j++) {
          const w = data[i * cols + j]!;
          a[j]! += hi * w;
          u1[j]! += ai * w;
          u2[j]! += bi * w;
        }
      }
      if (l === last) {
        out[4 * r] = u1[0]!;
        out[4 * r + 1] = u2[0]!;
        out[4 * r + 2] = u1[1]!;
        out[4 * r + 3] = u2[1]!;
        break;
      }
      h = new Float64Array(cols);
      for (let j = 0; j < cols; j++) {
        const s = 1 / (1 + Math.exp(-a[j]!));
        h[j] = (a[j]! * s) / 1.1;
        const d = lipswishPrime(a[j]!);
        u1[j]! *= d;
        u2[j]! *= d;
      }
      [t1, t2] = [u1, u2];
    }
  }
  return out;
}

/** The engine's network m of the block (before the scaling below). */
export function branchMlp(seedValue: number): LipschitzMlp {
  return lipschitzMlp({width: 32, depth: 2, coeff: 1, seed: seedValue});
}

/** The cell centres of the GRID² grid over PLANE, rows from the bottom, flat n×2. */
export function gridPoints(): Float64Array {
  const [x0, x1, y0, y1] = PLANE;
  const points = new Float64Array(2 * GRID * GRID);
  for (let i = 0; i < GRID * GRID; i++) {
    points[2 * i] = x0 + ((i % GRID) + 0.5) * ((x1 - x0) / GRID);
    points[2 * i + 1] = y0 + (Math.floor(i / GRID) + 0.5) * ((y1 - y0) / GRID);
  }
  return points;
}

/**
 * The residual branch's network m by seed: a spectrally normalised LipSwish MLP (engine lipschitzMlp, width 32,
 * two hidden layers), divided by its steepest slope max ‖J_m‖₂ over the grid of the plane, so that u = c·m has
 * steepest slope c there (a freshly initialised network is nearly flat: slopes of a few hundredths). Keeps J_m on
 * the grid: J_u = c·J_m/max‖J_m‖₂ is linear in c, so the log-det map follows the c slider with no network call.
 */
export function branchNet(seedValue: number): {net: PlainNet; scale: number; grid: Float64Array} {
  let entry = nets.get(seedValue);
  if (!entry) {
    const net = plainNet(branchMlp(seedValue));
    const js = rawJacobians(net, gridPoints());
    let steepest = 0;
    for (let r = 0; r < js.length / 4; r++) steepest = Math.max(steepest, norm2(js.subarray(4 * r, 4 * r + 4)));
    entry = {net, scale: 1 / steepest, grid: js};
    nets.set(seedValue, entry);
  }
  return entry;
}

/** J_u at n points (flat n×2) for u = c·m: row-major 2×2 per point. */
export function jacobians(seedValue: number, c: number, points: Float64Array): Float64Array {
  const {net, scale} = branchNet(seedValue);
  return rawJacobians(net, points).map((v) => c * scale * v);
}

/** log|det(I + J)| of a row-major 2×2 J. */
export function exactLogDet(j: ArrayLike<number>): number {
  return Math.log(Math.abs((1 + j[0]!) * (1 + j[3]!) - j[1]! * j[2]!));
}

/** The spectral radius of a 2×2 matrix (largest |eigenvalue|, complex pairs included). */
export function spectralRadius(j: ArrayLike<number>): number {
  const tr = j[0]! + j[3]!;
  const det = j[0]! * j[3]! - j[1]! * j[2]!;
  const disc = (tr * tr) / 4 - det;
  if (disc < 0) return Math.sqrt(Math.abs(det));
  const s = Math.sqrt(disc);
  return Math.max(Math.abs(tr / 2 + s), Math.abs(tr / 2 - s));
}

/** S_1 … S_count: the partial sums of Σ (−1)^{k+1} tr(J^k)/k with exact traces. */
export function partialSums(j: ArrayLike<number>, count = MAX_TERMS): Float64Array {
  const out = new Float64Array(count);
  let [a, b, c, d] = [j[0]!, j[1]!, j[2]!, j[3]!]; // J^k
  let sum = 0;
  for (let k = 1; k <= count; k++) {
    if (k > 1)
      [a, b, c, d] = [a * j[0]! + b * j[2]!, a * j[1]! + b * j[3]!, c * j[0]! + d * j[2]!, c * j[1]! + d * j[3]!];
    sum += ((k % 2 === 1 ? 1 : -1) * (a + d)) / k;
    out[k - 1] = sum;
  }
  return out;
}

/**
 * One Hutchinson estimate of the series with `terms` terms, term k weighted by weight(k): v = ε, then per term
 * v ← J v and est += weight(k) (−1)^{k+1}/k εᵀv (J^kε reuses J^{k−1}ε: one product per term).
 */
export function hutchinsonSeries(
  j: ArrayLike<number>,
  eps: readonly [number, number],
  terms: number,
  weight: (k: number) => number = () => 1
): number {
  let [v0, v1] = eps;
  let est = 0;
  for (let k = 1; k <= terms; k++) {
    [v0, v1] = [j[0]! * v0 + j[1]! * v1, j[2]! * v0 + j[3]! * v1];
    est += (weight(k) * (k % 2 === 1 ? 1 : -1) * (eps[0] * v0 + eps[1] * v1)) / k;
  }
  return est;
}

/** 1/P(N ≥ k − EXACT_TERMS) for N ~ Geometric(p) on {1, 2, …}: 1 for the exact terms, (1 − p)^{−(m−1)} after. */
export function rouletteWeight(k: number, p: number): number {
  const m = k - EXACT_TERMS;
  return m <= 1 ? 1 : (1 - p) ** -(m - 1);
}

/**
 * One draw of each estimator, consuming `random` exactly as the engine's logDetRoulette does for one sample:
 * roulette draws N then ε₁, ε₂ (N + 2 terms); truncated draws ε₁, ε₂ (n terms).
 */
export function drawEstimate(
  j: ArrayLike<number>,
  random: Rng,
  mode: "truncated" | "roulette",
  n: number,
  p: number
): {value: number; terms: number} {
  if (mode === "roulette") {
    const terms = geometric(random, p) + EXACT_TERMS;
    const eps: [number, number] = [random.normal(), random.normal()];
    return {value: hutchinsonSeries(j, eps, terms, (k) => rouletteWeight(k, p)), terms};
  }
  const eps: [number, number] = [random.normal(), random.normal()];
  return {value: hutchinsonSeries(j, eps, n), terms: n};
}

/** det(I + J_u) on the grid over the plane, from the network's stored grid Jacobians. */
export function detGrid(net: number, c: number): Grid {
  const {grid, scale} = branchNet(net);
  const k = c * scale;
  const values = new Float64Array(GRID * GRID);
  for (let i = 0; i < values.length; i++) {
    values[i] = (1 + k * grid[4 * i]!) * (1 + k * grid[4 * i + 3]!) - k * k * grid[4 * i + 1]! * grid[4 * i + 2]!;
  }
  return {nx: GRID, ny: GRID, extent: PLANE, values};
}

/** The frame: J_u at z, the exact log-det, the partial sums and M seeded estimates; a millisecond or two. */
export function computeFrame(o: LogdetSeriesOptions, s: LogdetSeriesState): LogdetSeriesFrame {
  const z: [number, number] = [s.z1, s.z2];
  const j = jacobians(o.net, s.c, Float64Array.of(z[0], z[1]));
  const exact = exactLogDet(j);
  const rho = spectralRadius(j);
  const partial = partialSums(j);
  const n = Math.max(1, Math.min(MAX_TERMS, Math.round(s.n)));
  const m = s.mode === "series" ? 0 : Math.max(1, Math.min(MAX_M, Math.round(s.m)));
  const random = rng(o.seed);
  const estimates = new Float64Array(m);
  let terms = 0;
  for (let i = 0; i < m; i++) {
    const e = drawEstimate(j, random, s.mode === "roulette" ? "roulette" : "truncated", n, s.p);
    estimates[i] = e.value;
    terms += e.terms;
  }
  let mean = 0;
  for (const v of estimates) mean += v / m;
  let ss = 0;
  for (const v of estimates) ss += (v - mean) ** 2;
  return {
    z,
    c: s.c,
    jacobian: j,
    exact,
    rho,
    partial,
    n,
    mode: s.mode,
    p: s.p,
    estimates,
    mean: m > 0 ? mean : NaN,
    sd: m > 1 ? Math.sqrt(ss / (m - 1)) : NaN,
    meanTerms: m > 0 ? terms / m : n,
    bias: s.mode === "roulette" ? 0 : partial[n - 1]! - exact,
    heavyTail: s.mode === "roulette" && rho * rho > 1 - s.p,
    grid: detGrid(o.net, s.c)
  };
}

const fmt = (v: number, d = 3) => (Number.isFinite(v) ? (Math.abs(v) < 0.5 * 10 ** -d ? "0" : v.toFixed(d)) : "–");
const big = (v: number) => (Math.abs(v) >= 1000 ? v.toExponential(1) : fmt(v));

/** The readout: the exact value and ρ, then what the chosen estimator gives. */
export function readoutLines(f: LogdetSeriesFrame): [string, string] {
  const first =
    `log det(I + J_u) = ${fmt(f.exact)} · ρ(J_u) = ${fmt(f.rho, 2)}` +
    (f.rho >= 1 ? " ≥ 1: the series diverges" : "") +
    ` · Lip(u) ≈ c = ${fmt(f.c, 2)}`;
  const m = f.estimates.length;
  const se = (2 * f.sd) / Math.sqrt(m);
  const mean = m > 1 ? `mean of M = ${m}: ${big(f.mean)} ± ${big(se)} (2 SE), sd ${big(f.sd)}` : "";
  let second: string;
  if (f.mode === "series")
    second = `n = ${f.n} terms: S_n = ${big(f.partial[f.n - 1]!)}, bias S_n − exact = ${big(f.bias)}`;
  else if (f.mode === "truncated") second = `truncated, n = ${f.n}: ${mean}; bias ${big(f.bias)}`;
  else {
    second =
      `roulette, p = ${fmt(f.p, 2)}: ${mean}; ${fmt(f.meanTerms, 1)} terms on average` +
      (f.heavyTail ? ` · ρ² = ${fmt(f.rho ** 2, 2)} > 1 − p: infinite variance (heavy tail), not a bug` : "");
  }
  return [first, second];
}

function planePanel(f: LogdetSeriesFrame): ReturnType<typeof figure> {
  return figure({
    label: "log det(I + J_u) over the plane with the point z",
    size: [170, 170],
    equal: true,
    marginTop: 4,
    marginRight: 4,
    marginBottom: 4,
    marginLeft: 4,
    x: {domain: [PLANE[0], PLANE[1]], axis: null},
    y: {domain: [PLANE[2], PLANE[3]], axis: null},
    marks: [
      // A small panel: four sign glyphs a side, so they read as marks and not as a dashed texture.
      logDetRaster(f.grid, {glyphs: 4}),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      handles([{name: "z", x: f.z[0], y: f.z[1], label: "the point z", color: "ink"}], {r: 10})
    ]
  });
}

function seriesPanel(f: LogdetSeriesFrame): ReturnType<typeof figure> {
  const ks = Array.from({length: MAX_TERMS}, (_, i) => i + 1);
  const spread = Math.max(0.15, 2.5 * Math.abs(f.partial[0]! - f.exact));
  const domain: [number, number] = [f.exact - spread, f.exact + spread];
  const clipped = (v: number) => Math.max(domain[0], Math.min(domain[1], v));
  return figure({
    label: "partial sums of the series against the number of terms n, with the exact log-det",
    size: [420, 170],
    marginTop: 28,
    marginRight: 12,
    marginBottom: 48,
    marginLeft: 70,
    x: {domain: [0.5, MAX_TERMS + 0.5], label: "terms n", labelOffset: 42, ticks: [1, 5, 10, 15, 20]},
    y: {domain, label: "partial sum S_n", labelAnchor: "top", labelArrow: "none", ticks: 2},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.ruleX([f.n], {stroke: palette.muted, strokeWidth: 10, strokeOpacity: 0.25}),
      Plot.ruleY([f.exact], {stroke: svgColor("ink"), strokeWidth: 2.5, strokeDasharray: "7 5"}),
      Plot.line(ks, {
        x: (k: number) => k,
        y: (k: number) => clipped(f.partial[k - 1]!),
        stroke: svgColor("model"),
        strokeWidth: 2
      }),
      Plot.dot(ks, {x: (k: number) => k, y: (k: number) => clipped(f.partial[k - 1]!), r: 4, fill: svgColor("model")})
    ]
  });
}

/** The histogram's range: the central 98 % of the draws and the exact value, so rare huge draws do not flatten it. */
export function histogramRange(f: LogdetSeriesFrame): [number, number] {
  const sorted = Float64Array.from(f.estimates).sort();
  const q = (t: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(t * (sorted.length - 1))))]!;
  const lo = Math.min(f.exact, q(0.01));
  const hi = Math.max(f.exact, q(0.99));
  const pad = Math.max(0.1 * (hi - lo), 0.05);
  return [lo - pad, hi + pad];
}

function histogramPanel(f: LogdetSeriesFrame): ReturnType<typeof figure> {
  const empty = f.estimates.length === 0;
  const range: [number, number] = empty ? [f.exact - 0.5, f.exact + 0.5] : histogramRange(f);
  const b = binsOf(f.estimates, {domain: range, bins: 30});
  const top = Math.max(...b.y, 0.1);
  let outside = 0;
  for (const v of f.estimates) if (v < range[0] || v > range[1]) outside++;
  const note = empty
    ? "exact traces, no random draws yet"
    : outside > 0
      ? `${outside} of ${f.estimates.length} draws off the chart${f.heavyTail ? ": the heavy tail" : ""}`
      : `M = ${f.estimates.length}`;
  return figure({
    label: "histogram of the stochastic estimates with the exact log-det (dashed) and their mean",
    size: [600, 130],
    marginTop: 4,
    marginRight: 12,
    marginBottom: 48,
    marginLeft: 12,
    x: {domain: range, label: "estimates of log det(I + J_u)", labelOffset: 42, ticks: 5},
    y: {domain: [0, top * 1.3], axis: null},
    marks: [
      histogram(f.estimates, {domain: range, bins: 30, color: "model"}),
      Plot.ruleX([f.exact], {stroke: svgColor("ink"), strokeWidth: 2.5, strokeDasharray: "7 5"}),
      ...(empty || !(f.mean >= range[0] && f.mean <= range[1])
        ? []
        : [Plot.ruleX([f.mean], {stroke: svgColor("model"), strokeWidth: 3})]),
      Plot.text([note], {
        frameAnchor: f.exact > (range[0] + range[1]) / 2 ? "top-left" : "top-right",
        dx: f.exact > (range[0] + range[1]) / 2 ? 6 : -6,
        dy: 4,
        fontSize: 18,
        fill: svgColor(f.heavyTail && outside > 0 ? "error" : "muted")
      })
    ]
  });
}

/**
 * D2.21: the log-det of a residual block x = z + u(z), u = c·m with m a 1-Lipschitz network, at a draggable point
 * z. Left: log det(I + J_u) over the plane (deck 2's log-det colours). Right: the partial sums of the power series
 * Σ (−1)^{k+1} tr(J_u^k)/k against n, with the exact 2×2 value dashed. Below: M stochastic estimates, either n-term
 * Hutchinson (biased by the series' tail) or Russian roulette (2 exact terms + a geometric(p) tail weighted by
 * 1/P(N ≥ k): unbiased, with infinite variance once ρ(J_u)² > 1 − p). On the page: one Jacobian, M short loops of
 * 2×2 products, and a 36² Jacobian grid when c changes.
 */
export const logdetSeries: DemoSpec<typeof options, typeof state, LogdetSeriesFrame> = {
  id: "logdet-series",
  description:
    "log det(I + J_u) of a residual block: exact vs the power series' partial sums, Hutchinson truncation vs Russian roulette",
  options,
  state,
  controls: ["c", "mode", "n", "p"],
  drag: {z: ["z1", "z2"]},
  examples: [
    {name: "truncated, biased", state: {mode: "truncated", n: "2", c: "0.9"}},
    {name: "roulette, unbiased", state: {mode: "roulette", c: "0.6"}},
    {name: "roulette, heavy tail", state: {mode: "roulette", c: "1.2", m: "1000"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const [first, second] = readoutLines(f);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.append(first, document.createElement("br"), second);
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    const main = planePanel(f);
    row.append(main, seriesPanel(f));
    const strip = document.createElement("div");
    strip.append(histogramPanel(f));
    root.append(readout, row, strip);
    return Object.assign(root, {scale: (name: string) => main.scale(name as "x")});
  },
  describe(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const [first, second] = readoutLines(f);
    return `The log-det of a residual block at z = (${fmt(f.z[0], 2)}, ${fmt(f.z[1], 2)}): ${first}; ${second}`;
  }
};

export default logdetSeries;

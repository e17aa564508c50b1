import * as Plot from "@observablehq/plot";
import {choice, integer, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {mixture1d, normalCdf, type Mixture1D} from "../engine/stats/index.ts";
import {svgColor} from "./layers/conventions.ts";
import {figure} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** Samples drawn per seed; the state's N shows a prefix of them. */
export const MAX_N = 10000;

const options = {
  seed: seed(11)
};

const state = {
  h: choice(["x", "x2", "indicator", "abs"], "x2", "the test function h: x, x², 1[x > 2] (a region) or |x|"),
  n: integer(1000, "N, the number of samples averaged", {min: 2, max: MAX_N})
};

/** Options of `monte-carlo`. */
export type MonteCarloOptions = Values<typeof options>;
/** State of `monte-carlo`. */
export type MonteCarloState = Values<typeof state>;
export type TestFunction = MonteCarloState["h"];

/** p(x): two Gaussian bumps of weights w_k = 0.35, 0.65. */
export const P = {weights: [0.35, 0.65], means: [-1.2, 1.3], sds: [0.6, 0.8]} as const;
/** The region of the indicator: x > THRESHOLD. */
export const THRESHOLD = 2;

export const pLaw: Mixture1D = mixture1d({weights: [...P.weights], means: [...P.means], sds: [...P.sds]});

/** h itself. */
export function testFunction(h: TestFunction): (x: number) => number {
  if (h === "x") return (x) => x;
  if (h === "x2") return (x) => x * x;
  if (h === "indicator") return (x) => (x > THRESHOLD ? 1 : 0);
  return (x) => Math.abs(x);
}

/** How the slide names h. */
export const hLabel: Record<TestFunction, string> = {
  x: "h(x) = x",
  x2: "h(x) = x²",
  indicator: `h(x) = 1[x > ${THRESHOLD}]`,
  abs: "h(x) = |x|"
};

/** E|Y| for Y ~ N(m, s²): s√(2/π) e^{−m²/2s²} + m (1 − 2Φ(−m/s)). */
function absMean(m: number, s: number): number {
  return s * Math.sqrt(2 / Math.PI) * Math.exp((-m * m) / (2 * s * s)) + m * (1 - 2 * normalCdf(-m / s));
}

/** E_p[h(X)] and sd_p(h(X)) in closed form, from the mixture's components. */
export function exactMoments(h: TestFunction): {mean: number; sd: number} {
  const {weights, means, sds} = pLaw;
  let m1 = 0;
  let m2 = 0;
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k]!;
    const m = means[k]!;
    const s = sds[k]!;
    if (h === "x") {
      m1 += w * m;
      m2 += w * (m * m + s * s);
    } else if (h === "x2") {
      m1 += w * (m * m + s * s);
      m2 += w * (m ** 4 + 6 * m * m * s * s + 3 * s ** 4);
    } else if (h === "indicator") {
      const q = 1 - normalCdf((THRESHOLD - m) / s);
      m1 += w * q;
      m2 += w * q;
    } else {
      m1 += w * absMean(m, s);
      m2 += w * (m * m + s * s);
    }
  }
  return {mean: m1, sd: Math.sqrt(Math.max(m2 - m1 * m1, 0))};
}

/** The running Monte Carlo estimate: after k samples, the mean of h and its standard error sd/√k (sd with k − 1). */
export function runningEstimate(values: ArrayLike<number>): {est: Float64Array; se: Float64Array} {
  const n = values.length;
  const est = new Float64Array(n);
  const se = new Float64Array(n);
  // Welford's update: mean and sum of squared deviations, stable at any N.
  let mean = 0;
  let m2 = 0;
  for (let k = 1; k <= n; k++) {
    const v = values[k - 1]!;
    const d = v - mean;
    mean += d / k;
    m2 += d * (v - mean);
    est[k - 1] = mean;
    se[k - 1] = k > 1 ? Math.sqrt(m2 / (k - 1) / k) : NaN;
  }
  return {est, se};
}

export interface MonteCarloFrame {
  /** MAX_N draws x⁽ⁱ⁾ ~ p (the first N are used). */
  xs: Float64Array;
  /** h(x⁽ⁱ⁾). */
  vals: Float64Array;
  est: Float64Array;
  se: Float64Array;
  exact: number;
  sd: number;
  h: TestFunction;
}

let cached: {seed: number; xs: Float64Array} | undefined;

/** The frame: MAX_N samples per seed (cached), h of them and the running estimate; a millisecond or two. */
export function computeFrame({seed: s}: MonteCarloOptions, {h}: MonteCarloState): MonteCarloFrame {
  if (cached?.seed !== s) cached = {seed: s, xs: pLaw.sample(MAX_N, rng(s))};
  const xs = cached.xs;
  const vals = Float64Array.from(xs, testFunction(h));
  const {est, se} = runningEstimate(vals);
  const {mean, sd} = exactMoments(h);
  return {xs, vals, est, se, exact: mean, sd, h};
}

/** Sample dots drawn in the top panel (the estimate uses all N). */
const DOTS = 400;
const fmt = (v: number) => v.toFixed(Math.abs(v) < 1 ? 3 : 2);

function yRange(h: TestFunction): [number, number] {
  return h === "x" ? [-4, 4] : h === "x2" ? [0, 12] : h === "indicator" ? [-0.15, 1.15] : [0, 4];
}

function readout(f: MonteCarloFrame, n: number): string {
  const est = f.est[n - 1]!;
  const band = 2 * f.se[n - 1]!;
  const inside = Math.abs(est - f.exact) <= band;
  return (
    `${hLabel[f.h]}, N = ${n}: estimate ${fmt(est)} ± ${fmt(band)} · exact ${fmt(f.exact)} ` +
    (inside ? "(inside)" : "(outside)")
  );
}

function samplesPanel(f: MonteCarloFrame, n: number): Element {
  const h = testFunction(f.h);
  const [y0, y1] = yRange(f.h);
  const xs = Array.from({length: 241}, (_, i) => -4 + (8 * i) / 240);
  const peak = Math.max(...xs.map((x) => pLaw.pdf(x)));
  // p(x) drawn as a shape only, scaled to the lower third of the panel (its own scale would be a third axis).
  const scaled = (x: number) => y0 + (0.35 * (y1 - y0) * pLaw.pdf(x)) / peak;
  const shown = Array.from({length: Math.min(n, DOTS)}, (_, i) => i);
  const est = f.est[n - 1]!;
  return figure({
    label: `samples x⁽ⁱ⁾ of p drawn at height ${hLabel[f.h]}`,
    size: [600, 180],
    marginTop: 10,
    marginBottom: 44,
    clip: true,
    x: {domain: [-4, 4], label: "x", labelOffset: 38, ticks: 5},
    y: {domain: [y0, y1], label: "h(x)", ticks: 3},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.areaY(xs, {x: (x: number) => x, y1: y0, y2: scaled, fill: svgColor("target"), fillOpacity: 0.12}),
      Plot.line(xs, {x: (x: number) => x, y: h, stroke: svgColor("ink"), strokeWidth: 2.5}),
      Plot.dot(shown, {
        x: (i: number) => f.xs[i],
        y: (i: number) => f.vals[i],
        r: n <= 30 ? 5 : 3,
        symbol: "diamond2",
        fill: svgColor("target"),
        fillOpacity: 0.5
      }),
      Plot.ruleY([f.exact], {stroke: svgColor("ink"), strokeDasharray: "7 5", strokeWidth: 2}),
      Plot.ruleY([est], {stroke: svgColor("model"), strokeWidth: 2.5}),
      Plot.text([`p(x), shape`], {frameAnchor: "bottom-right", dx: -8, dy: -4, fontSize: 20, fill: svgColor("muted")})
    ]
  });
}

/** N values on a log grid from 2 to n (at most ~160 points: the curve, not every sample). */
function logGrid(n: number): number[] {
  const out: number[] = [];
  let last = 0;
  for (let k = 0; k <= 160; k++) {
    const v = Math.round(2 * (n / 2) ** (k / 160));
    if (v > last) out.push((last = v));
  }
  return out;
}

function convergencePanel(f: MonteCarloFrame, n: number): Element {
  const grid = logGrid(n);
  // Fixed y range per h (exact ± 4 standard errors at N = 10), so that shrinking is visible as N grows.
  const half = Math.max(4 * (f.sd / Math.sqrt(10)), 1e-3);
  return figure({
    label: `running Monte Carlo estimate against N with its ±2 SE band and the exact value`,
    size: [600, 220],
    marginTop: 14,
    clip: true,
    x: {type: "log", domain: [2, MAX_N], label: "N (log scale)", labelOffset: 44},
    y: {domain: [f.exact - half, f.exact + half], label: "estimate", ticks: 4},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.areaY(grid, {
        x: (k: number) => k,
        y1: (k: number) => f.est[k - 1]! - 2 * f.se[k - 1]!,
        y2: (k: number) => f.est[k - 1]! + 2 * f.se[k - 1]!,
        fill: svgColor("model"),
        fillOpacity: 0.18
      }),
      Plot.ruleY([f.exact], {stroke: svgColor("ink"), strokeDasharray: "7 5", strokeWidth: 2}),
      Plot.line(grid, {
        x: (k: number) => k,
        y: (k: number) => f.est[k - 1],
        stroke: svgColor("model"),
        strokeWidth: 2.5
      }),
      Plot.dot([n], {x: (k: number) => k, y: (k: number) => f.est[k - 1], r: 6, fill: svgColor("model")}),
      Plot.text([`exact ${fmt(f.exact)}`], {frameAnchor: "top-right", dx: -8, dy: 6, fontSize: 20})
    ]
  });
}

/**
 * Monte Carlo on a 1D two-bump mixture p: N samples drawn with the engine's seeded generator, each drawn at the
 * height h(x) of the chosen test function over the shape of p; below, the running estimate (1/N) Σ h(x⁽ⁱ⁾) against
 * N on a log axis with its ±2 standard-error band and the exact E_p[h(X)] (closed form from the mixture's
 * components). On the page: 10,000 draws per seed, then sums.
 */
export const monteCarlo: DemoSpec<typeof options, typeof state, MonteCarloFrame> = {
  id: "monte-carlo",
  description: "the Monte Carlo estimate of E_p[h(X)] against N with its ±2 standard-error band and the exact value",
  options,
  state,
  controls: ["h", "n", "seed"],
  examples: [
    {name: "indicator, 100 samples", state: {h: "indicator", n: "100"}},
    {name: "mean, all samples", state: {h: "x", n: String(MAX_N)}, options: {seed: "3"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const n = Math.max(2, Math.min(MAX_N, Math.round(s.n)));
    const root = document.createElement("div");
    root.className = "demo-stack";
    const p = document.createElement("p");
    p.className = "readout";
    p.textContent = readout(f, n);
    root.append(p, samplesPanel(f, n), convergencePanel(f, n));
    return root;
  },
  describe(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const n = Math.max(2, Math.min(MAX_N, Math.round(s.n)));
    return `Monte Carlo with ${n} samples of a two-bump mixture: ${readout(f, n)}`;
  }
};

export default monteCarlo;

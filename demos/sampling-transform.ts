import * as Plot from "@observablehq/plot";
import {choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {exponential} from "../engine/stats/exponential.ts";
import {mixture1d, normalPdf, normalQuantile, normalCdf} from "../engine/stats/index.ts";
import {referenceWidth, svgColor} from "./layers/conventions.ts";
import {figure, handles, histogram, particles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  n: integer(600, "number of uniform draws (and of samples made from them)", {min: 20, max: 5000}),
  seed: seed(0)
};

const state = {
  view: choice(
    ["inverse-cdf", "box-muller", "linear-map"],
    "inverse-cdf",
    "which transform: uniforms through F⁻¹, Box–Muller's radius and angle, or x = μ + Lε"
  ),
  dist: choice(["normal", "mixture", "exponential"], "normal", "the distribution F⁻¹ samples (inverse-CDF view)"),
  l11: number(1.2, "L₁₁ (stretches ε₁)", {min: 0.2, max: 2, step: 0.05}),
  l21: number(0.8, "L₂₁ (mixes ε₁ into x₂: the tilt)", {min: -2, max: 2, step: 0.05}),
  l22: number(0.6, "L₂₂ (stretches ε₂)", {min: 0.2, max: 2, step: 0.05}),
  mu1: number(0.5, "μ₁ (drag the ring)", {min: -2.5, max: 2.5, step: 0.05}),
  mu2: number(0, "μ₂ (drag the ring)", {min: -2.5, max: 2.5, step: 0.05})
};

/** Options of `sampling-transform`. */
export type SamplingTransformOptions = Values<typeof options>;
/** State of `sampling-transform`. */
export type SamplingTransformState = Values<typeof state>;
export type Dist = SamplingTransformState["dist"];

/** A distribution on the line, as the inverse-CDF view needs it. */
export interface Law1D {
  readonly name: string;
  pdf(x: number): number;
  cdf(x: number): number;
  quantile(p: number): number;
  readonly mean: number;
  readonly variance: number;
  /** Plotted x range. */
  readonly domain: readonly [number, number];
}

/** The mixture of the inverse-CDF view: two bumps of weights w_k = 0.3, 0.7. */
export const MIXTURE = {weights: [0.3, 0.7], means: [-1.6, 1.1], sds: [0.5, 0.7]} as const;

/** The law a `dist` names (exact pdf, cdf, quantile and moments from engine/stats). */
export function lawOf(dist: Dist): Law1D {
  if (dist === "exponential") {
    const e = exponential(1);
    return {...e, name: "exponential, rate 1", domain: [-0.5, 5]};
  }
  if (dist === "mixture") {
    const m = mixture1d({weights: [...MIXTURE.weights], means: [...MIXTURE.means], sds: [...MIXTURE.sds]});
    return {
      name: "two-bump mixture",
      pdf: m.pdf,
      cdf: m.cdf,
      quantile: m.quantile,
      mean: m.mean,
      variance: m.variance,
      domain: [-3.5, 3.5]
    };
  }
  return {
    name: "standard normal",
    pdf: normalPdf,
    cdf: normalCdf,
    quantile: normalQuantile,
    mean: 0,
    variance: 1,
    domain: [-3.5, 3.5]
  };
}

/** The random draws, which depend only on (n, seed): uniforms for F⁻¹ and the Box–Muller pairs. */
export interface Draws {
  n: number;
  /** U for the inverse-CDF view, in (0, 1]. */
  u: Float64Array;
  /** Box–Muller's U₁ ∈ (0, 1] (one minus a [0, 1) draw) and U₂ ∈ [0, 1). */
  u1: Float64Array;
  u2: Float64Array;
  /** r = √(−2 ln U₁) and the angle 2πU₂. */
  radius: Float64Array;
  angle: Float64Array;
  /** ε = (r cos θ, r sin θ), row-major [n, 2]. */
  eps: Float64Array;
}

/** Box–Muller: two independent uniforms give one standard 2D normal, by radius √(−2 ln U₁) and angle 2πU₂. */
export function boxMuller(u1: number, u2: number): [number, number] {
  const r = Math.sqrt(-2 * Math.log(u1));
  const a = 2 * Math.PI * u2;
  return [r * Math.cos(a), r * Math.sin(a)];
}

/** n uniforms and n Box–Muller pairs from `rng(seed)` (the stream is uniforms only: the transforms are the point). */
export function drawsOf(n: number, seedValue: number): Draws {
  const g = rng(seedValue);
  const u = new Float64Array(n);
  const u1 = new Float64Array(n);
  const u2 = new Float64Array(n);
  const radius = new Float64Array(n);
  const angle = new Float64Array(n);
  const eps = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    u[i] = 1 - g.uniform();
    u1[i] = 1 - g.uniform(); // in (0, 1]: ln U₁ is finite
    u2[i] = g.uniform();
    radius[i] = Math.sqrt(-2 * Math.log(u1[i]!));
    angle[i] = 2 * Math.PI * u2[i]!;
    [eps[2 * i], eps[2 * i + 1]] = boxMuller(u1[i]!, u2[i]!);
  }
  return {n, u, u1, u2, radius, angle, eps};
}

/** Σ = LLᵀ for the lower-triangular L = [[l11, 0], [l21, l22]], as [Σ₁₁, Σ₁₂, Σ₂₂]. */
export function covarianceOf({
  l11,
  l21,
  l22
}: Pick<SamplingTransformState, "l11" | "l21" | "l22">): [number, number, number] {
  return [l11 * l11, l11 * l21, l21 * l21 + l22 * l22];
}

/** Sample covariance (divisor n − 1) of row-major [n, 2] points, as [s₁₁, s₁₂, s₂₂], and their mean. */
export function sampleCovariance(points: Float64Array): {mean: [number, number]; cov: [number, number, number]} {
  const n = points.length / 2;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    m1 += points[2 * i]! / n;
    m2 += points[2 * i + 1]! / n;
  }
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  for (let i = 0; i < n; i++) {
    const a = points[2 * i]! - m1;
    const b = points[2 * i + 1]! - m2;
    s11 += a * a;
    s12 += a * b;
    s22 += b * b;
  }
  return {mean: [m1, m2], cov: [s11 / (n - 1), s12 / (n - 1), s22 / (n - 1)]};
}

/** What the figure draws: the draws and what the current state makes of them. */
export interface SamplingTransformFrame {
  draws: Draws;
  law: Law1D;
  /** X = F⁻¹(U), one per uniform. */
  pushed: Float64Array;
  /** x = μ + Lε, row-major [n, 2]. */
  x: Float64Array;
  /** Σ = LLᵀ and the sample covariance of x. */
  sigma: [number, number, number];
  sample: {mean: [number, number]; cov: [number, number, number]};
  /** Sample mean and standard deviation of the pushed uniforms. */
  pushedMean: number;
  pushedSd: number;
}

let cached: {seed: number; draws: Draws} | undefined;
let pushedCache: {draws: Draws; dist: Dist; law: Law1D; pushed: Float64Array; mean: number; sd: number} | undefined;

/** The frame for these options and state: the draws are cached per (n, seed); the rest is a few thousand flops. */
export function computeFrame(
  {n, seed: s}: SamplingTransformOptions,
  st: SamplingTransformState
): SamplingTransformFrame {
  if (!(cached && cached.draws.n === n && cached.seed === s)) cached = {seed: s, draws: drawsOf(n, s)};
  const draws = cached.draws;
  // The quantiles (Newton on the mixture's CDF) are kept while only L or μ change.
  if (!(pushedCache && pushedCache.draws === draws && pushedCache.dist === st.dist)) {
    const law = lawOf(st.dist);
    const values = Float64Array.from(draws.u, (u) => law.quantile(u));
    let m = 0;
    for (const v of values) m += v / n;
    let sq = 0;
    for (const v of values) sq += (v - m) ** 2 / (n - 1);
    pushedCache = {draws, dist: st.dist, law, pushed: values, mean: m, sd: Math.sqrt(sq)};
  }
  const {law, pushed, mean} = pushedCache;
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const e1 = draws.eps[2 * i]!;
    const e2 = draws.eps[2 * i + 1]!;
    x[2 * i] = st.mu1 + st.l11 * e1;
    x[2 * i + 1] = st.mu2 + st.l21 * e1 + st.l22 * e2;
  }
  return {
    draws,
    law,
    pushed,
    x,
    sigma: covarianceOf(st),
    sample: sampleCovariance(x),
    pushedMean: mean,
    pushedSd: pushedCache.sd
  };
}

/** Uniforms followed all the way through the CDF (the others are dots on the axes only). */
const GUIDES = 9;
const fmt = (v: number, d = 2) => (Math.abs(v) < 0.5 * 10 ** -d ? 0 : v).toFixed(d);

function stack(readout: string, ...figures: Element[]): HTMLElement {
  const root = document.createElement("div");
  root.className = "demo-stack";
  const p = document.createElement("p");
  p.className = "readout";
  p.textContent = readout;
  root.append(p, ...figures);
  return root;
}

/** A small deterministic jitter in [0, 1) per index (no random stream: the picture must not change on redraw). */
const jitter = (i: number) => (((i * 0.6180339887498949) % 1) + 1) % 1;

function inverseCdfView(f: SamplingTransformFrame): HTMLElement {
  const {law, pushed, draws} = f;
  const [lo, hi] = law.domain;
  const span = hi - lo;
  const n = draws.n;
  const xs = Array.from({length: 241}, (_, i) => lo + (span * i) / 240);
  const guides = Array.from({length: Math.min(GUIDES, n)}, (_, i) => i).filter((i) => {
    const x = pushed[i]!;
    return x > lo && x < hi;
  });
  const top = figure({
    label: `uniforms U pushed through the inverse CDF of the ${law.name}`,
    size: [600, 260],
    marginBottom: 52,
    clip: true,
    x: {domain: [lo, hi], label: "x", labelOffset: 44},
    y: {domain: [0, 1], label: "u = F(x)", ticks: 3},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      // Every uniform as a dot on the vertical axis (a thin jittered band), every sample as a diamond on the x axis.
      Plot.dot(draws.u, {
        x: (_: number, i: number) => lo + 0.04 * span * jitter(i),
        y: (u: number) => u,
        r: 2,
        fill: svgColor("source"),
        fillOpacity: 0.45
      }),
      Plot.dot(pushed, {
        x: (v: number) => v,
        y: (_: number, i: number) => 0.05 * jitter(i),
        r: 2.4,
        symbol: "diamond2",
        fill: svgColor("target"),
        fillOpacity: 0.45
      }),
      Plot.line(xs, {x: (x: number) => x, y: (x: number) => law.cdf(x), stroke: svgColor("ink"), strokeWidth: 3}),
      Plot.link(guides, {
        x1: lo,
        y1: (i: number) => draws.u[i],
        x2: (i: number) => pushed[i],
        y2: (i: number) => draws.u[i],
        stroke: svgColor("source"),
        strokeWidth: 1.6
      }),
      Plot.arrow(guides, {
        x1: (i: number) => pushed[i],
        y1: (i: number) => draws.u[i],
        x2: (i: number) => pushed[i],
        y2: 0.02,
        stroke: svgColor("target"),
        strokeWidth: 1.6,
        headLength: 10
      }),
      Plot.text([`F(x), ${law.name}`], {frameAnchor: "right", dx: -8, fontSize: 20})
    ]
  });
  const bottom = figure({
    label: `histogram of the ${n} samples F⁻¹(U) against the density`,
    size: [600, 150],
    marginTop: 10,
    marginBottom: 28,
    clip: true,
    x: {domain: [lo, hi], axis: null},
    y: {label: "density", ticks: 2, labelOffset: 60},
    marks: [
      histogram(pushed, {domain: [lo, hi], bins: 35, color: "target", curve: law.pdf, curveColor: "ink"}),
      Plot.text([`samples vs p(x)`], {frameAnchor: "top-right", dx: -8, dy: 4, fontSize: 20})
    ]
  });
  return stack(
    `${n} samples: mean ${fmt(f.pushedMean)} (exact ${fmt(law.mean)}) · ` +
      `sd ${fmt(f.pushedSd)} (exact ${fmt(Math.sqrt(law.variance))})`,
    top,
    bottom
  );
}

/** Box–Muller highlights: these draws get their radius, angle and circle drawn. */
const HIGHLIGHT = 5;
const R_MAX = 3.6;

function boxMullerView(f: SamplingTransformFrame): HTMLElement {
  const {draws} = f;
  const n = draws.n;
  const picks = Array.from({length: Math.min(HIGHLIGHT, n)}, (_, i) => i).filter((i) => draws.radius[i]! < R_MAX);
  const us = Array.from({length: 200}, (_, i) => 0.004 + (0.996 * i) / 199);
  const left = figure({
    label: "the radius r = √(−2 ln U₁) as a function of U₁",
    size: [210, 420],
    marginLeft: 60,
    marginRight: 12,
    x: {domain: [0, 1], label: "U₁", ticks: 2},
    y: {domain: [0, R_MAX], label: "radius r", labelOffset: 46},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.line(us, {
        x: (u: number) => u,
        y: (u: number) => Math.sqrt(-2 * Math.log(u)),
        stroke: svgColor("ink"),
        strokeWidth: 3
      }),
      Plot.link(picks, {
        x1: (i: number) => draws.u1[i],
        y1: 0,
        x2: (i: number) => draws.u1[i],
        y2: (i: number) => draws.radius[i],
        stroke: svgColor("source"),
        strokeWidth: 1.6
      }),
      Plot.dot(picks, {
        x: (i: number) => draws.u1[i],
        y: (i: number) => draws.radius[i],
        r: 5,
        fill: svgColor("source")
      })
    ]
  });
  const ring = Array.from({length: 97}, (_, k) => (2 * Math.PI * k) / 96);
  const circles = picks.flatMap((i) =>
    ring.map((a) => ({i, x: draws.radius[i]! * Math.cos(a), y: draws.radius[i]! * Math.sin(a)}))
  );
  const right = figure({
    label: `${n} Box–Muller pairs (Z₁, Z₂): radius from U₁, angle 2πU₂`,
    size: [400, 420],
    equal: true,
    marginLeft: 72,
    marginRight: 10,
    clip: true,
    x: {domain: [-R_MAX, R_MAX], label: "Z₁", ticks: 3},
    y: {domain: [-R_MAX, R_MAX], label: "Z₂", ticks: 3, labelOffset: 56},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      particles(draws.eps, {color: "source", r: 2, opacity: 0.35}),
      Plot.line(circles, {x: "x", y: "y", z: "i", stroke: svgColor("muted"), strokeDasharray: "5 4", strokeWidth: 1.4}),
      Plot.arrow(picks, {
        x1: 0,
        y1: 0,
        x2: (i: number) => draws.eps[2 * i],
        y2: (i: number) => draws.eps[2 * i + 1],
        stroke: svgColor("source"),
        strokeWidth: 2.2,
        headLength: 10
      })
    ]
  });
  const panels = document.createElement("div");
  panels.className = "demo-panels panels-natural";
  // .demo-panels shows its children right to left.
  panels.append(right, left);
  const {mean, cov} = sampleCovariance(draws.eps);
  return stack(
    `${n} pairs: means ${fmt(mean[0])}, ${fmt(mean[1])} · variances ${fmt(cov[0])}, ${fmt(cov[2])} · ` +
      `cov ${fmt(cov[1])} (exact 0 · 1 · 0)`,
    panels
  );
}

/** Points of the ellipse {μ + k·A(cos a, sin a)} for a 2×2 factor A of the covariance (k standard deviations). */
function ellipse(mu: [number, number], cov: [number, number, number], k = 2): {x: number; y: number}[] {
  // Cholesky factor of cov: any square root maps the unit circle onto the same ellipse.
  const a = Math.sqrt(cov[0]);
  const b = cov[1] / a;
  const c = Math.sqrt(Math.max(cov[2] - b * b, 0));
  return Array.from({length: 121}, (_, i) => {
    const t = (2 * Math.PI * i) / 120;
    const e1 = k * Math.cos(t);
    const e2 = k * Math.sin(t);
    return {x: mu[0] + a * e1, y: mu[1] + b * e1 + c * e2};
  });
}

const X_EXT = 5.5;
const Y_EXT = 4.5;

/**
 * A direct label on a closed curve, at its leftmost, top or bottom point (kept inside the plot), outside the curve:
 * the three curves of the linear map (the ε circle, Σ's ellipse, the samples' Σ̂) are told apart by name, not colour.
 */
function curveLabel(points: {x: number; y: number}[], side: "left" | "top" | "bottom", text: string, color: string) {
  const key =
    side === "left"
      ? (p: {x: number; y: number}) => -p.x
      : side === "top"
        ? (p: {y: number}) => p.y
        : (p: {y: number}) => -p.y;
  const at = points.reduce((best, p) => (key(p) > key(best) ? p : best));
  const clamp = (v: number, ext: number) => Math.min(Math.max(v, -ext + 0.4), ext - 0.4);
  return Plot.text([{x: clamp(at.x, X_EXT), y: clamp(at.y, Y_EXT)}], {
    x: "x",
    y: "y",
    text: () => text,
    fill: svgColor(color),
    stroke: svgColor("bg"),
    strokeWidth: 4,
    paintOrder: "stroke",
    fontSize: 20,
    fontWeight: 600,
    textAnchor: side === "left" ? "end" : "middle",
    dx: side === "left" ? -8 : 0,
    dy: side === "top" ? -14 : side === "bottom" ? 18 : 0
  });
}

function linearMapView(f: SamplingTransformFrame, st: SamplingTransformState): HTMLElement {
  const {draws, x, sigma, sample} = f;
  const mu: [number, number] = [st.mu1, st.mu2];
  const columns = [
    {x2: mu[0] + st.l11, y2: mu[1] + st.l21, label: "Le₁"},
    {x2: mu[0], y2: mu[1] + st.l22, label: "Le₂"}
  ];
  const circle = ellipse([0, 0], [1, 0, 1]);
  const exact = ellipse(mu, sigma);
  const estimate = ellipse(sample.mean, sample.cov);
  const fig = figure({
    label: `x = μ + Lε: ${draws.n} standard normal ε (circles) mapped to x (diamonds)`,
    size: [600, 400],
    equal: true,
    clip: true,
    x: {domain: [-X_EXT, X_EXT], label: "first coordinate", ticks: 5},
    y: {domain: [-Y_EXT, Y_EXT], label: "second", ticks: 5},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      particles(draws.eps, {color: "source", r: 2, opacity: 0.25}),
      particles(x, {color: "target", symbol: "diamond", r: 2.6, opacity: 0.5}),
      Plot.line(circle, {x: "x", y: "y", stroke: svgColor("source"), strokeWidth: referenceWidth}),
      Plot.line(exact, {x: "x", y: "y", stroke: svgColor("ink"), strokeWidth: 3}),
      Plot.line(estimate, {
        x: "x",
        y: "y",
        stroke: svgColor("target"),
        strokeWidth: 2,
        strokeDasharray: "6 5"
      }),
      curveLabel(circle, "left", "|ε| = 2", "source"),
      curveLabel(exact, "top", "Σ", "ink"),
      curveLabel(estimate, "bottom", "Σ̂ (samples)", "target"),
      Plot.arrow(columns, {
        x1: mu[0],
        y1: mu[1],
        x2: "x2",
        y2: "y2",
        stroke: svgColor("ink"),
        strokeWidth: 3,
        headLength: 12
      }),
      Plot.text(columns.slice(0, 1), {
        x: "x2",
        y: "y2",
        text: "label",
        dx: 12,
        dy: -12,
        textAnchor: "start",
        fontSize: 20,
        fontWeight: 600
      }),
      Plot.text(columns.slice(1), {
        x: "x2",
        y: "y2",
        text: "label",
        dx: -10,
        dy: -10,
        textAnchor: "end",
        fontSize: 20,
        fontWeight: 600
      }),
      handles([{name: "mu", x: mu[0], y: mu[1], label: "the mean μ"}])
    ]
  });
  const m = (a: [number, number, number]) => `[${fmt(a[0])} ${fmt(a[1])}; ${fmt(a[1])} ${fmt(a[2])}]`;
  return stack(
    `Σ = LLᵀ = ${m(sigma)} · from the samples: ${m(sample.cov)} · det Σ = ${fmt(sigma[0] * sigma[2] - sigma[1] ** 2)}`,
    fig
  );
}

/**
 * Sampling as transforming noise, in three views of the same seeded uniforms: (1) uniforms on the vertical axis
 * through the exact CDF of a normal, a two-bump mixture or an exponential down to the x axis, with the histogram of
 * the samples against the density; (2) Box–Muller: U₁ → radius √(−2 ln U₁), U₂ → angle 2πU₂, the cloud of pairs;
 * (3) x = μ + Lε: the standard normal cloud mapped by a lower-triangular L (its columns drawn as arrows, μ
 * draggable) onto the ellipse of Σ = LLᵀ, with the sample covariance beside Σ. All on the page (a few ms).
 */
export const samplingTransform: DemoSpec<typeof options, typeof state, SamplingTransformFrame> = {
  id: "sampling-transform",
  description: "uniform noise made into samples: through the inverse CDF, by Box–Muller, and by x = μ + Lε",
  options,
  state,
  controls: ["view", "dist", "l11", "l21", "l22", "seed"],
  drag: {mu: ["mu1", "mu2"]},
  examples: [
    {name: "mixture through its CDF", state: {dist: "mixture"}},
    {name: "box-muller", state: {view: "box-muller"}},
    {name: "linear map", state: {view: "linear-map", l21: "-1.2", l22: "0.4"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    if (s.view === "box-muller") return boxMullerView(f);
    if (s.view === "linear-map") return linearMapView(f, s);
    return inverseCdfView(f);
  },
  describe(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    if (s.view === "box-muller") {
      return `${o.n} Box–Muller pairs: each U₁ gives the radius √(−2 ln U₁), each U₂ the angle 2πU₂; the pairs form a round standard normal cloud`;
    }
    if (s.view === "linear-map") {
      const [a, b, c] = f.sigma;
      return `x = μ + Lε with μ = (${fmt(s.mu1)}, ${fmt(s.mu2)}): Σ = LLᵀ has entries ${fmt(a)}, ${fmt(b)}, ${fmt(c)}; the sample covariance of ${o.n} points has ${f.sample.cov.map((v) => fmt(v)).join(", ")}; drawn: the circle |ε| = 2 (thin), the two-standard-deviation ellipse of Σ (solid) and of the samples' Σ̂ (dashed), each labelled by name`;
    }
    return `${o.n} uniforms pushed through the inverse CDF of the ${f.law.name}: sample mean ${fmt(f.pushedMean)} (exact ${fmt(f.law.mean)}), standard deviation ${fmt(f.pushedSd)} (exact ${fmt(Math.sqrt(f.law.variance))})`;
  }
};

export default samplingTransform;

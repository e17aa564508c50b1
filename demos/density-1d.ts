import * as Plot from "@observablehq/plot";
import {choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {mixture1d, type Mixture1D} from "../engine/stats/index.ts";
import {svgColor} from "./layers/conventions.ts";
import {figure, handles, histogram} from "./layers/index.ts";
import {binsOf} from "./layers/histogram.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  seed: seed(0)
};

const state = {
  shape: choice(["mixture", "gaussian"], "mixture", "the density: a two-bump mixture, or one Gaussian N(0, σ²)"),
  n: integer(1000, "number of samples N in the histogram", {min: 10, max: 20000}),
  width: number(0.4, "bin width of the histogram", {min: 0.05, max: 1, step: 0.05}),
  a: number(-0.5, "left end a of the interval", {min: -4, max: 4, step: 0.05}),
  b: number(1.5, "right end b of the interval", {min: -4, max: 4, step: 0.05}),
  sigma: number(0.7, "standard deviation σ of the Gaussian, and of each bump of the mixture", {
    min: 0.1,
    max: 1.5,
    step: 0.01
  }),
  grip: number(0, "height of the interval's handles (they slide along x; the height changes nothing)", {
    min: 0,
    max: 3
  })
};

/** Options of `density-1d`. */
export type Density1DOptions = Values<typeof options>;
/** State of `density-1d`. */
export type Density1DState = Values<typeof state>;

/** The plotted range of x, which is also the histogram's range. */
export const DOMAIN = [-4, 4] as const;
/** Weights and means of the two bumps; both have the standard deviation σ of the state. */
export const MIXTURE = {weights: [0.35, 0.65], means: [-1.4, 1.1]} as const;
/** The σ below which one Gaussian's peak 1/(σ√(2π)) rises above 1. */
export const SIGMA_CROSS = 1 / Math.sqrt(2 * Math.PI);

/** Everything the figure draws and prints, computed on the page from the engine's exact mixture. */
export interface Density1DFrame {
  density: Mixture1D;
  /** N seeded samples of the density. */
  samples: Float64Array;
  /** The interval, ordered: lo = min(a, b), hi = max(a, b). */
  lo: number;
  hi: number;
  /** P(lo ≤ X ≤ hi) = F(hi) − F(lo), exact from the engine's CDF. */
  probability: number;
  /** The fraction of the N samples inside [lo, hi]. */
  fraction: number;
  /** Standard error of that fraction, √(P(1 − P)/N). */
  standardError: number;
  /** The highest value of the density (over a fine grid, refined at the best point). */
  peak: number;
  /** The number of bins and their actual width (8 / bins, near the state's width). */
  bins: number;
  binWidth: number;
}

/** The density a state names. */
export function densityOf({shape, sigma}: Pick<Density1DState, "shape" | "sigma">): Mixture1D {
  return shape === "gaussian"
    ? mixture1d({means: [0], sds: [sigma]})
    : mixture1d({weights: [...MIXTURE.weights], means: [...MIXTURE.means], sds: [sigma, sigma]});
}

/** The maximum of a density on DOMAIN: a grid of 801 points, then golden-section search around the best one. */
export function peakOf(p: Mixture1D): number {
  const [lo, hi] = DOMAIN;
  const cells = 800;
  const h = (hi - lo) / cells;
  let [best, top]: [number, number] = [lo, p.pdf(lo)];
  for (let i = 1; i <= cells; i++) {
    const v = p.pdf(lo + i * h);
    if (v > top) [best, top] = [lo + i * h, v];
  }
  let [l, r] = [best - h, best + h];
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60; it++) {
    const m1 = r - g * (r - l);
    const m2 = l + g * (r - l);
    if (p.pdf(m1) < p.pdf(m2)) l = m1;
    else r = m2;
  }
  return Math.max(top, p.pdf((l + r) / 2));
}

/** The last draw, kept while only the interval or the bins change (a drag of a or b redraws at every pointer move). */
let last: {key: string; density: Mixture1D; samples: Float64Array; peak: number} | undefined;

/** The density, its N samples and its peak for a seed, shape, N and σ (recomputed only when one of them changes). */
function drawn(seedValue: number, s: Density1DState): {density: Mixture1D; samples: Float64Array; peak: number} {
  const key = `${seedValue} ${s.shape} ${s.n} ${s.sigma}`;
  if (last?.key !== key) {
    const density = densityOf(s);
    last = {key, density, samples: density.sample(s.n, rng(seedValue)), peak: peakOf(density)};
  }
  return last;
}

/** Samples, the interval's exact probability and sample fraction, and the peak (a few milliseconds at N = 1000). */
export function computeFrame(seedValue: number, s: Density1DState): Density1DFrame {
  const {density, samples, peak} = drawn(seedValue, s);
  const [lo, hi] = s.a <= s.b ? [s.a, s.b] : [s.b, s.a];
  const probability = density.cdf(hi) - density.cdf(lo);
  let inside = 0;
  for (const x of samples) if (x >= lo && x <= hi) inside++;
  const bins = Math.max(1, Math.round((DOMAIN[1] - DOMAIN[0]) / s.width));
  return {
    density,
    samples,
    lo,
    hi,
    probability,
    fraction: inside / s.n,
    standardError: Math.sqrt((probability * (1 - probability)) / s.n),
    peak,
    bins,
    binWidth: (DOMAIN[1] - DOMAIN[0]) / bins
  };
}

/** The two readout lines above the frame. */
export function readoutLines(f: Density1DFrame, s: Density1DState): [string, string] {
  const first =
    `P(${f.lo.toFixed(2)} ≤ X ≤ ${f.hi.toFixed(2)}) = ${f.probability.toFixed(3)}` +
    `   samples inside: ${f.fraction.toFixed(3)} of ${s.n}`;
  const second =
    s.shape === "gaussian"
      ? `peak 1/(σ√2π) = ${f.peak.toFixed(3)} ${f.peak > 1 ? ">" : "<"} 1;  above 1 when σ < ${SIGMA_CROSS.toFixed(3)}`
      : `peak of p = ${f.peak.toFixed(3)}   bin width ${f.binWidth.toFixed(2)}`;
  return [first, second];
}

/** Room above the frame for the two readout lines. */
const READOUT = 62;

/**
 * A probability density on the line (slide D1.4): the exact density of a two-bump Gaussian mixture (or of one
 * Gaussian) from engine/stats, a normalized histogram of N seeded samples that approaches it as N grows and the bins
 * narrow, a draggable interval [a, b] whose shaded area is P(a ≤ X ≤ b) = F(b) − F(a) next to the fraction of samples
 * inside it, and a line at density 1 that a narrow Gaussian's peak 1/(σ√(2π)) crosses when σ < 1/√(2π).
 */
export const density1d: DemoSpec<typeof options, typeof state, Density1DFrame> = {
  id: "density-1d",
  description: "a 1D density, a histogram of N samples and a draggable interval: areas are probabilities, heights not",
  options,
  state,
  controls: ["shape", "n", "width", "sigma"],
  drag: {a: ["a", "grip"], b: ["b", "grip"]},
  examples: [
    {name: "many samples, narrow bins", state: {n: "20000", width: "0.1"}},
    {name: "narrow gaussian above 1", state: {shape: "gaussian", sigma: "0.25", a: "-0.2", b: "0.2"}}
  ],
  snapshot: ({seed}, s) => computeFrame(seed, s),
  render(frame, {seed}, s) {
    const f = frame ?? computeFrame(seed, s);
    const bins = binsOf(f.samples, {domain: DOMAIN, bins: f.bins});
    const top = Math.max(f.peak, ...bins.y) * 1.12;
    const ymax = s.shape === "gaussian" ? Math.max(top, 1.15) : top;
    const area = shadeOf(f);
    const [first, second] = readoutLines(f, s);
    return figure({
      label: `a density p(x), a histogram of ${s.n} samples and the interval [${f.lo.toFixed(2)}, ${f.hi.toFixed(2)}]`,
      description: describeFrame(f, s),
      size: [600, 460],
      marginTop: READOUT,
      marginLeft: 64,
      x: {domain: [...DOMAIN], label: "x"},
      y: {domain: [0, ymax], label: "density p(x)", ticks: 4},
      marks: [
        Plot.areaY(area, {x: "x", y: "y", fill: svgColor("target"), fillOpacity: 0.3}),
        histogram(f.samples, {domain: DOMAIN, bins: f.bins, color: "muted", curve: (x) => f.density.pdf(x)}),
        ymax > 1
          ? [
              Plot.ruleY([1], {stroke: palette.ink, strokeDasharray: "4 4", strokeWidth: 1.5}),
              Plot.text(["density 1"], {x: DOMAIN[1], y: 1, textAnchor: "end", dy: -12, fill: palette.ink})
            ]
          : null,
        Plot.ruleX([f.lo, f.hi], {stroke: svgColor("target"), strokeWidth: 2}),
        handles([
          {name: "a", x: s.a, y: s.grip, label: "left end a of the interval", color: "target"},
          {name: "b", x: s.b, y: s.grip, label: "right end b of the interval", color: "target"}
        ]),
        Plot.text([first + "\n" + second], {
          frameAnchor: "top-left",
          dy: -READOUT + 4,
          lineAnchor: "top",
          lineHeight: 1.15,
          fill: palette.ink,
          pointerEvents: "none"
        })
      ]
    });
  },
  describe(frame, {seed}, s) {
    return describeFrame(frame ?? computeFrame(seed, s), s);
  }
};

/** The density under [lo, hi], as points for an area mark. */
function shadeOf(f: Density1DFrame): {x: number; y: number}[] {
  const steps = 120;
  return Array.from({length: steps + 1}, (_, i) => {
    const x = f.lo + ((f.hi - f.lo) * i) / steps;
    return {x, y: f.density.pdf(x)};
  });
}

function describeFrame(f: Density1DFrame, s: Density1DState): string {
  const what =
    s.shape === "gaussian"
      ? `one Gaussian N(0, ${s.sigma.toFixed(2)}²)`
      : `a mixture of two Gaussian bumps (weights 0.35 and 0.65, means −1.4 and 1.1, standard deviation ${s.sigma.toFixed(2)})`;
  return (
    `The density of ${what}, drawn over a normalized histogram of ${s.n} samples with bins of width ` +
    `${f.binWidth.toFixed(2)}. The shaded area over [${f.lo.toFixed(2)}, ${f.hi.toFixed(2)}] is the probability ` +
    `${f.probability.toFixed(3)}; ${f.fraction.toFixed(3)} of the samples fall inside. The peak density is ` +
    `${f.peak.toFixed(3)}${f.peak > 1 ? ", above 1" : ""}.`
  );
}

export default density1d;

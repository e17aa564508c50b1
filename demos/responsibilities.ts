import * as Plot from "@observablehq/plot";
import {boolean, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {mixtureResponsibilities, type MixtureParams} from "../engine/stats/responsibilities.ts";
import {covarianceEllipses} from "./layers/ellipses.ts";
import {densityRaster, figure, handles, paintParticles, type Grid} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/**
 * Bayes' rule on a 2D Gaussian mixture (slide D1.8): p(x) = Σ_k w_k N(x; m_k, S_k) as a tinted density, each
 * component N(x; m_k, S_k) as a dashed ellipse with a draggable mean, and at a draggable probe x the responsibilities
 * γ_k(x) = w_k N(x; m_k, S_k) / p(x) as a stacked bar across the top of the figure and as lines from the probe to
 * each mean, as opaque as γ_k (the same drawing as deck 4's marginalization trick). Closed form, on the page.
 */

/** The most components. */
const MAX = 4;
/** The plotted region of the mixture, and the band above it that holds the γ bar. */
const X_DOMAIN = [-4.5, 4.5] as const;
const Y_MIN = -2.6;
const Y_TOP = 2.6;
const BAR = [2.95, 3.55] as const;
/** Each component's fixed shape: a row-major covariance (means and weights are the viewer's). */
const COVS = [
  [0.55, 0.22, 0.22, 0.4],
  [0.35, -0.12, -0.12, 0.45],
  [0.7, 0, 0, 0.22],
  [0.25, 0, 0, 0.25]
] as const;
const START = [
  [-2, -0.7, 0.5],
  [1.8, 0.8, 0.3],
  [0.4, -1.5, 0.2],
  [-1.4, 1.5, 0.25]
] as const;

const coordinate = (value: number, what: string, [min, max]: readonly [number, number]) =>
  number(value, what, {min, max, step: 0.05});

function componentKeys() {
  const keys: Record<string, ReturnType<typeof number>> = {};
  START.forEach(([x, y, w], i) => {
    keys[`w${i + 1}`] = number(w, `weight of component ${i + 1} (normalised over those shown)`, {
      min: 0.05,
      max: 1,
      step: 0.05
    });
    keys[`m${i + 1}x`] = coordinate(x, `x of mean ${i + 1}`, X_DOMAIN);
    keys[`m${i + 1}y`] = coordinate(y, `y of mean ${i + 1}`, [Y_MIN, Y_TOP]);
  });
  return keys as Record<`w${1 | 2 | 3 | 4}` | `m${1 | 2 | 3 | 4}${"x" | "y"}`, ReturnType<typeof number>>;
}

const options = {seed: seed(0)};

const state = {
  count: integer(3, "number of components K", {min: 1, max: MAX}),
  ...componentKeys(),
  qx: coordinate(-0.8, "x of the probe", X_DOMAIN),
  qy: coordinate(-1.1, "y of the probe", [Y_MIN, Y_TOP]),
  samples: boolean(false, "draw 400 samples: pick a component k with probability w_k, then x from it")
};

export type ResponsibilitiesState = Values<typeof state>;

/** What the figure draws. */
export interface ResponsibilitiesFrame {
  mixture: MixtureParams;
  /** p(x) on a grid over the plotted region. */
  density: Grid;
  probe: {x: number; y: number; gamma: Float64Array; density: number};
  /** 400 draws of the mixture [n, 2] (empty unless `samples`). */
  samples: Float64Array;
}

/** The mixture of a state: the first `count` components, weights normalised. */
export function mixtureOf(s: ResponsibilitiesState): MixtureParams {
  const all = s as unknown as Record<string, number>;
  const K = s.count;
  const weights = Float64Array.from({length: K}, (_, k) => all[`w${k + 1}`]!);
  const total = weights.reduce((a, b) => a + b, 0);
  const means = new Float64Array(2 * K);
  const covs = new Float64Array(4 * K);
  for (let k = 0; k < K; k++) {
    weights[k]! /= total;
    means.set([all[`m${k + 1}x`]!, all[`m${k + 1}y`]!], 2 * k);
    covs.set(COVS[k]!, 4 * k);
  }
  return {weights, means, covs};
}

const CELLS = [72, 42] as const;
const SAMPLES = 400;

/** The frame: a few thousand closed-form evaluations (well under a millisecond per hundred). */
export function frameOf(o: Values<typeof options>, s: ResponsibilitiesState): ResponsibilitiesFrame {
  const mixture = mixtureOf(s);
  const [nx, ny] = CELLS;
  const points = new Float64Array(2 * nx * ny);
  for (let iy = 0; iy < ny; iy++)
    for (let ix = 0; ix < nx; ix++) {
      points[2 * (iy * nx + ix)] = X_DOMAIN[0] + ((ix + 0.5) * (X_DOMAIN[1] - X_DOMAIN[0])) / nx;
      points[2 * (iy * nx + ix) + 1] = Y_MIN + ((iy + 0.5) * (Y_TOP - Y_MIN)) / ny;
    }
  const values = mixtureResponsibilities(mixture, points, nx * ny).logDensity.map(Math.exp);
  const at = mixtureResponsibilities(mixture, Float64Array.of(s.qx, s.qy), 1);
  return {
    mixture,
    density: {nx, ny, extent: [X_DOMAIN[0], X_DOMAIN[1], Y_MIN, Y_TOP], values},
    probe: {x: s.qx, y: s.qy, gamma: at.gamma, density: Math.exp(at.logDensity[0]!)},
    samples: s.samples ? sampleMixture(mixture, SAMPLES, o.seed) : new Float64Array(0)
  };
}

/** p(x, z) = p(x | z) p(z) as a recipe: z = k with probability w_k, then x = m_k + L_k ε (S_k = L_k L_kᵀ). */
function sampleMixture(m: MixtureParams, n: number, s: number): Float64Array {
  const random = rng(s);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = random.categorical(m.weights);
    const [a, b, , d] = m.covs.subarray(4 * k, 4 * k + 4);
    const l11 = Math.sqrt(a!);
    const l21 = b! / l11;
    const l22 = Math.sqrt(d! - l21 * l21);
    const [e1, e2] = [random.normal(), random.normal()];
    out[2 * i] = m.means[2 * k]! + l11 * e1;
    out[2 * i + 1] = m.means[2 * k + 1]! + l21 * e1 + l22 * e2;
  }
  return out;
}

const drag: Record<string, readonly [string, string]> = {probe: ["qx", "qy"]};
for (let k = 1; k <= MAX; k++) drag[`m${k}`] = [`m${k}x`, `m${k}y`];

const fmt = (v: number) => v.toFixed(2);
/** Fill opacities of the bar's segments, all different so that no two neighbours look alike. */
const SHADES = [0.8, 0.35, 0.6, 0.2] as const;
const SUB = ["₁", "₂", "₃", "₄"];

/** The γ bar: one segment per component, its width γ_k, across the band above the mixture. */
function gammaBar(frame: ResponsibilitiesFrame): Plot.Markish[] {
  const {gamma} = frame.probe;
  const width = X_DOMAIN[1] - X_DOMAIN[0];
  let left = X_DOMAIN[0];
  const segments = Array.from(gamma, (g, k) => {
    const seg = {k, x1: left, x2: left + g * width, g};
    left += g * width;
    return seg;
  });
  return [
    Plot.rect(segments, {
      x1: "x1",
      x2: "x2",
      y1: BAR[0],
      y2: BAR[1],
      fill: palette.conditional,
      // Four shades tell neighbours apart; the labels say which is which.
      fillOpacity: (d: {k: number}) => SHADES[d.k],
      stroke: palette.bg,
      strokeWidth: 2
    }),
    Plot.text(
      segments.filter((d) => d.x2 - d.x1 > 1.6),
      {
        x: (d: {x1: number; x2: number}) => (d.x1 + d.x2) / 2,
        y: (BAR[0] + BAR[1]) / 2,
        text: (d: {k: number; g: number}) => `γ${SUB[d.k]} = ${fmt(d.g)}`,
        fill: palette.ink,
        stroke: palette.bg,
        strokeWidth: 4,
        fontSize: 20
      }
    )
  ];
}

/**
 * D1.8: a mixture of up to four Gaussians; drag the means and the probe, set the weights; the responsibilities at the
 * probe are printed in the bar at the top.
 */
export const responsibilities: DemoSpec<typeof options, typeof state, ResponsibilitiesFrame> = {
  id: "responsibilities",
  description: "a 2D Gaussian mixture and the responsibilities γ_k(x) of its components at a draggable probe",
  options,
  state,
  controls: ["count", "w1", "w2", "w3", "w4", "samples"],
  drag,
  examples: [
    {name: "probe on component 2", state: {qx: "1.6", qy: "0.7"}},
    {name: "four components with samples", state: {count: "4", samples: "true", w4: "0.6"}}
  ],
  snapshot: (o, s) => frameOf(o, s),
  render(frame) {
    const marks: Plot.Markish[] = [];
    if (frame) {
      const {mixture, probe} = frame;
      const K = mixture.weights.length;
      const maxW = Math.max(...mixture.weights);
      const means = Array.from({length: K}, (_, k) => [mixture.means[2 * k]!, mixture.means[2 * k + 1]!] as const);
      marks.push(
        densityRaster(frame.density, {color: "marginal", opacity: 0.6}),
        covarianceEllipses(
          means.map((mean, k) => ({
            mean,
            cov: mixture.covs.subarray(4 * k, 4 * k + 4),
            opacity: 0.35 + (0.6 * mixture.weights[k]!) / maxW
          })),
          {levels: [1, 2], strokeWidth: 2.5}
        ),
        Plot.link(means, {
          x1: () => probe.x,
          y1: () => probe.y,
          x2: (m: readonly number[]) => m[0],
          y2: (m: readonly number[]) => m[1],
          stroke: palette.ink,
          strokeOpacity: (_: unknown, k: number) => 0.08 + 0.8 * probe.gamma[k]!,
          strokeWidth: (_: unknown, k: number) => 1.5 + 4 * probe.gamma[k]!,
          pointerEvents: "none"
        }),
        handles(
          means.map(([x, y], k) => ({name: `m${k + 1}`, x, y, label: `mean m${SUB[k]}`, color: "conditional"})),
          {r: 15}
        ),
        Plot.text(means, {
          x: (m: readonly number[]) => m[0],
          y: (m: readonly number[]) => m[1],
          text: (_: unknown, k: number) => String(k + 1),
          fontSize: 20,
          fontWeight: 700,
          fill: palette.conditional,
          pointerEvents: "none"
        }),
        Plot.text(means, {
          x: (m: readonly number[]) => m[0],
          y: (m: readonly number[]) => m[1],
          text: (_: unknown, k: number) => `w${SUB[k]} = ${mixture.weights[k]!.toFixed(2)}`,
          dy: 30,
          fontSize: 20,
          fill: palette.ink,
          stroke: palette.bg,
          strokeWidth: 4,
          pointerEvents: "none"
        }),
        handles([{name: "probe", x: probe.x, y: probe.y, label: "probe point x", color: "ink"}], {r: 12}),
        Plot.ruleY([Y_TOP + 0.15], {stroke: palette.rule, strokeWidth: 2}),
        gammaBar(frame),
        Plot.text([readoutOf(probe)], {
          frameAnchor: "top-left",
          dy: -34,
          fontSize: 22,
          fill: palette.ink
        })
      );
    }
    return figure({
      label: "a mixture of Gaussians and the responsibilities at a probe point",
      description: frame ? describeFrame(frame) : undefined,
      size: [600, 460],
      equal: true,
      marginTop: 44,
      marginBottom: 36,
      marginLeft: 44,
      marginRight: 12,
      x: {domain: [...X_DOMAIN], label: null},
      y: {domain: [Y_MIN, BAR[1]], label: null, ticks: [-2, -1, 0, 1, 2]},
      marks
    });
  },
  paint(layer, frame) {
    if (frame && frame.samples.length > 0)
      paintParticles(layer, frame.samples, {color: "target", r: 2.5, opacity: 0.7, symbol: "diamond"});
  },
  describe: (frame) => (frame ? describeFrame(frame) : "a mixture of Gaussians")
};

/** The probe's numbers in one line: p(x), every γ_k(x) and their sum. */
function readoutOf(probe: ResponsibilitiesFrame["probe"]): string {
  const g = Array.from(probe.gamma, fmt).join(", ");
  return `p(x) = ${probe.density.toPrecision(2)}   γ(x) = (${g}), sum ${sumOf(probe.gamma).toFixed(2)}`;
}

function sumOf(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/** The text alternative with the frame's numbers. */
function describeFrame(f: ResponsibilitiesFrame): string {
  const K = f.mixture.weights.length;
  const w = Array.from(f.mixture.weights, (v) => v.toFixed(2)).join(", ");
  const g = Array.from(f.probe.gamma, (v) => v.toFixed(2)).join(", ");
  return (
    `a mixture of ${K} Gaussian${K === 1 ? "" : "s"} with weights ${w}; at the probe (${f.probe.x.toFixed(2)}, ` +
    `${f.probe.y.toFixed(2)}) the density is ${f.probe.density.toPrecision(3)} and the responsibilities are ${g}`
  );
}

export default responsibilities;

import * as Plot from "@observablehq/plot";
import {standardNormal} from "../engine/data/registry.ts";
import {gaussianMixture} from "../engine/data/gaussian-mixture.ts";
import {marginalField, type MarginalField} from "../engine/fm/marginal.ts";
import {choice, number, type Values} from "../engine/options/schema.ts";
import {lipmanPath} from "../engine/paths/cfm.ts";
import {vpDiffusionPath} from "../engine/paths/diffusion.ts";
import type {ProbabilityPath} from "../engine/paths/path.ts";
import {arrowField, densityContours, figure, type Grid} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  t: number(0.5, "time along the path: 0 is noise, 1 is data", {min: 0.05, max: 0.95, step: 0.01}),
  schedule: choice(["condot", "vp"], "condot", "the Gaussian path: CondOT (α = t, σ = 1 − t) or VP diffusion"),
  field: choice(["velocity", "score"], "velocity", "which field of the same p_t to draw: u_t or ∇log p_t")
};

/** State of `velocity-score`. */
export type VelocityScoreState = Values<typeof state>;

/** The schedule's numbers at one time: α_t, σ_t, their derivatives, and the conversion u = a x + b ∇log p_t. */
export interface Conversion {
  alpha: number;
  sigma: number;
  dAlpha: number;
  dSigma: number;
  /** a = α̇/α, the coefficient of x. */
  a: number;
  /** b = α̇σ²/α − σ̇σ, the coefficient of the score. */
  b: number;
}

/** What the figure draws at one (t, schedule): the density, both fields on the arrow grid, and the identity's error. */
export interface VelocityScoreFrame {
  t: number;
  conversion: Conversion;
  density: Grid;
  velocity: Grid;
  score: Grid;
  /** max over the arrow grid of |u − (a x + b ∇log p_t)|: the identity, checked on the figure's own numbers. */
  identityError: number;
}

/** The target: three Gaussians (weights 0.4, 0.3, 0.3), small enough that the figure's square holds every p_t. */
export const target = gaussianMixture({
  name: "three-gaussians",
  means: [
    [-1.6, 1],
    [1.6, 1],
    [0, -1.4]
  ],
  weights: [0.4, 0.3, 0.3],
  cov: 0.15
});

const EXTENT = [-3, 3, -3, 3] as const;
/** Cells of the arrow grid and of the density grid, per side. */
const ARROWS = 13;
const DENSITY = 40;

/** The path of a schedule name (σ_min = 0 for CondOT; VP with β from 0.1 to 20). */
export function pathOf(schedule: VelocityScoreState["schedule"]): ProbabilityPath {
  return schedule === "vp" ? vpDiffusionPath() : lipmanPath(0);
}

/** α_t, σ_t, α̇_t, σ̇_t of a one-sided path, read from its coefficients (x_t = b x1 + s ε), and a, b of u = a x + b s. */
export function conversionAt(path: ProbabilityPath, t: number): Conversion {
  const c = path.coefficients(t);
  const [alpha, sigma, dAlpha] = [c.b, c.s, c.db];
  const dSigma = c.dlogs * c.s;
  return {alpha, sigma, dAlpha, dSigma, a: dAlpha / alpha, b: (dAlpha * sigma * sigma) / alpha - dSigma * sigma};
}

/** Cell centres of an n × n grid over the extent, as a flat [n², 2] array (rows from ymin up). */
function centres(n: number): Float64Array {
  const x = new Float64Array(2 * n * n);
  const [x0, x1, y0, y1] = EXTENT;
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      x[2 * (iy * n + ix)] = x0 + ((ix + 0.5) * (x1 - x0)) / n;
      x[2 * (iy * n + ix) + 1] = y0 + ((iy + 0.5) * (y1 - y0)) / n;
    }
  }
  return x;
}

const fields = new Map<string, MarginalField>();
/** The closed-form marginal field of a schedule toward the target (built once per schedule). */
export function fieldOf(schedule: VelocityScoreState["schedule"]): MarginalField {
  let f = fields.get(schedule);
  if (!f) fields.set(schedule, (f = marginalField(pathOf(schedule), standardNormal, target)));
  return f;
}

/** Computes one frame on the page: about 2,000 closed-form evaluations of three components (well under 10 ms). */
export function computeFrame(t: number, schedule: VelocityScoreState["schedule"]): VelocityScoreFrame {
  const field = fieldOf(schedule);
  const conversion = conversionAt(pathOf(schedule), t);
  const xs = centres(ARROWS);
  const m = ARROWS * ARROWS;
  const u = new Float64Array(2 * m);
  const s = new Float64Array(2 * m);
  field.velocity(u, xs, m, t);
  field.score(s, xs, m, t);
  let identityError = 0;
  for (let k = 0; k < 2 * m; k++) {
    identityError = Math.max(identityError, Math.abs(u[k]! - (conversion.a * xs[k]! + conversion.b * s[k]!)));
  }
  const xd = centres(DENSITY);
  const logp = new Float64Array(DENSITY * DENSITY);
  field.logDensity(logp, xd, DENSITY * DENSITY, t);
  const grid = (nx: number, values: Float64Array): Grid => ({nx, ny: nx, extent: EXTENT, values});
  return {
    t,
    conversion,
    density: grid(DENSITY, logp.map(Math.exp)),
    velocity: grid(ARROWS, u),
    score: grid(ARROWS, s),
    identityError
  };
}

const fixed = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
const scheduleName = (s: VelocityScoreState["schedule"]) => (s === "vp" ? "VP" : "CondOT");

/**
 * One Gaussian probability path toward a three-component mixture, drawn as its marginal density p_t (contours) and
 * either of two fields of that same p_t: the velocity u_t or the score ∇log p_t, both closed-form (engine
 * marginalField). The readout shows the two coefficients of u_t(x) = a_t x + b_t ∇log p_t(x) at the current t, and the
 * largest gap between the two sides on the arrow grid.
 */
export const velocityScore: DemoSpec<Record<string, never>, typeof state, VelocityScoreFrame> = {
  id: "velocity-score",
  description:
    "the velocity field and the score of one Gaussian path, and the two coefficients that convert one into the other",
  options: {},
  state,
  controls: ["t", "schedule", "field"],
  examples: [
    {name: "score, CondOT, t 0.8", state: {t: "0.8", field: "score"}},
    {name: "VP velocity, t 0.3", state: {t: "0.3", schedule: "vp"}}
  ],
  snapshot: (_options, {t, schedule}) => computeFrame(t, schedule),
  render(frame, _options, {t, schedule, field}) {
    const f = frame ?? computeFrame(t, schedule);
    const {a, b} = f.conversion;
    const arrows = field === "score" ? f.score : f.velocity;
    const lines = [
      field === "score" ? "score ∇log pₜ" : "velocity uₜ",
      scheduleName(schedule),
      `t = ${t.toFixed(2)}`,
      "",
      `aₜ = ${fixed(a)}`,
      `bₜ = ${fixed(b)}`
    ];
    return figure({
      label: `${field} field of the ${scheduleName(schedule)} path at t = ${t.toFixed(2)}`,
      description: describeFrame(f, schedule, field),
      size: [600, 460],
      equal: true,
      marginRight: 170,
      x: {domain: [EXTENT[0], EXTENT[1]], label: "x₁ (first coordinate)"},
      y: {domain: [EXTENT[2], EXTENT[3]], label: "x₂"},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        densityContours(f.density, {kind: "marginal", thresholds: 6, opacity: 0.55, strokeWidth: 1.2}),
        arrowField(arrows, {kind: "marginal", scale: 0.95}),
        Plot.text([lines.join("\n")], {
          frameAnchor: "top-right",
          dx: 16,
          lineAnchor: "top",
          textAnchor: "start",
          lineHeight: 1.3
        })
      ]
    });
  },
  describe(frame, _options, {schedule, field}) {
    return frame ? describeFrame(frame, schedule, field) : "velocity and score of a Gaussian path";
  }
};

function describeFrame(f: VelocityScoreFrame, schedule: VelocityScoreState["schedule"], field: string): string {
  const {a, b, alpha, sigma} = f.conversion;
  return (
    `The ${field} field of the ${scheduleName(schedule)} path at t = ${f.t.toFixed(2)} (α = ${alpha.toFixed(3)}, ` +
    `σ = ${sigma.toFixed(3)}) over contours of the marginal density pₜ of a three-Gaussian target. ` +
    `uₜ(x) = ${a.toFixed(3)}·x + ${b.toFixed(3)}·∇log pₜ(x); at the arrows' points the two sides differ by at most ` +
    `${f.identityError.toExponential(1)}.`
  );
}

export default velocityScore;

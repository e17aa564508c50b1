import * as Plot from "@observablehq/plot";
import {boolean, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {svgColor} from "./layers/conventions.ts";
import {densityRaster, figure, handles, particles, type Grid} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  n: integer(300, "number of samples drawn from the Gaussian (0: none)", {min: 0, max: 5000}),
  seed: seed(0)
};

const coordinate = (value: number, help: string, min = -3, max = 3) => number(value, help, {min, max, step: 0.05});

const state = {
  mx: coordinate(0, "mean μ, first coordinate"),
  my: coordinate(0, "mean μ, second coordinate"),
  ax: coordinate(1.4, "first axis handle, x: its distance from the origin is σ₁, its direction the tilt"),
  ay: coordinate(0.5, "first axis handle, y"),
  bx: coordinate(-0.3, "second axis handle, x: its distance from the first axis is σ₂"),
  by: coordinate(0.8, "second axis handle, y"),
  px: coordinate(1.5, "probe point, x", -4, 4),
  py: coordinate(-1.5, "probe point, y"),
  samples: boolean(true, "show the samples")
};

/** Options of `gaussian-2d`. */
export type Gaussian2DOptions = Values<typeof options>;
/** State of `gaussian-2d`. */
export type Gaussian2DState = Values<typeof state>;

/** The plotted box [xmin, xmax, ymin, ymax] (equal units). */
export const EXTENT = [-4, 4, -3, 3] as const;
/** Cells of the heatmap along x (y has as many per unit). */
const NX = 96;
const NY = 72;
/** The smallest standard deviation the handles can set (a flat ellipse has no density). */
export const MIN_SD = 0.15;

/** A 2D Gaussian N(μ, Σ) with Σ = R(θ) diag(σ₁², σ₂²) R(θ)ᵀ, and what the slide prints about it. */
export interface Gaussian2D {
  mean: [number, number];
  sd1: number;
  sd2: number;
  /** Tilt of the first axis, radians. */
  theta: number;
  /** Σ as [Σ11, Σ12, Σ22]. */
  cov: [number, number, number];
  /** det Σ = (σ₁σ₂)². */
  det: number;
}

/** The heatmap, the samples and the probe's density, computed on the page (about 7,000 evaluations). */
export interface Gaussian2DFrame {
  gaussian: Gaussian2D;
  grid: Grid;
  /** n samples μ + R diag(σ₁, σ₂) ε, ε ~ N(0, I) from the seed, row-major [n, 2]. */
  points: Float64Array;
  /** N(probe; μ, Σ) and its log. */
  probe: {x: number; y: number; density: number; logDensity: number};
}

/**
 * Reads the Gaussian off the handles: the first axis handle sits at σ₁(cos θ, sin θ) from the origin, the second at
 * ±σ₂ along the perpendicular (its distance from the first axis's line). The shape handles live around the origin:
 * Σ is the shape of the noise L ε before the mean μ shifts it (x = μ + L ε, the next part of the deck).
 */
export function gaussianOf(s: Pick<Gaussian2DState, "mx" | "my" | "ax" | "ay" | "bx" | "by">): Gaussian2D {
  const sd1 = Math.max(MIN_SD, Math.hypot(s.ax, s.ay));
  const theta = Math.atan2(s.ay, s.ax);
  const [c, n] = [Math.cos(theta), Math.sin(theta)];
  const sd2 = Math.max(MIN_SD, Math.abs(-n * s.bx + c * s.by));
  const [v1, v2] = [sd1 * sd1, sd2 * sd2];
  const cov: [number, number, number] = [c * c * v1 + n * n * v2, c * n * (v1 - v2), n * n * v1 + c * c * v2];
  return {mean: [s.mx, s.my], sd1, sd2, theta, cov, det: v1 * v2};
}

/** log N(x; μ, Σ) = −½ (x − μ)ᵀ Σ⁻¹ (x − μ) − log 2π − ½ log det Σ, in d = 2. */
export function logDensity(g: Gaussian2D, x: number, y: number): number {
  const [s11, s12, s22] = g.cov;
  const [dx, dy] = [x - g.mean[0], y - g.mean[1]];
  const quad = (s22 * dx * dx - 2 * s12 * dx * dy + s11 * dy * dy) / g.det;
  return -0.5 * quad - Math.log(2 * Math.PI) - 0.5 * Math.log(g.det);
}

/** The frame of a state: grid values at cell centres (rows from ymin up), samples, probe. */
export function computeFrame({n, seed: seedValue}: Gaussian2DOptions, s: Gaussian2DState): Gaussian2DFrame {
  const g = gaussianOf(s);
  const [x0, x1, y0, y1] = EXTENT;
  const values = new Float64Array(NX * NY);
  for (let iy = 0; iy < NY; iy++) {
    const y = y0 + ((iy + 0.5) * (y1 - y0)) / NY;
    for (let ix = 0; ix < NX; ix++)
      values[iy * NX + ix] = Math.exp(logDensity(g, x0 + ((ix + 0.5) * (x1 - x0)) / NX, y));
  }
  const eps = rng(seedValue).fillNormal(new Float64Array(2 * n));
  const [c, sn] = [Math.cos(g.theta), Math.sin(g.theta)];
  const points = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [e1, e2] = [g.sd1 * eps[2 * i]!, g.sd2 * eps[2 * i + 1]!];
    points[2 * i] = g.mean[0] + c * e1 - sn * e2;
    points[2 * i + 1] = g.mean[1] + sn * e1 + c * e2;
  }
  const lp = logDensity(g, s.px, s.py);
  return {
    gaussian: g,
    grid: {nx: NX, ny: NY, extent: EXTENT, values},
    points,
    probe: {x: s.px, y: s.py, density: Math.exp(lp), logDensity: lp}
  };
}

/** The points of the ellipse (x − μ)ᵀ Σ⁻¹ (x − μ) = k² around `centre`. */
function ellipse(g: Gaussian2D, k: number, centre: readonly [number, number]): {x: number; y: number}[] {
  const [c, s] = [Math.cos(g.theta), Math.sin(g.theta)];
  return Array.from({length: 97}, (_, i) => {
    const t = (2 * Math.PI * i) / 96;
    const [e1, e2] = [k * g.sd1 * Math.cos(t), k * g.sd2 * Math.sin(t)];
    return {x: centre[0] + c * e1 - s * e2, y: centre[1] + s * e1 + c * e2};
  });
}

/** A readout number: 3 significant digits, scientific below 10⁻³. */
function fmt(v: number): string {
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toPrecision(3);
}

/** The two readout lines above the frame: Σ and det Σ, the density at the probe. */
export function readoutLines(f: Gaussian2DFrame): [string, string] {
  const g = f.gaussian;
  const [s11, s12, s22] = g.cov.map((v) => v.toFixed(2));
  return [
    `Σ = [${s11}  ${s12}; ${s12}  ${s22}]   det Σ = ${fmt(g.det)}`,
    `σ₁ = ${g.sd1.toFixed(2)}, σ₂ = ${g.sd2.toFixed(2)}, tilt ${((g.theta * 180) / Math.PI).toFixed(0)}°   p(probe) = ${fmt(f.probe.density)}`
  ];
}

const READOUT = 62;

/**
 * A Gaussian in 2D (slide D1.5): its density N(x; μ, Σ) as a heatmap with its 1σ and 2σ ellipses and seeded samples,
 * a draggable mean, two handles around the origin that set the axes σ₁, σ₂ and the tilt of Σ, and a probe where the
 * density is printed. Closed form, computed on the page.
 */
export const gaussian2d: DemoSpec<typeof options, typeof state, Gaussian2DFrame> = {
  id: "gaussian-2d",
  description: "a 2D Gaussian: drag its mean, set its covariance Σ with two axis handles, read det Σ and the density",
  options,
  state,
  controls: ["n", "samples"],
  drag: {mean: ["mx", "my"], axis1: ["ax", "ay"], axis2: ["bx", "by"], probe: ["px", "py"]},
  examples: [
    {name: "standard normal", state: {ax: "1", ay: "0", bx: "0", by: "1", px: "1", py: "1"}},
    {name: "shifted and tilted", state: {mx: "1.2", my: "0.6", ax: "1.2", ay: "1.2", bx: "-0.3", by: "0.3"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const g = f.gaussian;
    const [c, sn] = [Math.cos(g.theta), Math.sin(g.theta)];
    const side = Math.sign(-sn * s.bx + c * s.by) || 1;
    const axis1 = {x: g.sd1 * c, y: g.sd1 * sn};
    const axis2 = {x: -side * g.sd2 * sn, y: side * g.sd2 * c};
    const shifted = g.mean[0] !== 0 || g.mean[1] !== 0;
    const [first, second] = readoutLines(f);
    return figure({
      label: "a 2D Gaussian density with draggable mean and covariance handles",
      description: describeFrame(f),
      size: [600, 460],
      equal: true,
      marginTop: READOUT,
      marginBottom: 44,
      marginLeft: 48,
      x: {domain: [EXTENT[0], EXTENT[1]], label: null},
      y: {domain: [EXTENT[2], EXTENT[3]], label: null},
      marks: [
        densityRaster(f.grid, {color: "source", opacity: 0.75}),
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        s.samples ? particles(f.points, {color: "source", r: 2, opacity: 0.55}) : null,
        [1, 2].map((k) =>
          Plot.line(ellipse(g, k, g.mean), {x: "x", y: "y", stroke: svgColor("source"), strokeWidth: 2})
        ),
        shifted
          ? [
              Plot.line(ellipse(g, 1, [0, 0]), {
                x: "x",
                y: "y",
                stroke: palette.muted,
                strokeWidth: 1.5,
                strokeDasharray: "5 4"
              }),
              Plot.arrow([{x1: 0, y1: 0, x2: g.mean[0], y2: g.mean[1]}], {
                x1: "x1",
                y1: "y1",
                x2: "x2",
                y2: "y2",
                stroke: palette.ink,
                strokeWidth: 2,
                headLength: 12
              })
            ]
          : null,
        Plot.link(
          [
            {x2: axis1.x, y2: axis1.y},
            {x2: axis2.x, y2: axis2.y}
          ],
          {x1: 0, y1: 0, x2: "x2", y2: "y2", stroke: palette.ink, strokeWidth: 2}
        ),
        Plot.text(
          [
            {x: axis1.x, y: axis1.y, t: "σ₁"},
            {x: axis2.x, y: axis2.y, t: "σ₂"},
            {x: g.mean[0], y: g.mean[1], t: "μ"}
          ],
          {x: "x", y: "y", text: "t", dx: 18, dy: -16, fill: palette.ink, fontWeight: 600, pointerEvents: "none"}
        ),
        Plot.text(["probe"], {x: s.px, y: s.py, dy: 24, fill: palette.ink, pointerEvents: "none"}),
        handles([
          {name: "axis1", x: axis1.x, y: axis1.y, label: "end of the first axis (σ₁ and tilt)"},
          {name: "axis2", x: axis2.x, y: axis2.y, label: "end of the second axis (σ₂)"},
          {name: "probe", x: s.px, y: s.py, label: "probe point", color: "muted"},
          {name: "mean", x: g.mean[0], y: g.mean[1], label: "mean μ", color: "source"}
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
  describe(frame, o, s) {
    return describeFrame(frame ?? computeFrame(o, s));
  }
};

function describeFrame(f: Gaussian2DFrame): string {
  const g = f.gaussian;
  const [s11, s12, s22] = g.cov.map((v) => v.toFixed(2));
  return (
    `A 2D Gaussian with mean (${g.mean[0].toFixed(2)}, ${g.mean[1].toFixed(2)}) and covariance ` +
    `[${s11} ${s12}; ${s12} ${s22}]: axes σ₁ = ${g.sd1.toFixed(2)} and σ₂ = ${g.sd2.toFixed(2)}, tilted ` +
    `${((g.theta * 180) / Math.PI).toFixed(0)}°, det Σ = ${fmt(g.det)}. Heatmap of its density with the 1σ and 2σ ` +
    `ellipses and ${f.points.length / 2} samples; at the probe (${f.probe.x.toFixed(2)}, ${f.probe.y.toFixed(2)}) ` +
    `the density is ${fmt(f.probe.density)}.`
  );
}

export default gaussian2d;

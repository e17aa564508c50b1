import * as Plot from "@observablehq/plot";
import {gaussianMixture} from "../engine/data/gaussian-mixture.ts";
import {standardNormal} from "../engine/data/registry.ts";
import {marginalField} from "../engine/fm/marginal.ts";
import {integer, number, seed, type Values} from "../engine/options/schema.ts";
import {iCfmPath} from "../engine/paths/cfm.ts";
import {rng} from "../engine/random.ts";
import {gridPoints, PREVIEW_BOX} from "../engine/tasks/fm-preview-scene.ts";
import {densityRaster, figure, paintArrowField, paintParticles, particles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {CanvasLayer, DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

/**
 * The distribution the three views describe: eight Gaussians along the two moons of fm-preview (its box, so that the
 * two slides line up), each with variance 0.12, so that its density, its samples and the marginal field of the
 * straight path from N(0, I) are all exact.
 */
export const moonsMixture = gaussianMixture({
  name: "moons-mixture",
  description: "eight Gaussians along the two moons (variance 0.12 each)",
  means: [0.15, 0.4, 0.65, 0.9].flatMap((a) => {
    const th = a * Math.PI;
    return [
      [3 * Math.cos(th) - 0.7, 3 * Math.sin(th) - 0.7],
      [3 * (1 - Math.cos(th)) - 0.7, 3 * (0.5 - Math.sin(th)) - 0.7]
    ] as [number, number][];
  }),
  cov: 0.12
});

/** The straight path x_t = (1 − t) x₀ + t x₁ from N(0, I) to the mixture, and its exact marginal field. */
export const threeViewsField = marginalField(iCfmPath(0), standardNormal, moonsMixture);

const options = {
  n: integer(500, "samples drawn for the sampler view, and particles that follow the arrows", {min: 50, max: 3000}),
  seed: seed(0)
};
const state = {
  t: number(0, "time of the dynamics view: 0 is noise, 1 is the data", {min: 0, max: 1, step: 0.01})
};
export type ThreeViewsOptions = Values<typeof options>;
export type ThreeViewsState = Values<typeof state>;

/** Euler steps of the dynamics view (its particles follow the arrows, x ← x + Δt u_t(x)), and the grids' sizes. */
export const EULER_STEPS = 60;
export const DENSITY_GRID = [80, 52] as const;
export const ARROW_GRID = [14, 9] as const;

export interface ThreeViewsFrame {
  /** p(x) at the density grid's cell centres (rows from the bottom up). */
  density: Float64Array;
  /** Samples of the mixture [n, 2]: the sampler's view. */
  samples: Float64Array;
  /** The particles after each Euler step, [EULER_STEPS + 1, n, 2], starting from N(0, I). */
  paths: Float32Array;
  /** The field u_t on the arrow grid at each step's time, [EULER_STEPS + 1, cells, 2]. */
  fields: Float32Array;
  n: number;
  /** The largest arrow over every time (one scale for the whole clock). */
  speed: number;
}

/** The three views, computed on the page (a few milliseconds): exact density, exact samples, Euler along u_t. */
export function computeThreeViews({n, seed: s}: ThreeViewsOptions): ThreeViewsFrame {
  const random = rng(s);
  const cellsD = DENSITY_GRID[0] * DENSITY_GRID[1];
  const log = moonsMixture.logDensity(new Float64Array(cellsD), gridPoints(PREVIEW_BOX, DENSITY_GRID), cellsD);
  const density = log.map(Math.exp);
  const samples = moonsMixture.sample(n, random);
  const x = standardNormal.sample(n, random);
  const paths = new Float32Array((EULER_STEPS + 1) * n * 2);
  const grid = gridPoints(PREVIEW_BOX, ARROW_GRID);
  const cells = grid.length / 2;
  const fields = new Float32Array((EULER_STEPS + 1) * cells * 2);
  const v = new Float64Array(2 * n);
  const g = new Float64Array(2 * cells);
  let speed = 0;
  for (let k = 0; k <= EULER_STEPS; k++) {
    const t = k / EULER_STEPS;
    paths.set(x, k * n * 2);
    threeViewsField.velocity(g, grid, cells, t);
    fields.set(g, k * cells * 2);
    for (let c = 0; c < cells; c++) speed = Math.max(speed, Math.hypot(g[2 * c]!, g[2 * c + 1]!));
    if (k === EULER_STEPS) break;
    // Follow the arrows: x ← x + Δt u_t(x).
    threeViewsField.velocity(v, x, n, t);
    for (let i = 0; i < 2 * n; i++) x[i]! += v[i]! / EULER_STEPS;
  }
  return {density, samples, paths, fields, n, speed};
}

/** The particles at time t (rows k and k + 1 of the Euler paths mixed: Euler moves straight within a step). */
export function particlesAt(f: ThreeViewsFrame, t: number, out = new Float32Array(2 * f.n)): Float32Array {
  const s = Math.min(Math.max(t, 0), 1) * EULER_STEPS;
  const k = Math.min(Math.floor(s), EULER_STEPS);
  const a = f.paths.subarray(k * f.n * 2, (k + 1) * f.n * 2);
  const frac = s - k;
  if (frac === 0) out.set(a);
  else {
    const b = f.paths.subarray((k + 1) * f.n * 2, (k + 2) * f.n * 2);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! + frac * (b[i]! - a[i]!);
  }
  return out;
}

const PANEL = [380, 300] as const;

function panel(label: string, title: string, marks: Plot.Markish[]): Element {
  return figure({
    label,
    size: PANEL,
    equal: true,
    marginTop: 40,
    marginLeft: 8,
    marginRight: 8,
    marginBottom: 8,
    x: {domain: [PREVIEW_BOX[0], PREVIEW_BOX[1]], label: null, ticks: 0},
    y: {domain: [PREVIEW_BOX[2], PREVIEW_BOX[3]], label: null, ticks: 0},
    marks: [
      Plot.frame({stroke: palette.rule}),
      ...marks,
      Plot.text([title], {frameAnchor: "top-left", dy: -30, fontSize: 21, fontWeight: 600})
    ]
  });
}

let scratch = new Float32Array(0);

/**
 * One distribution described three ways (lecture D1.15): its density p(x) as a heat map, a cloud of samples (what a
 * sampler x = G(z) gives), and dynamics: N(0, I) particles following the exact marginal field u_t of the straight
 * path (Euler, x ← x + Δt u_t(x)), which land on the same distribution at t = 1. The distribution is a mixture of
 * eight Gaussians along the moons, so that all three are exact; computed on the page.
 */
export const threeViews: DemoSpec<typeof options, typeof state, ThreeViewsFrame> = {
  id: "three-views",
  description: "one distribution three ways: density heat map, sample cloud, particles following a velocity field",
  options,
  state,
  controls: ["t", "seed"],
  player: true,
  examples: [{name: "halfway", state: {t: "0.5"}}],
  snapshot: (o) => computeThreeViews(o),
  render(frame, o) {
    const root = document.createElement("div");
    root.className = "demo-panels panels-ltr panels-natural";
    const f = frame ?? computeThreeViews(o);
    const grid = {nx: DENSITY_GRID[0], ny: DENSITY_GRID[1], extent: PREVIEW_BOX, values: f.density};
    root.append(
      panel("the density of a mixture of eight Gaussians as a heat map", "density: p(x)", [
        densityRaster(grid, {color: "target"})
      ]),
      panel(`${f.n} samples of the same distribution`, "sampler: x = G(z)", [
        particles(f.samples, {color: "target", symbol: "diamond", r: 2, opacity: 0.55})
      ]),
      panel("noise particles following the velocity field to the same distribution", "dynamics: dx/dt = u(x)", [])
    );
    return root;
  },
  renderKeys: [],
  paint(layer: CanvasLayer, frame, _o, {t}) {
    if (!frame) return;
    const k = Math.min(Math.floor(t * EULER_STEPS), EULER_STEPS);
    const cells = ARROW_GRID[0] * ARROW_GRID[1];
    paintArrowField(
      layer,
      {
        nx: ARROW_GRID[0],
        ny: ARROW_GRID[1],
        extent: PREVIEW_BOX,
        values: frame.fields.subarray(2 * k * cells, 2 * (k + 1) * cells)
      },
      {kind: "marginal", speed: frame.speed, opacity: 0.6, strokeWidth: 1.6}
    );
    if (scratch.length < 2 * frame.n) scratch = new Float32Array(2 * frame.n);
    paintParticles(layer, particlesAt(frame, t, scratch.subarray(0, 2 * frame.n)), {
      color: "source",
      r: 2,
      opacity: 0.8
    });
    const c = layer.context;
    c.font = "20px sans-serif";
    c.fillStyle = layer.color("ink");
    c.fillText(`t = ${t.toFixed(2)}`, layer.x(PREVIEW_BOX[0]) + 8, layer.y(PREVIEW_BOX[3]) + 24);
  },
  advance: playClock(4),
  describe(frame, o, {t}) {
    return (
      `One distribution, eight Gaussians along two moons, three ways: its density as a heat map; ${frame?.n ?? o.n} ` +
      `samples; and ${frame?.n ?? o.n} noise particles following the velocity field, shown at t = ${t.toFixed(2)} ` +
      "(at t = 1 they are samples of the same distribution)."
    );
  }
};

export default threeViews;

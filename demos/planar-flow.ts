import * as Plot from "@observablehq/plot";
import {
  constrainPlanar,
  planarFolds,
  planarM,
  planarStackDensity,
  planarStackForward,
  planarWa,
  randomPlanarLayers,
  type PlanarParams
} from "../engine/flows/planar-map.ts";
import {boolean, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {densityRaster} from "./layers/density.ts";
import {figure} from "./layers/figure.ts";
import {handles} from "./layers/handles.ts";
import {logDetRaster} from "./layers/log-det.ts";
import {particles} from "./layers/particles.ts";
import {gridLines, warpedGrid, type GridLines} from "./layers/warped-grid.ts";
import type {Extent, Grid} from "./layers/data.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  seed: seed(0, "seed of the samples z ~ N(0, I) and of the random layers after the first")
};

const state = {
  ax: number(-0.5, "the vector a, first coordinate (drag its tip)", {min: -3, max: 3, step: 0.05}),
  ay: number(0.6, "the vector a, second coordinate", {min: -3, max: 3, step: 0.05}),
  wx: number(1.6, "the normal w, first coordinate (drag its tip)", {min: -3, max: 3, step: 0.05}),
  wy: number(0.4, "the normal w, second coordinate", {min: -3, max: 3, step: 0.05}),
  b: number(0, "the offset b of the hyperplane wᵀz + b = 0", {min: -3, max: 3, step: 0.05}),
  constrained: boolean(true, "replace a by â, so that wᵀâ > −1 and the layer is invertible"),
  K: integer(1, "planar layers stacked: the first is yours, the others random (seeded) and constrained", {
    min: 1,
    max: 8
  })
};

/** State of `planar-flow`. */
export type PlanarFlowState = Values<typeof state>;

/** The plane both panels show. */
export const PLANE: Extent = [-3, 3, -3, 3];
/** Raster resolution of both heatmaps. */
const RASTER = 48;
/** Samples drawn from N(0, I). */
const SAMPLES = 300;
/** log|det J| at full tint (one scale while the vectors move). */
const LOG_DET_LIMIT = 1.5;

/** Everything both panels draw, computed on the page. */
export interface PlanarFlowFrame {
  /** The first layer as the viewer set it, and as it is applied (â when constrained). */
  raw: PlanarParams;
  layers: PlanarParams[];
  /** wᵀa of the viewer's vectors, and wᵀ of the applied vector (wᵀâ = m(wᵀa) when constrained). */
  wa: number;
  applied: number;
  folds: boolean;
  /** det J of the whole stack at raster cells over z, its least and largest value there. */
  det: Grid;
  detMin: number;
  detMax: number;
  /** The exact push-forward density over x, and the value drawn solid. */
  density: Grid;
  densityMax: number;
  z: Float64Array;
  x: Float64Array;
  grid: GridLines;
  warped: GridLines;
}

/** The applied stack: the viewer's layer (constrained or not) then K − 1 random constrained layers. */
export function planarStack(s: PlanarFlowState, seedValue: number): {raw: PlanarParams; layers: PlanarParams[]} {
  const raw: PlanarParams = {a: [s.ax, s.ay], w: [s.wx, s.wy], b: s.b};
  const first = s.constrained ? constrainPlanar(raw) : raw;
  return {raw, layers: [first, ...randomPlanarLayers(s.K - 1, seedValue + 1)]};
}

function cellCentre(extent: Extent, i: number, j: number): [number, number] {
  const [x0, x1, y0, y1] = extent;
  return [x0 + ((i + 0.5) * (x1 - x0)) / RASTER, y0 + ((j + 0.5) * (y1 - y0)) / RASTER];
}

/** The frame for a state: a 64×64 density by exact inversion, a 64×64 det J, 300 samples and a grid pushed through. */
export function planarFlowFrame(s: PlanarFlowState, seedValue: number): PlanarFlowFrame {
  const {raw, layers} = planarStack(s, seedValue);
  const det = new Float64Array(RASTER * RASTER);
  const density = new Float64Array(RASTER * RASTER);
  let detMin = Infinity;
  let detMax = -Infinity;
  for (let j = 0; j < RASTER; j++) {
    for (let i = 0; i < RASTER; i++) {
      const d = planarStackForward(layers, cellCentre(PLANE, i, j)).det;
      det[j * RASTER + i] = d;
      detMin = Math.min(detMin, d);
      detMax = Math.max(detMax, d);
      density[j * RASTER + i] = planarStackDensity(layers, cellCentre(PLANE, i, j));
    }
  }
  // Drawn solid at the 95th percentile of the cells that hold mass, so a caustic's spike (the edge of a fold, where
  // the density is infinite) does not wash out the rest.
  const sorted = density.filter((v) => v > 1e-4).sort();
  const densityMax = Math.max(sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 0, 1e-6);
  const r = rng(seedValue);
  const z = new Float64Array(2 * SAMPLES);
  const x = new Float64Array(2 * SAMPLES);
  for (let k = 0; k < SAMPLES; k++) {
    z[2 * k] = r.normal();
    z[2 * k + 1] = r.normal();
    const p = planarStackForward(layers, [z[2 * k]!, z[2 * k + 1]!]).x;
    x[2 * k] = p[0];
    x[2 * k + 1] = p[1];
  }
  const grid = gridLines(PLANE, 13, 61);
  const values = new Float64Array(grid.values.length);
  for (let k = 0; k < values.length; k += 2) {
    const p = planarStackForward(layers, [grid.values[k]!, grid.values[k + 1]!]).x;
    values[k] = p[0];
    values[k + 1] = p[1];
  }
  return {
    raw,
    layers,
    wa: planarWa(raw),
    applied: planarWa(layers[0]!),
    folds: layers.some(planarFolds),
    det: {nx: RASTER, ny: RASTER, extent: PLANE, values: det},
    detMin,
    detMax,
    density: {nx: RASTER, ny: RASTER, extent: PLANE, values: density},
    densityMax,
    z,
    x,
    grid,
    warped: {...grid, values}
  };
}

const fmt = (v: number, d = 2) => (v < 0 ? "−" : "") + Math.abs(v).toFixed(d);

/** The readout: wᵀa, what the constraint made of it, the range of det J on the plane and whether the map folds. */
export function readoutParts(f: PlanarFlowFrame, s: PlanarFlowState): {text: string; color: string}[] {
  const parts: {text: string; color: string}[] = [{text: `wᵀa = ${fmt(f.wa)}`, color: palette.ink}];
  if (s.constrained) parts.push({text: ` → wᵀâ = ${fmt(planarM(f.wa))}`, color: palette.model});
  parts.push({text: `  ·  det J: ${fmt(f.detMin)} to ${fmt(f.detMax)}`, color: palette.ink});
  parts.push(
    f.folds ? {text: "  ·  folds (det J < 0)", color: palette.error} : {text: "  ·  invertible", color: palette.ink}
  );
  return parts;
}

function describeFrame(f: PlanarFlowFrame, s: PlanarFlowState): string {
  const text = readoutParts(f, s)
    .map((p) => p.text)
    .join("");
  return (
    `A planar flow f(z) = z + a tanh(wᵀz + b) with a = (${fmt(s.ax)}, ${fmt(s.ay)}), w = (${fmt(s.wx)}, ${fmt(s.wy)}), ` +
    `b = ${fmt(s.b)}, constraint ${s.constrained ? "on" : "off"}, ${s.K} layer${s.K > 1 ? "s" : ""}. ` +
    `Left: N(0, I) samples, a straight grid and log|det J| over z; right: the samples, the grid and the exact density ` +
    `after the map. ${text}.`
  );
}

/** The hyperplane wᵀz + b = 0 as a segment across the plane (empty when w = 0). */
function hyperplane(raw: PlanarParams): [number, number][] {
  const [w0, w1] = raw.w;
  const ww = w0 * w0 + w1 * w1;
  if (ww === 0) return [];
  const c: [number, number] = [(-raw.b * w0) / ww, (-raw.b * w1) / ww];
  const t: [number, number] = [-w1 / Math.sqrt(ww), w0 / Math.sqrt(ww)];
  return [-9, 9].map((s) => [c[0] + s * t[0], c[1] + s * t[1]]);
}

function noisePanel(f: PlanarFlowFrame, s: PlanarFlowState): ReturnType<typeof Plot.plot> {
  const vectors = [
    {name: "a", x: s.ax, y: s.ay, color: palette.model},
    {name: "w", x: s.wx, y: s.wy, color: palette.ink}
  ];
  const applied = f.layers[0]!.a;
  const showHat = s.constrained && Math.hypot(applied[0] - s.ax, applied[1] - s.ay) > 0.05;
  return figure({
    label: "noise side z: samples, a straight grid and log|det J|",
    description: describeFrame(f, s),
    size: [300, 300],
    equal: true,
    marginLeft: 40,
    marginBottom: 34,
    marginTop: 30,
    marginRight: 8,
    inset: 0,
    x: {domain: [PLANE[0], PLANE[1]], label: null, ticks: 3},
    y: {domain: [PLANE[2], PLANE[3]], label: null, ticks: 3},
    marks: [
      logDetRaster(f.det, {limit: LOG_DET_LIMIT}),
      warpedGrid(f.grid, {opacity: 0.5}),
      particles(f.z, {color: "source", r: 2.2, opacity: 0.6}),
      Plot.line(hyperplane(f.raw), {
        x: "0",
        y: "1",
        stroke: palette.ink,
        strokeDasharray: "6 5",
        strokeWidth: 1.5,
        clip: true
      }),
      showHat
        ? Plot.arrow([applied], {
            x1: 0,
            y1: 0,
            x2: "0",
            y2: "1",
            stroke: palette.model,
            strokeWidth: 2.5,
            strokeDasharray: "5 4",
            headLength: 10
          })
        : [],
      showHat
        ? Plot.text([applied], {x: "0", y: "1", text: () => "â", dx: 12, dy: 12, fill: palette.model, fontWeight: 700})
        : [],
      Plot.arrow(vectors, {x1: 0, y1: 0, x2: "x", y2: "y", stroke: "color", strokeWidth: 3.5, headLength: 0}),
      Plot.text(vectors, {x: "x", y: "y", text: "name", dx: 22, dy: -20, fill: "color", fontWeight: 700}),
      Plot.text(["z"], {
        frameAnchor: "top-left",
        dx: 6,
        dy: 6,
        text: (d: string) => d,
        fontWeight: 700,
        fill: palette.source
      }),
      handles([
        {name: "a", x: s.ax, y: s.ay, color: "model", label: "the vector a"},
        {name: "w", x: s.wx, y: s.wy, color: "ink", label: "the normal w"}
      ])
    ]
  });
}

function dataPanel(f: PlanarFlowFrame): ReturnType<typeof Plot.plot> {
  return figure({
    label: "data side x: the samples, the grid and the exact density after the map",
    size: [300, 300],
    equal: true,
    marginLeft: 40,
    marginBottom: 34,
    marginTop: 30,
    marginRight: 8,
    inset: 0,
    clip: true,
    x: {domain: [PLANE[0], PLANE[1]], label: null, ticks: 3},
    y: {domain: [PLANE[2], PLANE[3]], label: null, ticks: 3},
    marks: [
      densityRaster(f.density, {color: "model", max: f.densityMax, opacity: 0.75}),
      warpedGrid(f.warped, {opacity: 0.6}),
      particles(f.x, {color: "model", r: 2.2, opacity: 0.7}),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.text(["x = f(z)"], {
        frameAnchor: "top-left",
        dx: 6,
        dy: 6,
        text: (d: string) => d,
        fontWeight: 700,
        fill: palette.model
      })
    ]
  });
}

/**
 * Planar flows (deck 2, D2.10): f(z) = z + a tanh(wᵀz + b), the vector named a (Rezende & Mohamed's u; u is the
 * residual branch and the velocity elsewhere in the lectures). Left, the noise side: drag a and w, N(0, I) samples,
 * a straight grid, the hyperplane wᵀz + b = 0 and log|det J| = log|1 + tanh′(wᵀz + b) wᵀa| (ink where the map folds).
 * Right, the data side: the samples and grid pushed through, over the exact push-forward density (every preimage
 * found along w, so it stays exact when the map folds). With the constraint on, a is replaced by â and wᵀâ > −1.
 */
export const planarFlow: DemoSpec<typeof options, typeof state, PlanarFlowFrame> = {
  id: "planar-flow",
  description:
    "A planar flow z + a tanh(wᵀz + b): drag a and w, slide b, toggle the invertibility constraint, stack K layers; log|det J| on the noise side, the exact pushed density on the data side",
  options,
  state,
  controls: ["b", "constrained", "K"],
  drag: {a: ["ax", "ay"], w: ["wx", "wy"]},
  examples: [
    {name: "constraint off, folded", state: {constrained: "false", ax: "-1.2", ay: "0.3", wx: "1.6", wy: "0.4"}},
    {name: "four layers", state: {K: "4", ax: "1.2", ay: "0.8", wx: "1.4", wy: "-0.6", b: "0.4"}}
  ],
  snapshot: (o, s) => planarFlowFrame(s, o.seed),
  render(frame, o, s) {
    const f = frame ?? planarFlowFrame(s, o.seed);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    for (const part of readoutParts(f, s)) {
      const span = document.createElement("span");
      span.style.color = part.color;
      span.textContent = part.text;
      readout.append(span);
    }
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural panels-ltr";
    const noise = noisePanel(f, s);
    panels.append(noise, dataPanel(f));
    root.append(readout, panels);
    return Object.assign(root, {scale: (name: string) => noise.scale(name as "x")});
  },
  describe(frame, o, s) {
    return describeFrame(frame ?? planarFlowFrame(s, o.seed), s);
  }
};

export default planarFlow;

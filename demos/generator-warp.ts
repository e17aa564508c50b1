import * as Plot from "@observablehq/plot";
import {jacobianDeterminant, randomFlowMap, randomMlpMap, type PlaneMap} from "../engine/flows/random-maps.ts";
import {choice, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {paddedExtent, type Extent} from "./layers/data.ts";
import {svgColor} from "./layers/conventions.ts";
import {figure} from "./layers/figure.ts";
import {particles} from "./layers/particles.ts";
import {gridLines, warpedGrid, type GridLines} from "./layers/warped-grid.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  map: choice(
    ["mlp", "flow"],
    "mlp",
    "the generator: a random MLP (may fold) or a random invertible flow (never folds)"
  ),
  seed: seed(0)
};

const state = {};

/** Options of `generator-warp`. */
export type GeneratorWarpOptions = Values<typeof options>;

/** The noise square [−HALF, HALF]², its grid and its cells. */
const HALF = 3;
/** Grid lines per direction (drawn) and cells per side (tinted where det J < 0). */
const LINES = 13;
const CELLS = 20;
/** Noise samples pushed through the map. */
export const SAMPLES = 300;
/** Each panel's size in slide pixels (two side by side fill the 640 px figure column). */
const PANEL: readonly [number, number] = [304, 380];
const MARGINS = {marginTop: 40, marginRight: 8, marginBottom: 40, marginLeft: 8};

/** Everything drawn: the grid and samples before and after the map, and det J on the cells. */
export interface GeneratorWarpFrame {
  map: "mlp" | "flow";
  noiseGrid: GridLines;
  warpedGrid: GridLines;
  /** [SAMPLES, 2] noise z and their images G(z). */
  z: Float64Array;
  x: Float64Array;
  /** [(CELLS + 1)², 2] the images of the cell corners, row j of the lattice at index j·(CELLS + 1) + i. */
  corners: Float64Array;
  /** [CELLS²] det J at each cell's centre (central differences). */
  det: Float64Array;
  /** Share of the cells where det J < 0 (the map folds there). */
  folded: number;
  detMin: number;
  detMax: number;
  /** Flow only: the largest |G⁻¹(G(z)) − z| over the samples (NaN for the MLP, which has no inverse). */
  inverseError: number;
  extent: Extent;
}

/** The generator of these options. */
export function generatorOf(o: GeneratorWarpOptions): PlaneMap {
  return o.map === "mlp" ? randomMlpMap(o.seed) : randomFlowMap(o.seed);
}

/** Points of a (count + 1)² lattice over the noise square, row by row (y outer). */
function lattice(count: number, offset = 0): Float64Array {
  const per = count + 1 - 2 * offset;
  const out = new Float64Array(2 * per * per);
  const h = (2 * HALF) / count;
  for (let j = 0; j < per; j++) {
    for (let i = 0; i < per; i++) {
      out[2 * (j * per + i)] = -HALF + (i + offset) * h;
      out[2 * (j * per + i) + 1] = -HALF + (j + offset) * h;
    }
  }
  return out;
}

/** Cell centres of the CELLS × CELLS grid, row by row. */
function cellCentres(): Float64Array {
  const out = new Float64Array(2 * CELLS * CELLS);
  const h = (2 * HALF) / CELLS;
  for (let j = 0; j < CELLS; j++) {
    for (let i = 0; i < CELLS; i++) {
      out[2 * (j * CELLS + i)] = -HALF + (i + 0.5) * h;
      out[2 * (j * CELLS + i) + 1] = -HALF + (j + 0.5) * h;
    }
  }
  return out;
}

/** The whole frame, on the page (a few thousand map evaluations). */
export function generatorWarpFrame(o: GeneratorWarpOptions): GeneratorWarpFrame {
  const G = generatorOf(o);
  const noiseGrid = gridLines([-HALF, HALF, -HALF, HALF], LINES, 25);
  const warped = {
    ...noiseGrid,
    values: G.map(
      new Float64Array(noiseGrid.values.length),
      noiseGrid.values as Float64Array,
      noiseGrid.values.length / 2
    )
  };
  const z = rng(o.seed + 1).fillNormal(new Float64Array(2 * SAMPLES)) as Float64Array;
  const x = G.map(new Float64Array(2 * SAMPLES), z, SAMPLES);
  const vertices = lattice(CELLS);
  const corners = G.map(new Float64Array(vertices.length), vertices, vertices.length / 2);
  const det = jacobianDeterminant(G, cellCentres(), CELLS * CELLS);
  let negative = 0;
  let detMin = Infinity;
  let detMax = -Infinity;
  for (const d of det) {
    if (d < 0) negative++;
    detMin = Math.min(detMin, d);
    detMax = Math.max(detMax, d);
  }
  let inverseError = NaN;
  if (G.inverse) {
    const back = G.inverse(new Float64Array(2 * SAMPLES), x, SAMPLES);
    inverseError = 0;
    for (let i = 0; i < SAMPLES; i++) {
      inverseError = Math.max(inverseError, Math.hypot(back[2 * i]! - z[2 * i]!, back[2 * i + 1]! - z[2 * i + 1]!));
    }
  }
  return {
    map: o.map,
    noiseGrid,
    warpedGrid: warped,
    z,
    x,
    corners,
    det,
    folded: negative / det.length,
    detMin,
    detMax,
    inverseError,
    extent: paddedExtent([corners], 0.04)
  };
}

const percent = (v: number) => `${(100 * v).toFixed(v > 0 && v < 0.01 ? 1 : 0)} %`;

/** The readout under the generator's panel. */
export function readout(f: GeneratorWarpFrame): string {
  return f.folded > 0
    ? `det J < 0 on ${percent(f.folded)} of the cells: folded`
    : `det J > 0 on every cell (min ${f.detMin.toFixed(2)})`;
}

function panel(label: string, title: string, extent: Extent, marks: Plot.Markish[], footer?: string) {
  return figure({
    label,
    size: PANEL,
    equal: true,
    ...MARGINS,
    x: {domain: [extent[0], extent[1]], axis: null},
    y: {domain: [extent[2], extent[3]], axis: null},
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.4}),
      ...marks,
      Plot.text([title], {frameAnchor: "top", dy: -24, fontSize: 22}),
      footer ? Plot.text([footer], {frameAnchor: "bottom", dy: 24, fontSize: 18}) : null
    ]
  });
}

/** The cells where det J < 0 as filled quadrilaterals (their mapped corners) in the error colour. */
function folds(f: GeneratorWarpFrame): Plot.Markish {
  const per = CELLS + 1;
  const cells: number[] = [];
  for (let c = 0; c < CELLS * CELLS; c++) if (f.det[c]! < 0) cells.push(c);
  // Four corners per folded cell, in order around it: row j, column i of the lattice.
  const corner = (c: number, m: number) => {
    const i = c % CELLS;
    const j = Math.floor(c / CELLS);
    return [j * per + i, j * per + i + 1, (j + 1) * per + i + 1, (j + 1) * per + i][m]!;
  };
  const index = cells.flatMap((c) => [0, 1, 2, 3].map((m) => 4 * c + m));
  return Plot.line(index, {
    x: (k: number) => f.corners[2 * corner(Math.floor(k / 4), k % 4)],
    y: (k: number) => f.corners[2 * corner(Math.floor(k / 4), k % 4) + 1],
    z: (k: number) => Math.floor(k / 4),
    fill: svgColor("error"),
    fillOpacity: 0.4,
    stroke: "none"
  });
}

/**
 * A generator is a function applied to noise: a square grid of noise z ~ N(0, I) and 300 samples, pushed through a
 * random MLP (it may fold the plane: cells where det J < 0, filled red) or through a random stack of coupling layers
 * (invertible: det J > 0 everywhere, and G⁻¹(G(z)) = z). Computed on the page; det J by central differences.
 */
export const generatorWarp: DemoSpec<typeof options, typeof state, GeneratorWarpFrame> = {
  id: "generator-warp",
  description:
    "a noise grid and samples pushed through a random MLP (folds where det J < 0) or a random invertible flow",
  options,
  state,
  controls: ["map", "seed"],
  examples: [
    {name: "invertible flow", options: {map: "flow"}},
    {name: "mlp seed 3", options: {map: "mlp", seed: "3"}}
  ],
  snapshot: (o) => generatorWarpFrame(o),
  render(frame, o) {
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural";
    const f = frame ?? generatorWarpFrame(o);
    const noise = panel(
      "noise z ~ N(0, I) on a square grid",
      "noise z",
      [-HALF, HALF, -HALF, HALF],
      [
        warpedGrid(f.noiseGrid, {color: "muted", strokeWidth: 1}),
        particles(f.z, {color: "source", r: 2.2, opacity: 0.7})
      ]
    );
    const title = f.map === "mlp" ? "x = G(z), random MLP" : "x = G(z), random flow";
    const pushed = panel(
      `${title}: ${readout(f)}`,
      title,
      f.extent,
      [
        folds(f),
        warpedGrid(f.warpedGrid, {color: "muted", strokeWidth: 1}),
        particles(f.x, {color: "model", r: 2.2, opacity: 0.7})
      ],
      readout(f)
    );
    // .demo-panels lays its children out right to left: the noise is shown first.
    panels.append(pushed, noise);
    return panels;
  },
  describe(frame, o) {
    const f = frame ?? generatorWarpFrame(o);
    const map = f.map === "mlp" ? "a random MLP" : "a random invertible flow of four coupling layers";
    const inverse = Number.isFinite(f.inverseError)
      ? `; G⁻¹(G(z)) returns z to within ${f.inverseError.toExponential(1)}`
      : "";
    return (
      `a square grid of noise and ${SAMPLES} samples of N(0, I) pushed through ${map} (seed ${o.seed}): ` +
      `${readout(f)}; det J ranges from ${f.detMin.toFixed(2)} to ${f.detMax.toFixed(2)}${inverse}`
    );
  }
};

export default generatorWarp;

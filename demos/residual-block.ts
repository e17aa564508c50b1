import * as Plot from "@observablehq/plot";
import {singularValue2} from "../engine/flows/spectral.ts";
import {integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {figure, particles} from "./layers/index.ts";
import {logDetRaster} from "./layers/log-det.ts";
import {gridLines, warpedGrid, type GridLines} from "./layers/warped-grid.ts";
import {palette} from "./runtime/palette.ts";
import {RESIDUAL_CELLS, RESIDUAL_EXTENT, residualBranch, type ResidualBranch} from "./residual/branch.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  depth: integer(2, "hidden layers of the branch's MLP (width 32)", {min: 1, max: 3}),
  n: integer(300, "samples of N(0, I) pushed through the block", {min: 0, max: 2000}),
  seed: seed(2, "seed of the branch's weights and of the samples")
};

const state = {
  c: number(0.9, "c, the scale of the whole branch u = c·ũ (Lip(u) = c on the plane)", {min: 0.3, max: 1.5, step: 0.01})
};

/** Options of `residual-block`. */
export type ResidualBlockOptions = Values<typeof options>;
/** State of `residual-block`. */
export type ResidualBlockState = Values<typeof state>;

/** The data-side panel's plane: x = z + u(z) moves points by up to about c·3. */
export const X_EXTENT = [-4.5, 4.5, -4.5, 4.5] as const;

/** What the two panels show for one c. */
export interface ResidualBlockFrame {
  c: number;
  depth: number;
  /** det J_f(z) = det(I + c J_ũ(z)) at the centres of the measuring grid (row-major, y rows from −3 up). */
  dets: Float64Array;
  /** max over the grid of ‖J_u(z)‖₂: the measured Lipschitz estimate of u. */
  measured: number;
  /** c · Π_l ‖W̃_l‖₂ / scale: the guaranteed (product) bound on Lip(u). */
  bound: number;
  /** The share of grid cells with det J_f ≤ 0 (folds). */
  foldShare: number;
  /** The straight grid (z side) and its image under f (x side). */
  lines: GridLines;
  warped: GridLines;
  z: Float64Array;
  x: Float64Array;
}

/** The cached per-branch evaluations (grid lines and samples through ũ): moving c only rescales them. */
let last: {key: string; lines: GridLines; uLines: Float64Array; z: Float64Array; uz: Float64Array} | undefined;

function inputs(o: ResidualBlockOptions, branch: ResidualBranch) {
  const key = `${o.seed},${o.depth},${o.n}`;
  if (last?.key !== key) {
    const lines = gridLines(RESIDUAL_EXTENT, 13, 41);
    const r = rng(o.seed + 1000);
    const z = Float64Array.from({length: 2 * o.n}, () => r.normal());
    last = {key, lines, uLines: branch.evaluate(lines.values as Float64Array), z, uz: branch.evaluate(z)};
  }
  return last;
}

/** The frame on the page: a cached branch (one 56² Jacobian grid per seed and depth), then c rescales it. */
export function computeFrame(o: ResidualBlockOptions, s: ResidualBlockState): ResidualBlockFrame {
  const branch = residualBranch(o.seed, o.depth);
  const {lines, uLines, z, uz} = inputs(o, branch);
  const {c} = s;
  const j = branch.jacobians;
  const cells = j.length / 4;
  const dets = new Float64Array(cells);
  let measured = 0;
  let folds = 0;
  for (let i = 0; i < cells; i++) {
    const [a, b, d, e] = [c * j[4 * i]!, c * j[4 * i + 1]!, c * j[4 * i + 2]!, c * j[4 * i + 3]!];
    dets[i] = (1 + a) * (1 + e) - b * d;
    if (dets[i]! <= 0) folds++;
    measured = Math.max(measured, singularValue2(a, b, d, e));
  }
  const warped = {...lines, values: lines.values.map((v, i) => v + c * uLines[i]!)};
  return {
    c,
    depth: o.depth,
    dets,
    measured,
    bound: c * branch.bound,
    foldShare: folds / cells,
    lines,
    warped,
    z,
    x: z.map((v, i) => v + c * uz[i]!)
  };
}

/** The readout: the measured slope against the product bound, and the folds. */
export function readoutLines(f: ResidualBlockFrame): [string, string] {
  const fold =
    f.foldShare > 0
      ? `det J_f ≤ 0 (a fold) on ${(100 * f.foldShare).toFixed(1)}% of the plane`
      : "det J_f > 0 everywhere: no fold";
  return [
    `c = ${f.c.toFixed(2)}: max ‖J_u‖₂ = ${f.measured.toFixed(2)} · bound Π‖W̃_l‖₂ = ${f.bound.toFixed(1)}`,
    `${fold}${f.measured < 1 ? " (guaranteed: Lip(u) < 1)" : ""}`
  ];
}

function describeFrame(f: ResidualBlockFrame): string {
  const [a, b] = readoutLines(f);
  return (
    `The residual block x = z + u(z) with u = ${f.c.toFixed(2)}·ũ (a spectrally normalised MLP with ${f.depth} hidden ` +
    `layers). Left, the z plane shaded by log|det J_f| (black where det ≤ 0); right, the grid and ${f.z.length / 2} ` +
    `samples carried to x. ${a}. ${b}.`
  );
}

const panel = (size: number, extent: readonly number[], label: string, description: string, marks: Plot.Markish[]) =>
  figure({
    label,
    description,
    size: [size, size],
    equal: true,
    marginLeft: 46,
    marginBottom: 34,
    marginTop: 30,
    marginRight: 8,
    clip: true,
    x: {domain: [extent[0]!, extent[1]!], label: null, ticks: 3},
    y: {domain: [extent[2]!, extent[3]!], label: null, ticks: 3},
    marks
  });

/**
 * D2.18: a residual block x = z + u(z) in the generator direction with u = c·ũ, ũ the engine's spectrally
 * normalised MLP rescaled to measured slope 1 on the plane. Below c = 1 the grid bends but never folds; above, the
 * log-det map of J_f = I + J_u shows black fold regions where det ≤ 0 and the warped grid overlaps itself.
 */
export const residualBlock: DemoSpec<typeof options, typeof state, ResidualBlockFrame> = {
  id: "residual-block",
  description:
    "A residual block x = z + c·ũ(z): below c = 1 the grid bends but never folds; above, det J_f ≤ 0 appears",
  options,
  state,
  controls: ["c", "depth", "seed"],
  examples: [
    {name: "contraction, no fold", state: {c: "0.9"}},
    {name: "c = 1.5 folds", state: {c: "1.5"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const [first, second] = readoutLines(f);
    const description = describeFrame(f);
    const grid = {nx: RESIDUAL_CELLS, ny: RESIDUAL_CELLS, extent: RESIDUAL_EXTENT, values: f.dets};
    const left = panel(280, RESIDUAL_EXTENT, "the z plane shaded by log|det J_f(z)|", description, [
      logDetRaster(grid, {limit: 1.5}),
      warpedGrid(f.lines, {opacity: 0.55}),
      particles(f.z, {color: "source", r: 2.5, opacity: 0.6}),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.text(["z"], {frameAnchor: "top-left", dx: 6, dy: -22, fontSize: 22, fontStyle: "italic"})
    ]);
    const right = panel(280, X_EXTENT, "the grid and the samples carried to x = z + u(z)", description, [
      warpedGrid(f.warped, {color: "model", opacity: 0.7}),
      particles(f.x, {color: "model", r: 2.5, opacity: 0.6}),
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
      Plot.text(["x = z + u(z)"], {frameAnchor: "top-left", dx: 6, dy: -22, fontSize: 22, fontStyle: "italic"})
    ]);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.append(first, document.createElement("br"), second);
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    row.append(left, right);
    root.append(readout, row);
    return root;
  },
  describe: (frame, o, s) => describeFrame(frame ?? computeFrame(o, s))
};

export default residualBlock;

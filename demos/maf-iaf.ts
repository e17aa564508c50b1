import * as Plot from "@observablehq/plot";
import {autoregressiveNd, type AutoregressiveRun} from "../engine/flows/autoregressive-nd.ts";
import {choice, integer, type Values} from "../engine/options/schema.ts";
import {nfTrainOptions} from "../engine/tasks/nf-train-options.ts";
import type {NfTrainFrame} from "../engine/tasks/nf-train.ts";
import {svgColor} from "./layers/conventions.ts";
import {densityRaster, figure, particles} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {dataset} from "../engine/data/registry.ts";
import {rng} from "../engine/random.ts";

const {blocks: _blocks, ...trainOptions} = nfTrainOptions;
const options = {
  variant: choice(["maf", "iaf"] as const, "maf", "what the conditioner reads: x_{<i} (MAF) or z_{<i} (IAF)"),
  ...trainOptions,
  iterations: integer(300, "training steps of the 2D panel", {min: 1, max: 50_000}),
  batch: integer(128, "data points per training step", {min: 8, max: 2048}),
  width: integer(24, "hidden width of each MADE conditioner", {min: 2, max: 256})
};
const state = {
  mode: choice(["evaluate", "sample"] as const, "evaluate", "evaluate a density (z from x) or sample (x from z)"),
  d: integer(4, "dimension of the computation graph", {min: 2, max: 6}),
  pass: integer(6, "conditioner passes shown (the graph lights what each pass computes)", {min: 0, max: 6})
};

export type MafIafOptions = Values<typeof options>;
export type MafIafState = Values<typeof state>;

/**
 * What print view and the speaker previews draw: the graph, and beside it the data the 2D panel trains on (no worker
 * there, and no MAF or IAF is shipped: the panel says it trains live).
 */
export type MafIafStill = {still: true; data: Float32Array};
type Frame = NfTrainFrame | MafIafStill;

const isLive = (frame: Frame | undefined): frame is NfTrainFrame => frame !== undefined && !("still" in frame);

/** The trained 2D stack of each variant, in generator order (the blocks engine/flows/stack.ts names). */
export const blocksOf = (variant: "maf" | "iaf") => `actnorm,${variant},swap,${variant}`;

/** One run of a d-dimensional MADE-conditioned layer of the variant, passes counted inside the engine. */
export function runOf(variant: "maf" | "iaf", mode: "evaluate" | "sample", d: number): AutoregressiveRun {
  const layer = autoregressiveNd({dim: d, variant, seed: 1});
  const given = Array.from({length: d}, (_, i) => 0.8 * Math.sin(1.7 * i + 0.4));
  return mode === "sample" ? layer.sample(given) : layer.evaluate(given);
}

/** Data points a still draws in the 2D panel. */
const STILL_N = 250;
const GRAPH: readonly [number, number] = [600, 190];
const PANEL = 170;

/**
 * MAF vs IAF (D2.15, FAQ 1): the computation graph of one affine autoregressive layer in d dimensions, the
 * conditioner's wires plugged into x_{<i} (MAF) or z_{<i} (IAF), lit pass by pass with a counter of the MADE passes
 * the engine actually made; beside it the chosen variant trained live in 2D by the nf-train task.
 */
export const mafIaf: DemoSpec<typeof options, typeof state, Frame> = {
  id: "maf-iaf",
  description: "MAF vs IAF: what the conditioner reads, network passes counted, and the chosen variant trained in 2D",
  options,
  state,
  controls: ["variant", "mode", "d", "pass"],
  snapshot: (o) => ({still: true, data: new Float32Array(dataset(o.dataset).sample(STILL_N, rng(o.seed + 7919)))}),
  task: ({variant, ...o}) => ({task: "nf-train", options: {...o, blocks: blocksOf(variant)}}),
  examples: [
    {name: "MAF sampling", state: {mode: "sample", pass: "2"}},
    {name: "IAF evaluate", options: {variant: "iaf"}, state: {mode: "evaluate", d: "5"}}
  ],
  render(frame, o, s) {
    const run = runOf(o.variant, s.mode, s.d);
    const shown = Math.min(s.pass, run.passes);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.textContent = readoutOf(o.variant, s, run);
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    row.append(trainPanel(frame, o), noteOf(o.variant));
    root.append(readout, graphPanel(o.variant, s, run, shown), row);
    return root;
  },
  describe(frame, o, s) {
    const run = runOf(o.variant, s.mode, s.d);
    const fit =
      isLive(frame) && frame.lossValues.length > 0
        ? `; 2D fit at step ${frame.progress.steps}, NLL ${frame.lossValues.at(-1)!.toFixed(2)} nats`
        : "";
    return `${readoutOf(o.variant, s, run)}${fit}`;
  }
};

function readoutOf(variant: string, s: MafIafState, run: AutoregressiveRun): string {
  const what = s.mode === "evaluate" ? "density (z from x)" : "sampling (x from z)";
  return `${variant.toUpperCase()} · ${what} · d = ${s.d} · network passes: ${Math.min(s.pass, run.passes)} of ${run.passes}`;
}

/**
 * Nodes z_i (top) and x_i (bottom), the transformer τ_i between them, and the conditioner's wires into τ_i from
 * x_j (MAF, from below) or z_j (IAF, from above), j < i. Given side blue (z) or orange (x); computed side purple once
 * its pass has run; the wires of the newest pass drawn thick.
 */
function graphPanel(variant: "maf" | "iaf", s: MafIafState, run: AutoregressiveRun, shown: number): Element {
  const d = s.d;
  const done = new Set(run.filled.slice(0, shown).flat());
  const newest = new Set(shown > 0 ? run.filled[shown - 1] : []);
  const computed = s.mode === "sample" ? "x" : "z";
  const yOf = {z: 2, tau: 1, x: 0};
  const wires = [];
  for (let i = 0; i < d; i++)
    for (let j = 0; j < i; j++) wires.push({i, j, y1: variant === "maf" ? yOf.x : yOf.z, hot: newest.has(i)});
  const nodes = (["z", "x"] as const).flatMap((row) =>
    Array.from({length: d}, (_, i) => {
      const given = row !== computed;
      const fill = given
        ? svgColor(row === "z" ? "source" : "target")
        : done.has(i)
          ? svgColor("model")
          : svgColor("bg");
      return {row, i, fill, hot: !given && newest.has(i), y: yOf[row]};
    })
  );
  const sub = (i: number) => "₁₂₃₄₅₆"[i];
  return figure({
    label: `${variant} computation graph, d = ${d}, ${s.mode}: the conditioner of coordinate i reads ${variant === "maf" ? "x" : "z"} before i`,
    size: GRAPH,
    marginTop: 6,
    marginRight: 6,
    marginBottom: 6,
    marginLeft: 60,
    x: {domain: [-0.5, d - 0.5], axis: null},
    y: {domain: [-0.4, 2.4], axis: null},
    marks: [
      Plot.link(wires, {
        x1: "j",
        y1: "y1",
        x2: "i",
        y2: yOf.tau,
        stroke: (w) => (w.hot ? svgColor("model") : svgColor("muted")),
        strokeOpacity: (w) => (w.hot ? 1 : 0.5),
        strokeWidth: (w) => (w.hot ? 3.5 : 1.5)
      }),
      Plot.link(
        Array.from({length: d}, (_, i) => i),
        {
          x1: (i) => i,
          x2: (i) => i,
          y1: s.mode === "sample" ? 1.75 : 0.25,
          y2: s.mode === "sample" ? 0.27 : 1.73,
          stroke: svgColor("ink"),
          strokeWidth: 2,
          markerEnd: "arrow"
        }
      ),
      Plot.dot(
        Array.from({length: d}, (_, i) => i),
        {
          x: (i) => i,
          y: yOf.tau,
          symbol: "square",
          r: 13,
          fill: svgColor("bg"),
          stroke: (i) => (newest.has(i) ? svgColor("model") : svgColor("ink")),
          strokeWidth: (i) => (newest.has(i) ? 3.5 : 1.5)
        }
      ),
      Plot.text(
        Array.from({length: d}, (_, i) => i),
        {
          x: (i) => i,
          y: yOf.tau,
          text: () => (s.mode === "sample" ? "τ" : "τ⁻¹"),
          fontSize: 16
        }
      ),
      Plot.dot(nodes, {
        x: "i",
        y: "y",
        r: 19,
        fill: "fill",
        stroke: (n) => (n.hot ? svgColor("ink") : svgColor("muted")),
        strokeWidth: (n) => (n.hot ? 3 : 1.5)
      }),
      Plot.text(nodes, {
        x: "i",
        y: "y",
        text: (n) => `${n.row}${sub(n.i)}`,
        fill: (n) => (n.fill === svgColor("bg") ? svgColor("ink") : "white"),
        fontSize: 19,
        fontWeight: "bold"
      }),
      Plot.text(
        [
          {y: yOf.z, t: "noise"},
          {y: yOf.x, t: "data"}
        ],
        {x: -0.5, y: "y", text: "t", textAnchor: "end", dx: -4, fontSize: 17, fill: svgColor("muted")}
      )
    ]
  });
}

/** The 2D panel: the trained model's density with held-out data over it, and the run's step and NLL. */
function trainPanel(shown: Frame | undefined, o: MafIafOptions): Element {
  const frame = isLive(shown) ? shown : undefined;
  const q = dataset(o.dataset).extent;
  const extent: [number, number, number, number] = frame
    ? [frame.extent[0]!, frame.extent[1]!, frame.extent[2]!, frame.extent[3]!]
    : [q[0], q[1], q[2], q[3]];
  const live = frame && frame.density.length > 0;
  const nll = frame && frame.lossValues.length > 0 ? frame.lossValues.at(-1)! : NaN;
  const data = frame?.data ?? shown?.data;
  const head = frame
    ? `2D ${o.variant.toUpperCase()}: step ${frame.progress.steps}/${frame.progress.total}${isFinite(nll) ? `, NLL ${nll.toFixed(2)}` : ""}`
    : `2D ${o.variant.toUpperCase()}: trains live`;
  return figure({
    label: `the density of a 2D ${o.variant} trained live on ${o.dataset}`,
    size: [PANEL + 60, PANEL],
    equal: true,
    marginRight: 4,
    marginBottom: 4,
    marginLeft: 4,
    marginTop: 28,
    x: {domain: [extent[0], extent[1]], axis: null},
    y: {domain: [extent[2], extent[3]], axis: null},
    marks: [
      Plot.frame({stroke: svgColor("rule")}),
      live
        ? densityRaster({nx: frame.grid, ny: frame.grid, extent: extent, values: frame.density}, {color: "model"})
        : null,
      data ? particles(data, {color: "target", symbol: "diamond", r: 1.5, opacity: 0.5, n: 250}) : null,
      Plot.text([head], {frameAnchor: "top-left", dy: -24, fontSize: 18, lineAnchor: "top"})
    ]
  });
}

/** The warning the outline asks for, beside the 2D panel. */
function noteOf(variant: "maf" | "iaf"): Element {
  const note = document.createElement("p");
  note.className = "readout";
  note.classList.add("readout-note");
  note.textContent =
    `d = 2: the same family (x₁ is affine in z₁). The fits look alike; ` +
    `only the counter differs (${variant === "maf" ? "MAF: density in 1 pass" : "IAF: sampling in 1 pass"}).`;
  return note;
}

export default mafIaf;

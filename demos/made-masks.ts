import * as Plot from "@observablehq/plot";
import {madeDegrees, madeMasks, madePaths} from "../engine/flows/made-masks.ts";
import {choice, integer, seed, type Values} from "../engine/options/schema.ts";
import {svgColor} from "./layers/conventions.ts";
import {figure} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const D = 4;
const WIDTH = 8;
const options = {
  order: choice(["ordered", "random"] as const, "ordered", "hidden degrees cycling 1, 2, 3 or drawn at random"),
  layers: integer(2, "hidden layers", {min: 1, max: 2}),
  seed: seed()
};
const state = {
  output: integer(3, "the output whose paths back to the inputs are lit (0: none)", {min: 0, max: D})
};

export type MadeMasksOptions = Values<typeof options>;

/** The network the figure draws: degrees and masks from the engine, and the paths back from `output`. */
export function madeNetwork(o: MadeMasksOptions, output: number) {
  const degrees = madeDegrees({
    dim: D,
    hidden: Array.from({length: o.layers}, () => WIDTH),
    order: o.order,
    seed: o.seed
  });
  const masks = madeMasks(degrees);
  const reach = output > 0 ? madePaths(masks, output) : undefined;
  const kept = masks.reduce((s, m) => s + m.flat().reduce((a, b) => a + b, 0), 0);
  const total = masks.reduce((s, m) => s + m.length * m[0]!.length, 0);
  const inputs = reach ? reach[0]!.flatMap((r, j) => (r ? [j + 1] : [])) : [];
  return {degrees, masks, reach, kept, total, inputs};
}

const SIZE: readonly [number, number] = [600, 400];

/**
 * MADE (D2.16): a d = 4 autoregressive network with 8 hidden units per layer, each unit labelled with its degree;
 * only the connections its masks keep are drawn, and the chosen output's paths back to the inputs are lit: output i
 * reaches x_j for j < i only. Click an output (or set `output`) to light its paths.
 */
export const madeMasksDemo: DemoSpec<typeof options, typeof state, ReturnType<typeof madeNetwork>> = {
  id: "made-masks",
  description: "MADE's masked network, d = 4: degrees on the units, and the paths from an output back to the inputs",
  options,
  state,
  controls: ["order", "seed", "layers", "output"],
  examples: [
    {name: "random degrees", options: {order: "random", seed: "3"}, state: {output: "4"}},
    {name: "one hidden layer", options: {layers: "1"}, state: {output: "2"}}
  ],
  snapshot: (o, s) => madeNetwork(o, s.output),
  render(frame, o, {output}) {
    const net = frame ?? madeNetwork(o, output);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.textContent = readoutOf(net, output);
    root.append(readout, networkFigure(net, output));
    return root;
  },
  describe(frame, o, {output}) {
    const net = frame ?? madeNetwork(o, output);
    return `MADE with d = 4, ${o.layers} hidden layer(s) of 8, ${o.order} degrees: ${readoutOf(net, output)}`;
  }
};

function readoutOf(net: ReturnType<typeof madeNetwork>, output: number): string {
  const kept = `${net.kept} of ${net.total} connections kept`;
  if (output === 0) return `${kept} · click an output`;
  const reads = net.inputs.length > 0 ? net.inputs.map((j) => `x${"₀₁₂₃₄"[j]}`).join(", ") : "no input (a constant)";
  return `output ${output} (μ${"₀₁₂₃₄"[output]}, α${"₀₁₂₃₄"[output]}) reads ${reads} · ${kept}`;
}

function networkFigure(net: ReturnType<typeof madeNetwork>, output: number): Element {
  const {degrees, masks, reach} = net;
  const L = degrees.length;
  const xOf = (l: number, k: number) => (degrees[l]!.length === 1 ? 0 : -1 + (2 * k) / (degrees[l]!.length - 1));
  const edges = masks.flatMap((mask, l) =>
    mask.flatMap((row, o) =>
      row.flatMap((m, k) =>
        m === 1
          ? [{x1: xOf(l, k), y1: l, x2: xOf(l + 1, o), y2: l + 1, lit: !!reach && reach[l]![k]! && reach[l + 1]![o]!}]
          : []
      )
    )
  );
  const nodes = degrees.flatMap((layer, l) =>
    layer.map((m, k) => ({l, k, m, x: xOf(l, k), lit: !!reach && reach[l]![k]!, end: l === L - 1 || l === 0}))
  );
  const names = ["inputs x", ...degrees.slice(1, -1).map((_, h) => `hidden ${h + 1}`), "outputs"];
  const plot = figure({
    label: `MADE network, d = 4: masked connections${output > 0 ? `, the paths back from output ${output} lit` : ""}`,
    size: SIZE,
    marginRight: 8,
    marginBottom: 8,
    marginLeft: 100,
    marginTop: 20,
    x: {domain: [-1.1, 1.1], axis: null},
    y: {domain: [-0.4, L - 0.6], axis: null},
    marks: [
      Plot.link(
        edges.filter((e) => !e.lit),
        {
          x1: "x1",
          y1: "y1",
          x2: "x2",
          y2: "y2",
          stroke: svgColor("muted"),
          strokeOpacity: 0.35,
          strokeWidth: 1
        }
      ),
      Plot.link(
        edges.filter((e) => e.lit),
        {
          x1: "x1",
          y1: "y1",
          x2: "x2",
          y2: "y2",
          stroke: svgColor("model"),
          strokeWidth: 2.5
        }
      ),
      Plot.dot(nodes, {
        x: "x",
        y: "l",
        r: 14,
        fill: (n) => (n.lit ? svgColor("model") : svgColor("bg")),
        stroke: (n) => (n.lit ? svgColor("ink") : svgColor("muted")),
        strokeWidth: 1.5,
        className: "made-unit"
      }),
      Plot.text(nodes, {
        x: "x",
        y: "l",
        text: (n) => String(n.m),
        fill: (n) => (n.lit ? "white" : svgColor("ink")),
        fontSize: 17,
        fontWeight: "bold",
        pointerEvents: "none"
      }),
      Plot.text(names, {
        x: -1.1,
        y: (_, l) => l,
        text: (t) => t,
        textAnchor: "end",
        dx: -16,
        fontSize: 17,
        fill: svgColor("muted")
      })
    ]
  });
  // Each output unit sets the state when clicked (the slides runtime handles data-set-state inside a slide).
  const units = plot.querySelectorAll("g.made-unit circle, .made-unit circle");
  const offset = nodes.length - D;
  units.forEach((circle, n) => {
    if (n < offset) return;
    circle.setAttribute("data-set-state", `output: ${n - offset + 1}`);
    circle.setAttribute("style", "cursor: pointer");
  });
  return plot;
}

export default madeMasksDemo;

import * as Plot from "@observablehq/plot";
import {integer, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {svgColor} from "./layers/conventions.ts";
import {figure, gridLines, particles, warpedGrid, type GridLines} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {seed: seed()};
const state = {
  k: integer(0, "coordinates computed so far (0: only z; 1: x₁; 2: x₂ given x₁; 3-4 go on in the d = 4 graph)", {
    min: 0,
    max: 4
  })
};

export type AutoregressiveStepsState = Values<typeof state>;

/** The example's conditioners, closed forms: h₁ is a constant, h₂ = (μ₂(x₁), α₂(x₁)) reads x₁. */
export const MU1 = 0.3;
export const ALPHA1 = -0.1;
export const mu2 = (x1: number) => 0.35 * x1 * x1 - 1.4;
export const alpha2 = (x1: number) => -0.4 + 0.3 * Math.tanh(x1);

/** The two steps of the generator: after step k ≥ 1, x₁ is computed; after k ≥ 2, x₂ too (else z₂ stays). */
export function stepMap(z: readonly [number, number], k: number): [number, number] {
  if (k < 1) return [z[0], z[1]];
  const x1 = MU1 + Math.exp(ALPHA1) * z[0];
  if (k < 2) return [x1, z[1]];
  return [x1, mu2(x1) + Math.exp(alpha2(x1)) * z[1]];
}

/** log|det ∂x/∂z| at z: α₁ + α₂(x₁), the sum of the diagonal's logs (the Jacobian is lower triangular). */
export function stepLogDet(z: readonly [number, number]): {alpha1: number; alpha2: number; logDet: number} {
  const x1 = MU1 + Math.exp(ALPHA1) * z[0];
  return {alpha1: ALPHA1, alpha2: alpha2(x1), logDet: ALPHA1 + alpha2(x1)};
}

/** The probe point whose numbers the readout prints. */
export const PROBE: [number, number] = [1.2, 0.6];
const N = 300;
const PLANE = 3;
const PANEL = 240;

export type AutoregressiveStepsFrame = {z: Float64Array; grid: GridLines};

/**
 * Autoregressive flows, the idea (D2.14): a d = 2 generator computed one coordinate at a time, x₁ = μ₁ + e^{α₁} z₁,
 * then x₂ = μ₂(x₁) + e^{α₂(x₁)} z₂, stepped by k; under it the d = 4 computation graph lights the inputs x_k reads,
 * and the Jacobian patterns of a coupling (block triangular) and of an autoregressive layer (triangular).
 */
export const autoregressiveSteps: DemoSpec<typeof options, typeof state, AutoregressiveStepsFrame> = {
  id: "autoregressive-steps",
  description: "an autoregressive flow computed one coordinate at a time, with its d = 4 graph and triangular Jacobian",
  options,
  state,
  controls: ["k"],
  examples: [
    {name: "x1 computed", state: {k: "1"}},
    {name: "both coordinates", state: {k: "2"}}
  ],
  snapshot({seed}) {
    const random = rng(seed);
    const z = new Float64Array(2 * N);
    for (let i = 0; i < 2 * N; i++) z[i] = random.normal();
    return {z, grid: gridLines([-PLANE, PLANE, -PLANE, PLANE], 9, 41)};
  },
  render(frame, _o, {k}) {
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.textContent = readoutOf(k);
    const plane = document.createElement("div");
    plane.className = "demo-panels panels-ltr panels-natural";
    if (frame)
      plane.append(
        planePanel(frame, 0, "z: noise"),
        planePanel(frame, Math.min(k, 2), `x after step ${Math.min(k, 2)}`)
      );
    const bottom = document.createElement("div");
    bottom.className = "demo-panels panels-ltr panels-natural";
    bottom.append(graphPanel(k), jacobianPanel());
    root.append(readout, plane, bottom);
    return root;
  },
  describe(_f, _o, {k}) {
    return `an autoregressive generator in the plane after ${Math.min(k, 2)} of 2 steps; ${readoutOf(k)}; the d = 4 graph highlights x${Math.max(k, 1)} and what it reads`;
  }
};

function readoutOf(k: number): string {
  const {alpha1, alpha2: a2, logDet} = stepLogDet(PROBE);
  const x = stepMap(PROBE, 2);
  if (k === 0) return `probe z = (${PROBE.join(", ")}): nothing computed yet`;
  if (k === 1) return `x₁ = μ₁ + e^{α₁} z₁ = ${x[0].toFixed(3)}  ·  α₁ = ${alpha1.toFixed(3)}`;
  return `x₂ = ${x[1].toFixed(3)} · log|det J| = α₁ + α₂(x₁) = ${alpha1.toFixed(2)} + (${a2.toFixed(3)}) = ${logDet.toFixed(3)}`;
}

function planePanel(frame: AutoregressiveStepsFrame, k: number, label: string): Element {
  const map = (values: ArrayLike<number>) => {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i += 2) {
      const [a, b] = stepMap([values[i]!, values[i + 1]!], k);
      out[i] = a;
      out[i + 1] = b;
    }
    return out;
  };
  const probe = stepMap(PROBE, k);
  return figure({
    label: `${label}: ${N} points${k > 0 ? " pushed through the first " + k + " step(s)" : ""}`,
    size: [PANEL, PANEL],
    equal: true,
    marginLeft: 30,
    marginBottom: 28,
    clip: true,
    x: {domain: [-PLANE, PLANE], label: null, ticks: 3},
    y: {domain: [-PLANE, PLANE], label: null, ticks: 3},
    marks: [
      warpedGrid({...frame.grid, values: map(frame.grid.values)}, {opacity: 0.5}),
      particles(map(frame.z), {color: k === 0 ? "source" : "model", r: 2}),
      Plot.dot([probe], {x: (p) => p[0], y: (p) => p[1], r: 7, stroke: svgColor("ink"), strokeWidth: 2.5}),
      Plot.text([label], {frameAnchor: "top-left", dx: 6, dy: 6, fontSize: 20, lineAnchor: "top"})
    ]
  });
}

const D = 4;
const GRAPH: readonly [number, number] = [360, 170];

/** The d = 4 graph: z_i → x_i (the transformer) and, as arcs under the x row, the conditioner's wires x_j → x_i. */
function graphPanel(k: number): Element {
  const active = Math.max(k, 1);
  const wires: {j: number; i: number; p: [number, number][]}[] = [];
  for (let i = 1; i <= D; i++)
    for (let j = 1; j < i; j++) {
      const p = Array.from({length: 17}, (_, s): [number, number] => {
        const t = s / 16;
        return [j + (i - j) * t, -0.25 - 0.35 * (i - j) * Math.sin(Math.PI * t)];
      });
      wires.push({j, i, p});
    }
  const rows = wires.flatMap((w) => w.p.map((p) => ({...w, x: p[0], y: p[1], on: w.i === active && k > 0})));
  const nodes = Array.from({length: D}, (_, n) => n + 1).flatMap((i) => [
    {i, row: "z", y: 1.6, state: k > 0 && i === active ? "read" : "source"},
    {i, row: "x", y: 0, state: i < active || (k > 0 && i === active) ? (i === active ? "now" : "done") : "todo"}
  ]);
  const fill = (s: string) =>
    s === "source" || s === "read" ? svgColor("source") : s === "todo" ? "white" : svgColor("model");
  return figure({
    label: `the d = 4 autoregressive graph: x${active} reads z${active} and x1..x${active - 1}`,
    size: GRAPH,
    marginRight: 8,
    marginBottom: 8,
    marginLeft: 8,
    marginTop: 14,
    x: {domain: [0.5, D + 0.5], axis: null},
    y: {domain: [-1.45, 1.95], axis: null},
    marks: [
      Plot.line(
        rows.filter((r) => !r.on),
        {x: "x", y: "y", z: (r) => `${r.j}-${r.i}`, stroke: svgColor("muted"), strokeOpacity: 0.45, strokeWidth: 1.5}
      ),
      Plot.line(
        rows.filter((r) => r.on),
        {x: "x", y: "y", z: (r) => `${r.j}-${r.i}`, stroke: svgColor("model"), strokeWidth: 3.5}
      ),
      Plot.link(
        nodes.filter((n) => n.row === "z"),
        {
          x1: "i",
          x2: "i",
          y1: 1.15,
          y2: 0.27,
          stroke: (n) => (k > 0 && n.i === active ? svgColor("model") : svgColor("muted")),
          strokeWidth: (n) => (k > 0 && n.i === active ? 3.5 : 1.5),
          markerEnd: "arrow"
        }
      ),
      Plot.dot(nodes, {
        x: "i",
        y: "y",
        r: 17,
        fill: (n) => fill(n.state),
        stroke: (n) => (n.state === "now" || n.state === "read" ? svgColor("ink") : svgColor("muted")),
        strokeWidth: (n) => (n.state === "now" || n.state === "read" ? 3 : 1.5)
      }),
      Plot.text(nodes, {
        x: "i",
        y: "y",
        text: (n) => `${n.row}${"₀₁₂₃₄"[n.i]}`,
        fill: (n) => (n.state === "todo" ? svgColor("ink") : "white"),
        fontSize: 18,
        fontWeight: "bold"
      })
    ]
  });
}

/** Which ∂x_i/∂z_j can be nonzero (rows i, columns j): a coupling keeping 1-2, and an autoregressive layer. */
export function jacobianPattern(kind: "coupling" | "autoregressive", i: number, j: number): boolean {
  if (kind === "autoregressive") return j <= i;
  return i === j || (i > 2 && j <= 2);
}

function jacobianPanel(): Element {
  const cells = (["coupling", "autoregressive"] as const).flatMap((kind, m) =>
    Array.from({length: D * D}, (_, c) => {
      const i = Math.floor(c / D) + 1;
      const j = (c % D) + 1;
      return {x: j + m * (D + 1), y: i, on: jacobianPattern(kind, i, j), diagonal: i === j};
    })
  );
  return figure({
    label: "nonzero entries of ∂x/∂z: a coupling layer (block triangular) and an autoregressive layer (triangular)",
    size: [240, 170],
    marginTop: 4,
    marginRight: 4,
    marginLeft: 4,
    marginBottom: 30,
    x: {domain: [0.5, 2 * D + 1.5], axis: null},
    y: {domain: [D + 0.5, 0.5], axis: null},
    marks: [
      Plot.rect(cells, {
        x1: (c) => c.x - 0.45,
        x2: (c) => c.x + 0.45,
        y1: (c) => c.y - 0.45,
        y2: (c) => c.y + 0.45,
        fill: (c) => (c.on ? (c.diagonal ? svgColor("model") : svgColor("muted")) : "white"),
        stroke: svgColor("muted")
      }),
      Plot.text(
        [
          {x: (D + 1) / 2, t: "coupling"},
          {x: D + 1 + (D + 1) / 2, t: "autoregr."}
        ],
        {x: "x", y: D + 0.6, text: "t", fontSize: 15, lineAnchor: "top"}
      )
    ]
  });
}

export default autoregressiveSteps;

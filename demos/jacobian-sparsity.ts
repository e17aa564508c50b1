import * as Plot from "@observablehq/plot";
import {
  eliminationCost,
  familyJacobian,
  layerFamilies,
  type FamilyJacobian,
  type LayerFamily
} from "../engine/flows/sparsity.ts";
import {choice, integer, seed, type Values} from "../engine/options/schema.ts";
import {figure} from "./layers/figure.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  seed: seed(0, "seed of every layer's random weights and of the point z where its Jacobian is taken")
};

const state = {
  family: choice(layerFamilies, "linear", "the family whose Jacobian and determinant cost are highlighted"),
  d: integer(8, "the dimension d (the Jacobian is d × d)", {min: 2, max: 16})
};

/** State of `jacobian-sparsity`. */
export type JacobianSparsityState = Values<typeof state>;

/** What each panel is called, and the structure its pattern shows. */
export const familyLabels: Readonly<Record<LayerFamily, {title: string; structure: string}>> = {
  elementwise: {title: "elementwise", structure: "diagonal"},
  linear: {title: "linear", structure: "dense"},
  planar: {title: "planar", structure: "I + rank 1"},
  coupling: {title: "coupling", structure: "block triangular"},
  autoregressive: {title: "autoregressive", structure: "triangular"},
  residual: {title: "residual", structure: "dense, near I"}
};

/** The six Jacobians at one d, and the cost of a general determinant there. */
export interface SparsityFrame {
  d: number;
  families: FamilyJacobian[];
  /** Multiplications Gaussian elimination spends on a d × d matrix. */
  general: number;
}

/** Every family's instance at d (a few hundred map evaluations: page work). */
export function sparsityFrame(d: number, seedValue: number): SparsityFrame {
  return {
    d,
    families: layerFamilies.map((f) => familyJacobian(f, d, seedValue)),
    general: eliminationCost(d)
  };
}

/** The counter under a panel: what the family's own routine spends, and on what. */
export function counterText(f: FamilyJacobian): [string, string] {
  switch (f.method) {
    case "power series":
      return ["power series", `(exact: ${f.general.multiplications} ×)`];
    case "elimination":
      return [`${f.structured.multiplications} ×`, "elimination"];
    case "determinant lemma":
      return [`${f.structured.multiplications} ×`, "1 + cᵀa"];
    case "product of the diagonal":
      return [`${f.structured.multiplications} ×`, "diagonal product"];
  }
}

function readoutText(frame: SparsityFrame, family: LayerFamily): string {
  const f = frame.families.find((x) => x.family === family)!;
  const own = f.method === "power series" ? "a power series" : `${f.structured.multiplications} ×`;
  return `d = ${frame.d}: any det ${frame.general} ×, ${familyLabels[family].title} ${own}`;
}

const WIDTH = 600;
const HEIGHT = 404;
const COLS = 3;
const CELL_W = WIDTH / COLS;
const CELL_H = HEIGHT / 2;
const GRID = 120;

interface Cell {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  diagonal: boolean;
  opacity: number;
}

function cellsOf(f: FamilyJacobian, col: number, row: number): {cells: Cell[]; empty: Cell[]} {
  const {d, jacobian, pattern} = f;
  const left = col * CELL_W + (CELL_W - GRID) / 2;
  const top = row * CELL_H + 28;
  const size = GRID / d;
  let max = 0;
  for (const v of jacobian) max = Math.max(max, Math.abs(v));
  const cells: Cell[] = [];
  const empty: Cell[] = [];
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const v = jacobian[i * d + j]!;
      const cell = {
        x1: left + j * size,
        x2: left + (j + 1) * size,
        y1: top + i * size,
        y2: top + (i + 1) * size,
        diagonal: i === j,
        opacity: 0.3 + 0.7 * Math.min(1, Math.abs(v) / max)
      };
      (pattern[i * d + j] ? cells : empty).push(cell);
    }
  }
  return {cells, empty};
}

function describeFrame(frame: SparsityFrame, family: LayerFamily): string {
  const parts = frame.families.map((f) => {
    const [count, how] = counterText(f);
    const nonzero = f.pattern.reduce((s, v) => s + v, 0);
    return `${familyLabels[f.family].title} (${familyLabels[f.family].structure}, ${nonzero} of ${f.d * f.d} entries non-zero): ${count} ${how}`;
  });
  return `Jacobian patterns of six random ${frame.d}-dimensional flow layers, ${familyLabels[family].title} highlighted. ${parts.join("; ")}.`;
}

function grids(frame: SparsityFrame, family: LayerFamily): ReturnType<typeof Plot.plot> {
  const all = frame.families.map((f, k) => ({
    f,
    col: k % COLS,
    row: Math.floor(k / COLS),
    ...cellsOf(f, k % COLS, Math.floor(k / COLS))
  }));
  const cells = all.flatMap((p) => p.cells);
  const empty = all.flatMap((p) => p.empty);
  const chosen = all.find((p) => p.f.family === family)!;
  const labels = all.map((p) => {
    const [count, how] = counterText(p.f);
    const x = p.col * CELL_W + CELL_W / 2;
    const y = p.row * CELL_H;
    return {x, y, title: familyLabels[p.f.family].title, count, how, on: p.f.family === family};
  });
  return figure({
    label: "Jacobian patterns of six flow families with their determinant cost",
    description: describeFrame(frame, family),
    size: [WIDTH, HEIGHT],
    marginTop: 0,
    marginRight: 0,
    marginBottom: 0,
    marginLeft: 0,
    inset: 0,
    x: {domain: [0, WIDTH], axis: null},
    y: {domain: [HEIGHT, 0], axis: null},
    marks: [
      Plot.rect([chosen], {
        x1: (p: typeof chosen) => p.col * CELL_W + 4,
        x2: (p: typeof chosen) => (p.col + 1) * CELL_W - 4,
        y1: (p: typeof chosen) => p.row * CELL_H + 2,
        y2: (p: typeof chosen) => (p.row + 1) * CELL_H - 1,
        fill: palette.accent,
        fillOpacity: 0.08,
        stroke: palette.accent,
        strokeWidth: 3,
        rx: 8
      }),
      Plot.rect(empty, {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "none", stroke: palette.rule, strokeWidth: 0.75}),
      Plot.rect(cells, {
        x1: "x1",
        x2: "x2",
        y1: "y1",
        y2: "y2",
        fill: (c: Cell) => (c.diagonal ? palette.ink : palette.model),
        fillOpacity: "opacity",
        stroke: palette.bg,
        strokeWidth: 0.75
      }),
      Plot.text(
        labels.filter((l) => !l.on),
        {x: "x", y: (l: (typeof labels)[number]) => l.y + 16, text: "title", fill: palette.ink}
      ),
      Plot.text(
        labels.filter((l) => l.on),
        {x: "x", y: (l: (typeof labels)[number]) => l.y + 16, text: "title", fontWeight: 700, fill: palette.accent}
      ),
      Plot.text(labels, {
        x: "x",
        y: (l: (typeof labels)[number]) => l.y + 28 + GRID + 18,
        text: "count",
        fontWeight: 700,
        fill: (l: (typeof labels)[number]) => (l.count.endsWith("×") ? palette.ink : palette.error)
      }),
      Plot.text(labels, {
        x: "x",
        y: (l: (typeof labels)[number]) => l.y + 28 + GRID + 40,
        text: "how",
        fontSize: 20,
        fill: palette.muted
      })
    ]
  });
}

/**
 * The cost problem (deck 2, D2.9): the Jacobian ∂x/∂z of a random d-dimensional layer of each flow family, computed
 * (central differences; structural zeros come out exactly 0), drawn as a d × d grid of its non-zero entries (diagonal
 * in ink, the rest purple, shaded by |J_ij|), with the multiplications the family's determinant routine actually
 * spends: elimination on a dense J (≈ d³/3), the product of the diagonal on a triangular one (d − 1), the matrix-
 * determinant lemma 1 + cᵀa on planar's I + acᵀ (d); residual flows need a power series instead.
 */
export const jacobianSparsity: DemoSpec<typeof options, typeof state, SparsityFrame> = {
  id: "jacobian-sparsity",
  description:
    "Jacobian patterns of six flow families (elementwise, linear, planar, coupling, autoregressive, residual), each computed from a random d-dimensional layer, with the multiplications its determinant costs",
  options,
  state,
  controls: ["family", "d"],
  renderKeys: ["family", "d"],
  examples: [
    {name: "planar, d = 8", state: {family: "planar", d: "8"}},
    {name: "autoregressive, d = 16", state: {family: "autoregressive", d: "16"}}
  ],
  snapshot: (o, s) => sparsityFrame(s.d, o.seed),
  render(frame, o, s) {
    const f = frame && frame.d === s.d ? frame : sparsityFrame(s.d, o.seed);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    readout.textContent = readoutText(f, s.family);
    root.append(readout, grids(f, s.family));
    return root;
  },
  describe(frame, o, s) {
    const f = frame && frame.d === s.d ? frame : sparsityFrame(s.d, o.seed);
    return describeFrame(f, s.family);
  }
};

export default jacobianSparsity;

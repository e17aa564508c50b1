import * as Plot from "@observablehq/plot";
import {shippedLabel, type ShippedName} from "../engine/weights/names.ts";
import {curvaturePairOptions, PATH_TIMES, type CurvaturePairOptions} from "../engine/tasks/curvature-pair-options.ts";
import type {CurvaturePairFrame, CurvatureMeasure} from "../engine/tasks/curvature-pair.ts";
import {paddedExtent, type Extent} from "./layers/data.ts";
import {figure} from "./layers/figure.ts";
import {particles} from "./layers/particles.ts";
import {trajectories} from "./layers/trajectories.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {};

const PANEL: readonly [number, number] = [290, 290];

/** The table's rows: what is measured, and how each number is printed. */
const rows: readonly [string, (m: CurvatureMeasure) => string][] = [
  ["W2 to held-out data", (m) => m.w2.toFixed(3)],
  ["path energy ∫E‖u‖²dt", (m) => m.energy.toFixed(2)],
  ["E‖x₁ − x₀‖²", (m) => m.displacement.toFixed(2)],
  ["excess S (0 = straight)", (m) => m.straightness.toFixed(2)],
  ["dopri5 NFE", (m) => String(m.nfe)]
];

/** The numbers as a table: one column per model (a dash until it is measured). */
function table(frame: CurvaturePairFrame | undefined, models: readonly string[]): HTMLTableElement {
  const t = document.createElement("table");
  t.className = "number-table";
  const head = t.createTHead().insertRow();
  for (const text of ["", ...models.map((m) => shippedLabel(m as ShippedName))]) {
    const th = document.createElement("th");
    th.textContent = text;
    head.append(th);
  }
  const body = t.createTBody();
  for (const [label, value] of rows) {
    const row = body.insertRow();
    row.insertCell().textContent = label;
    models.forEach((_, i) => {
      const m = frame?.measures[i];
      row.insertCell().textContent = m ? value(m) : "…";
    });
  }
  return t;
}

function panel(frame: CurvaturePairFrame | undefined, i: number, name: string, box: Extent): Element {
  const marks: Plot.Markish[] = [Plot.frame({stroke: palette.muted, strokeOpacity: 0.5})];
  const m = frame?.measures[i];
  if (frame) marks.push(particles(frame.heldOut, {color: "target", symbol: "diamond", r: 1.8, opacity: 0.3}));
  if (frame && m)
    marks.push(trajectories(m.trajectories, frame.paths, {kind: "model", strokeWidth: 1.6, opacity: 0.7}));
  marks.push(
    Plot.text([shippedLabel(name as ShippedName)], {
      frameAnchor: "top-left",
      dx: 8,
      dy: 6,
      fontSize: 22,
      fill: palette.ink
    })
  );
  return figure({
    label: `trajectories of the ${shippedLabel(name as ShippedName)} CNF from N(0, I) to moons`,
    size: PANEL,
    equal: true,
    marginTop: 4,
    marginRight: 4,
    marginBottom: 4,
    marginLeft: 4,
    clip: true,
    x: {domain: [box[0], box[1]], axis: null},
    y: {domain: [box[2], box[3]], axis: null},
    marks
  });
}

const MODELS = ["i-cfm", "ot-cfm"] as const;

/** One square box for both panels: the held-out data and every drawn path, padded (the plane before a frame). */
function extentOf(frame: CurvaturePairFrame | undefined): Extent {
  if (!frame) return [-3, 3, -3, 3];
  const [x0, x1, y0, y1] = paddedExtent([frame.heldOut, ...frame.measures.map((m) => m.trajectories)], 0.04);
  const half = Math.max(x1 - x0, y1 - y0) / 2;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return [cx - half, cx + half, cy - half, cy + half];
}

/** One sentence of the numbers, for describe(). */
export function summary(frame: CurvaturePairFrame | undefined, o: CurvaturePairOptions): string {
  if (!frame) return "measuring two CNFs";
  return frame.measures
    .map(
      (m, i) =>
        `${shippedLabel(MODELS[i]!)}: W2 ${m.w2.toFixed(3)}, path energy ${m.energy.toFixed(2)}, ` +
        `E‖x₁ − x₀‖² ${m.displacement.toFixed(2)}, excess ${m.straightness.toFixed(2)}, ` +
        `${m.nfe} dopri5 evaluations at tolerance ${o.tolerance}`
    )
    .join("; ");
}

/**
 * D3.21: two CNFs from N(0, I) to moons (the shipped I-CFM and OT-CFM models; both are CNFs, trained by flow matching
 * rather than maximum likelihood) whose samples are about equally good, drawn with the same start points: I-CFM's
 * trajectories bend, OT-CFM's are nearly straight. The worker measures, over n samples, the W2 to held-out data,
 * the path energy, the squared displacement, their excess S and the dopri5 NFE at one tolerance.
 */
export const curvaturePairDemo: DemoSpec<typeof curvaturePairOptions, typeof state, CurvaturePairFrame> = {
  id: "curvature-pair",
  description: "two CNFs with nearly the same p₁ (W2) but curved vs straight trajectories, and the NFE each needs",
  options: curvaturePairOptions,
  state,
  controls: ["tolerance"],
  task: (options) => ({task: "curvature-pair", options}),
  examples: [{name: "tolerance 1e-5", options: {tolerance: "1e-5"}}],
  render(frame) {
    const root = document.createElement("div");
    root.className = "demo-stack";
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    const box = extentOf(frame);
    row.append(...MODELS.map((name, i) => panel(frame, i, name, box)));
    root.append(row, table(frame, MODELS));
    return root;
  },
  describe(frame, o) {
    return `Two CNFs from N(0, I) to moons with ${PATH_TIMES.length - 1}-interval trajectories: ${summary(frame, o)}`;
  }
};

export default curvaturePairDemo;

import * as Plot from "@observablehq/plot";
import {choice, type Values} from "../engine/options/schema.ts";
import {fewStepOptions, type FewStepOptions} from "../engine/tasks/few-step-options.ts";
import {EULER_STEPS, eulerRowOffset, fewStepJob, REFERENCE_STEPS, type FewStepFrame} from "../engine/tasks/few-step.ts";
import {figure, particles} from "./layers/index.ts";
import {dasharrayOf} from "./layers/conventions.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const stepChoices = EULER_STEPS.map(String) as ["1", "2", "4", "8", "16"];

const state = {
  steps: choice(stepChoices, "4", "Euler steps K over [0, 1] (the samples and paths drawn)")
};

export type FewStepState = Values<typeof state>;

const NAMES = ["OT", "VP"] as const;
/** Pairs and particles whose paths are drawn (of the task's kept ones). */
const DRAWN = 25;
const PANEL: readonly [number, number] = [250, 275];
const CHART: readonly [number, number] = [330, 275];
const margins = {marginLeft: 8, marginRight: 8, marginTop: 34, marginBottom: 8};

/** W2 of path p's K-step Euler ends to its exact ends (NaN until computed). */
export function w2At(f: FewStepFrame, p: number, steps: number): number {
  return f.w2[p * EULER_STEPS.length + EULER_STEPS.indexOf(steps as (typeof EULER_STEPS)[number])]!;
}

/**
 * The OT path of Lipman et al.: straight conditional lines against the curved marginal trajectories (closed form),
 * and few-step Euler sampling of the OT and VP paths' exact marginal fields, scored by the W2 of the K-step samples to
 * the exact ODE's samples from the same starts (computed in the engine worker for K = 1, 2, 4, 8, 16).
 */
export const fewStep: DemoSpec<typeof fewStepOptions, typeof state, FewStepFrame> = {
  id: "few-step",
  description: "straight conditional OT lines vs curved marginal paths, and Euler with few steps: OT vs VP by W2",
  options: fewStepOptions,
  state,
  controls: ["target", "sigmaMin", "steps"],
  examples: [
    {name: "shifted normal, 2 steps", options: {target: "shifted-normal"}, state: {steps: "2"}},
    {name: "sigma min 0.1", options: {sigmaMin: "0.1"}, state: {steps: "8"}}
  ],
  task: (options) => ({task: "few-step", options}),
  snapshot(options) {
    return runToEnd({...options, n: Math.min(options.n, 100)});
  },
  render(frame, o, {steps}) {
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural";
    if (!frame) return panels;
    const K = Number(steps);
    const box = boxOf(frame);
    // .demo-panels shows its children right to left.
    panels.append(
      chart(frame, K),
      eulerPanel(frame, 1, K, box),
      eulerPanel(frame, 0, K, box),
      linesPanel(frame, box, o)
    );
    return panels;
  },
  describe(frame, o, {steps}) {
    const what = `OT path (σ_min = ${o.sigmaMin}) and VP path to ${o.target}`;
    if (!frame) return `${what}: computing`;
    const K = Number(steps);
    const [ot, vp] = [w2At(frame, 0, K), w2At(frame, 1, K)];
    if (Number.isNaN(vp)) return `${what}: exact paths computed ${frame.referenceTaken} steps so far`;
    return `${what}: with ${K} Euler steps, W2 to the exact samples is ${ot.toFixed(3)} for OT and ${vp.toFixed(3)} for VP`;
  }
};

type Box = [number, number, number, number];

/** A square box around the reference trajectories and the target. */
function boxOf(f: FewStepFrame): Box {
  const e = [Infinity, -Infinity, Infinity, -Infinity];
  const grow = (a: Float32Array) => {
    for (let i = 0; i < a.length; i += 2) {
      e[0] = Math.min(e[0]!, a[i]!);
      e[1] = Math.max(e[1]!, a[i]!);
      e[2] = Math.min(e[2]!, a[i + 1]!);
      e[3] = Math.max(e[3]!, a[i + 1]!);
    }
  };
  grow(f.reference.subarray(0, f.rows * f.keep * 2));
  grow(f.target);
  const half = 0.55 * Math.max(e[1]! - e[0]!, e[3]! - e[2]!);
  const [cx, cy] = [(e[0]! + e[1]!) / 2, (e[2]! + e[3]!) / 2];
  return [cx - half, cx + half, cy - half, cy + half];
}

function panel(label: string, box: Box, marks: (Plot.Markish | null)[]): Element {
  return figure({
    label,
    size: PANEL,
    ...margins,
    equal: true,
    x: {domain: [box[0], box[1]], label: null, ticks: 0},
    y: {domain: [box[2], box[3]], label: null, ticks: 0},
    marks: [Plot.frame({stroke: palette.rule}), ...marks]
  });
}

function linesPanel(f: FewStepFrame, box: Box, o: FewStepOptions): Element {
  const m = Math.min(DRAWN, f.keep);
  const conditional = Array.from({length: m}, (_, i) => Array.from(f.conditional.subarray(4 * i, 4 * i + 4)));
  const marginal: [number, number, number][] = [];
  const last = Math.floor((f.referenceTaken / REFERENCE_STEPS) * (f.rows - 1));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= last; j++) {
      const k = (j * f.keep + i) * 2;
      marginal.push([f.reference[k]!, f.reference[k + 1]!, i]);
    }
  }
  return panel(`OT path (σ_min = ${o.sigmaMin}): straight conditional lines and curved marginal trajectories`, box, [
    particles(f.target, {color: "target", symbol: "diamond", r: 1.6, opacity: 0.3}),
    Plot.link(conditional, {
      x1: "0",
      y1: "1",
      x2: "2",
      y2: "3",
      stroke: palette.conditional,
      strokeWidth: 1.5,
      strokeOpacity: 0.8,
      strokeDasharray: dasharrayOf("conditional")
    }),
    Plot.line(marginal, {x: "0", y: "1", z: "2", stroke: palette.marginal, strokeWidth: 2}),
    particles(
      f.conditional.filter((_, i) => i % 4 < 2 && i < 4 * m),
      {color: "source", r: 3}
    ),
    Plot.text(["conditional vs marginal"], {frameAnchor: "top-left", dy: -26, fontSize: 20, fontWeight: 600})
  ]);
}

function eulerPanel(f: FewStepFrame, p: number, K: number, box: Box): Element {
  const j = EULER_STEPS.indexOf(K as (typeof EULER_STEPS)[number]);
  const rowsPerPath = eulerRowOffset(EULER_STEPS.length);
  const base = (p * rowsPerPath + eulerRowOffset(j)) * f.keep * 2;
  const m = Math.min(DRAWN, f.keep);
  const lines: [number, number, number][] = [];
  for (let i = 0; i < m; i++) {
    for (let r = 0; r <= K; r++) {
      const k = base + (r * f.keep + i) * 2;
      lines.push([f.euler[k]!, f.euler[k + 1]!, i]);
    }
  }
  const ends = f.ends.subarray((p * EULER_STEPS.length + j) * f.n * 2, (p * EULER_STEPS.length + j + 1) * f.n * 2);
  const w2 = w2At(f, p, K);
  const title = `${NAMES[p]}, ${K} step${K > 1 ? "s" : ""}${Number.isNaN(w2) ? "" : `, W2 ${w2.toFixed(2)}`}`;
  return panel(`${NAMES[p]} path sampled with ${K} Euler steps`, box, [
    particles(f.target, {color: "target", symbol: "diamond", r: 1.6, opacity: 0.3}),
    Number.isNaN(w2)
      ? null
      : Plot.line(lines, {x: "0", y: "1", z: "2", stroke: palette.model, strokeWidth: 1.5, strokeOpacity: 0.6}),
    Number.isNaN(w2) ? null : particles(ends, {color: "model", r: 2, opacity: 0.7}),
    Plot.text([title], {frameAnchor: "top-left", dy: -26, fontSize: 20, fontWeight: 600})
  ]);
}

function chart(f: FewStepFrame, K: number): Element {
  const colors = [palette.ink, palette.marginal];
  let top = 0.5;
  for (const v of f.w2) if (v > top) top = v;
  const marks = NAMES.flatMap((name, p) => {
    const points = EULER_STEPS.map((k) => [k, w2At(f, p, k)] as [number, number]).filter(([, v]) => !Number.isNaN(v));
    const end = points.at(-1);
    return [
      Plot.line(points, {stroke: colors[p], strokeWidth: 3}),
      Plot.dot(points, {fill: colors[p], r: 5, symbol: p === 0 ? "circle" : "square"}),
      end
        ? Plot.text([end], {
            text: () => name,
            fill: colors[p],
            dx: 8,
            dy: p === 0 ? -12 : 12,
            textAnchor: "start",
            fontSize: 20,
            fontWeight: 600
          })
        : null
    ];
  });
  return figure({
    label: "W2 of the Euler samples to the exact samples against the number of steps, OT and VP",
    size: CHART,
    marginTop: 34,
    marginLeft: 64,
    marginRight: 44,
    marginBottom: 56,
    x: {
      type: "log",
      base: 2,
      domain: [1, 16],
      ticks: EULER_STEPS as unknown as number[],
      tickFormat: String,
      label: "Euler steps"
    },
    y: {domain: [0, top * 1.1], label: null, ticks: 4},
    marks: [
      Plot.ruleX([K], {stroke: palette.muted, strokeWidth: 1.5}),
      ...marks,
      Plot.text(["W2 to exact samples"], {frameAnchor: "top-left", dy: -26, fontSize: 20})
    ]
  });
}

/** Runs the few-step task to its end on the page. */
function runToEnd(options: FewStepOptions): FewStepFrame {
  const job = fewStepJob(options);
  let last: FewStepFrame | undefined;
  for (;;) {
    const slice = job.run(1000);
    last = slice.frame ?? last;
    if (slice.done && last) return last;
    if (slice.done) throw new Error("few-step: the task ended without a frame");
  }
}

export default fewStep;

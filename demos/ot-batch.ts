import * as Plot from "@observablehq/plot";
import {gaussianW2Squared} from "../engine/metrics/gaussian-w2.ts";
import {otBatchModels, otBatchOptions, otBatchSource, otBatchTarget} from "../engine/tasks/ot-batch-options.ts";
import {RESULT_STRIDE, type OtBatchFrame} from "../engine/tasks/ot-batch.ts";
import {energyBars, figure} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {};

/** Before anything trained (print view, previews): only the exact W₂², computed on the page. */
export type OtBatchStill = {still: true; w2: number};
type Frame = OtBatchFrame | OtBatchStill;

const isLive = (frame: Frame | undefined): frame is OtBatchFrame => frame !== undefined && !("still" in frame);

const SIZE: readonly [number, number] = [600, 460];
/** The energy axis: from BASE (a cut axis, its first tick) to TOP, so that S = 0.09 still shows. */
const BASE = 9.5;
const TOP = 16;

/** One finished model as the figure reads it. */
export interface ModelRow {
  label: string;
  block: number;
  energy: number;
  displacement: number;
  straightness: number;
  pairCost: number;
  nfe: number;
}

/** The finished models of a frame's `results`, labelled as in otBatchModels. */
export function modelRows(results: Float64Array): ModelRow[] {
  const rows: ModelRow[] = [];
  for (let k = 0, i = 0; k + RESULT_STRIDE <= results.length; k += RESULT_STRIDE, i++) {
    rows.push({
      label: otBatchModels[i]!.label,
      block: results[k]!,
      energy: results[k + 1]!,
      displacement: results[k + 2]!,
      straightness: results[k + 3]!,
      pairCost: results[k + 4]!,
      nfe: results[k + 5]!
    });
  }
  return rows;
}

/**
 * How big a batch does OT-CFM need? (D4.16, audit item 15). Five flows trained live in the worker from N(0, I) to
 * N((3, 0), diag(1/4, 4)) with the same steps and samples: I-CFM, and OT-CFM with exact OT inside batches of
 * B = 2, 8, 32, 256. For each, a stacked bar (demos/layers/energy-bars.ts): the path energy ℰ split into E|Z₁ − Z₀|²
 * (light grey) and the straightness S (dark red, outlined), a dashed tick at the mean pair cost E|x₁ − x₀|² of the pairs
 * it trained on, and the exact W₂² as a labelled dotted line.
 */
export const otBatch: DemoSpec<typeof otBatchOptions, typeof state, Frame> = {
  id: "ot-batch",
  description: "OT-CFM's batch size: ℰ = E|Z₁ − Z₀|² + S of flows trained with B = 2…256 and I-CFM, against W₂²",
  options: otBatchOptions,
  state,
  controls: ["steps", "seed"],
  player: true,
  task: (options) => ({task: "ot-batch", options}),
  snapshot: () => ({still: true, w2: gaussianW2Squared(otBatchSource, otBatchTarget)}),
  render(frame) {
    const rows = isLive(frame) ? modelRows(frame.results) : [];
    const w2 = frame?.w2 ?? gaussianW2Squared(otBatchSource, otBatchTarget);
    return figure({
      label: "path energy of each trained flow, split into squared displacement and straightness, against W₂²",
      size: SIZE,
      marginTop: 56,
      marginLeft: 64,
      marginBottom: 40,
      // Room for the W₂² line's label past the frame's right edge.
      marginRight: 44,
      x: {domain: otBatchModels.map((m) => m.label), label: null, type: "band", padding: 0.25, tickSize: 0},
      y: {
        domain: [BASE, TOP],
        label: null,
        ticks: [BASE, 10, 11, 12, 13, 14, 15, 16],
        tickFormat: (v: number) => `${v}`
      },
      marks: [
        energyBars(rows, {
          base: BASE,
          reference: {value: w2, label: "W₂²"},
          key: {dx: -56, dy: -26, suffix: ` · dashed: pairs' cost · dotted: W₂² ${w2.toFixed(2)}`}
        }),
        Plot.tickY(rows, {
          x: "label",
          y: "pairCost",
          stroke: palette.conditional,
          strokeWidth: 3,
          strokeDasharray: "6,4"
        }),
        Plot.text(rows, {
          x: "label",
          y: (r: ModelRow) => Math.max(r.energy, r.pairCost),
          text: (r: ModelRow) => `ℰ ${r.energy.toFixed(2)}\nS ${r.straightness.toFixed(3)}`,
          dy: -26,
          fontSize: 16,
          lineHeight: 1.1
        }),
        Plot.text([headline(frame)], {frameAnchor: "top-left", dy: -48, dx: -56, fontSize: 18, textAnchor: "start"})
      ]
    });
  },
  describe(frame, options) {
    const w2 = frame?.w2 ?? gaussianW2Squared(otBatchSource, otBatchTarget);
    const what =
      `flows from N(0, I) to N((3, 0), diag(1/4, 4)), ${options.steps} steps of 256 pairs each, exact W₂² ` +
      w2.toFixed(2);
    if (!isLive(frame)) return `${what}: I-CFM and OT-CFM at B = 2, 8, 32, 256 train live on the slide`;
    const rows = modelRows(frame.results).map(
      (r) =>
        `${r.label}: path energy ${r.energy.toFixed(2)}, squared displacement ${r.displacement.toFixed(2)}, ` +
        `straightness ${r.straightness.toFixed(3)}, pair cost ${r.pairCost.toFixed(2)}`
    );
    return `${what}; ${headline(frame)}${rows.length ? "; " + rows.join("; ") : ""}`;
  }
};

function headline(frame: Frame | undefined): string {
  if (!isLive(frame)) return "five flows train live";
  if (frame.phase === "done") return "done: five flows, same steps and samples";
  const {label} = otBatchModels[frame.model]!;
  return `training ${label}: step ${frame.progress.steps} of ${frame.progress.total}`;
}

export default otBatch;

import {beforeAll, describe, expect, it} from "vitest";
import {fmMethod} from "../../../engine/fm/methods.ts";
import {float64Field} from "../../../engine/fm/likelihood.ts";
import {fastModel} from "../../../engine/fm/model.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {loadAssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {
  evaluateShipped,
  loadWeights,
  shippedModels,
  SHIPPED_SOURCE,
  SHIPPED_TARGET
} from "../../../engine/weights/index.ts";
import {checkShipped} from "../../../engine/weights/shipped.ts";
import {roundModel, trainShipped} from "../../../engine/weights/train.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
  await loadAssignmentKernels();
});

describe("shipped weights", () => {
  for (const spec of shippedModels) {
    it(`${spec.name}: loads, is valid, and reproduces the W2 it states (float64 field, same seed)`, async () => {
      const w = await loadWeights(spec.name);
      expect(w.method).toBe(fmMethod(spec.method).name);
      expect(w.source).toBe(SHIPPED_SOURCE);
      expect(w.target).toBe(SHIPPED_TARGET);
      expect(w.model.sizes).toEqual([2, 64, 64, 64, 2]);
      const e = evaluateShipped(float64Field(w.model), w.evaluation.n, w.evaluation.seed);
      expect(e.w2).toBeCloseTo(w.evaluation.w2, 9);
      expect(e.w2Floor).toBeCloseTo(w.evaluation.w2Floor, 9);
      // A trained model: within a few tenths of the floor, far below the untrained W2 (> 1).
      expect(w.evaluation.w2).toBeLessThan(w.evaluation.w2Floor + 0.35);
    });
  }

  it("the float32 model on this process's kernels scores within 0.01 of the stated W2", async () => {
    const w = await loadWeights("ot-cfm");
    const model = fastModel(k, {}, w.model);
    try {
      expect(Math.abs(evaluateShipped(model.field(), 1000).w2 - w.evaluation.w2)).toBeLessThan(0.01);
    } finally {
      model.dispose();
    }
  });

  it("loads each file once and rejects unknown names", async () => {
    expect(await loadWeights("lipman")).toBe(await loadWeights("lipman"));
    expect(() => loadWeights("nope" as never)).toThrow(/unknown weights: "nope"/);
  });

  it("checkShipped rejects a file without its evaluation", async () => {
    const w = await loadWeights("i-cfm");
    expect(() => checkShipped({...w, evaluation: undefined})).toThrow(/evaluation/);
    expect(() => checkShipped({...w, kind: "x"})).toThrow(/kind/);
  });

  it("the recipe is seeded: the same seed trains the same file (short run)", () => {
    const a = trainShipped("i-cfm", k, {steps: 20, batch: 32, width: 8, evalN: 50});
    const b = trainShipped("i-cfm", k, {steps: 20, batch: 32, width: 8, evalN: 50});
    expect(a.model).toEqual(b.model);
    expect(a.evaluation.w2).toBe(b.evaluation.w2);
    expect(roundModel(a.model)).toEqual(a.model);
  });
});

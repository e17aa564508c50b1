import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {fewStep, w2At} from "../../demos/few-step.ts";
import {resolveOptions} from "../../demos/runtime/options.ts";
import {EULER_STEPS, fewStepJob, type FewStepFrame} from "../../engine/tasks/few-step.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = {...defaults(fewStep.options), n: 40, seed: 2};

function finished(): FewStepFrame {
  const job = fewStepJob(options);
  for (;;) {
    const s = job.run(1000);
    if (s.done && s.frame) return s.frame;
  }
}

describe("few-step", () => {
  const frame = finished();

  it("prints the task's W2 for the chosen number of steps, for OT and VP", () => {
    for (const steps of ["2", "4", "8"] as const) {
      const el = fewStep.render(frame, options, {steps});
      const text = el.textContent ?? "";
      const j = EULER_STEPS.indexOf(Number(steps) as (typeof EULER_STEPS)[number]);
      expect(text).toContain(`OT, ${steps} steps, W2 ${frame.w2[j]!.toFixed(2)}`);
      expect(text).toContain(`VP, ${steps} steps, W2 ${frame.w2[EULER_STEPS.length + j]!.toFixed(2)}`);
      expect(fewStep.describe!(frame, options, {steps})).toContain(w2At(frame, 1, Number(steps)).toFixed(3));
    }
  });

  it("renders four panels (snapshot at 4 steps)", () => {
    const el = fewStep.render(frame, options, {steps: "4"});
    expect(el.querySelectorAll("svg")).toHaveLength(4);
    expectSvgSnapshot("few-step", el);
  });

  it("its schema rejects a step count it does not compute", () => {
    expect(() => resolveOptions(fewStep.state, {steps: "3"})).toThrow(/invalid steps/);
  });
});

import {beforeAll, describe, expect, it} from "vitest";
import {kernels, type Kernels} from "../../engine/kernels/index.ts";
import {checkValues, defaults} from "../../engine/options/schema.ts";
import {cfmStepJob, type CfmStepFrame} from "../../engine/tasks/cfm-step.ts";
import {cfmStepOptions} from "../../engine/tasks/cfm-step-options.ts";
import {cfmStep, fieldAt, gridArrows} from "../../demos/cfm-step.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

let k: Kernels;
beforeAll(async () => {
  k = await kernels();
});

const options = defaults(cfmStep.options);
const state = defaults(cfmStep.state);

/** The task's own frame after `steps` steps at full speed (small batch). */
function frameAfter(steps: number): CfmStepFrame {
  const job = cfmStepJob(checkValues(cfmStepOptions, {batch: 6, speed: "max", steps}), {kernels: k});
  let last: CfmStepFrame | undefined;
  for (let done = false; !done;) {
    const slice = job.run(20);
    if (slice.frame) last = slice.frame;
    done = slice.done;
  }
  job.dispose?.();
  return last!;
}

describe("cfm-step", () => {
  it("draws the learned field of the grid's times, linear in between", () => {
    const frame = frameAfter(50);
    const m = 2 * frame.nx * frame.ny;
    const at = (k: number) => frame.grid.subarray(k * m, (k + 1) * m);
    expect(Array.from(fieldAt(frame, 0.3).values)).toEqual(Array.from(at(3)));
    const mid = fieldAt(frame, 0.35).values;
    for (let i = 0; i < m; i += 37) expect(mid[i]!).toBeCloseTo((at(3)[i]! + at(4)[i]!) / 2, 6);
  });

  it("draws grid arrows on the batch arrows' scale: 0.2 time units of velocity", () => {
    const frame = frameAfter(20);
    const a = gridArrows(frame, 1);
    const u = fieldAt(frame, 1).values;
    for (const c of a.index.slice(0, 20)) {
      expect(a.x2[c]! - a.x1[c]!).toBeCloseTo(0.2 * u[2 * c]!, 9);
      expect(a.y2[c]! - a.y1[c]!).toBeCloseTo(0.2 * u[2 * c + 1]!, 9);
    }
  });

  it("counts the batch pairs near the shown t, and says its step and loss (snapshot)", () => {
    const frame = frameAfter(30);
    const figure = cfmStep.render(frame, options, state);
    const near = Array.from(frame.t).filter((s) => Math.abs(s - 0.5) <= 0.1).length;
    expect(figure.textContent).toContain(`t = 0.50: ${near} of 6 pairs within ±0.1`);
    expect(cfmStep.describe!(frame, options, state)).toMatch(/step 30 of 30, CFM loss \d\.\d{3} per coordinate/);
    const still = cfmStep.snapshot!(options, state);
    expect(cfmStep.describe!(still, options, state)).toMatch(/training runs live/);
    expectSvgSnapshot("cfmStepStill", cfmStep.render(still, options, state));
  });
});

import {describe, expect, it} from "vitest";
import {cnfStepCost} from "../../engine/cnf/cost.ts";
import {defaults} from "../../engine/options/schema.ts";
import {cnfTrainJob, type CnfTrainFrame} from "../../engine/tasks/cnf-train.ts";
import {cnfCost, costsOf, dimensionOf, LOG2_MAX_D, solveNfeOf} from "../../demos/cnf-cost.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = defaults(cnfCost.options);
const state = defaults(cnfCost.state);

function liveFrame(): CnfTrainFrame {
  const job = cnfTrainJob({...options, iterations: 3, steps: 2, batch: 8, nfeEvery: 1});
  let frame: CnfTrainFrame | undefined;
  for (;;) {
    const slice = job.run(1);
    frame = slice.frame ?? frame;
    if (slice.done) return frame!;
  }
}

describe("cnf-cost", () => {
  it("maps the slider to d: 2 at its left end, 3072 (CIFAR-10) at its right end", () => {
    expect(dimensionOf(1)).toBe(2);
    expect(dimensionOf(LOG2_MAX_D)).toBe(3072);
    expect(dimensionOf(Math.log2(784))).toBe(784);
  });

  it("prices a step as 2·NFE·(1 + d) exact and 2·NFE·2 with Hutchinson, from the NFE dopri5 measured", () => {
    const frame = liveFrame();
    const nfe = frame.nfeValues.at(-1)!;
    expect(solveNfeOf(frame, options)).toEqual({nfe, measured: true});
    const s = {log2d: LOG2_MAX_D};
    const c = costsOf(3072, nfe);
    expect(c.exact).toBe(2 * nfe * 3073);
    expect(c.hutchinson).toBe(4 * nfe);
    const figure = cnfCost.render(frame, options, s);
    expect(figure.textContent).toContain(`NFE_solve = ${nfe} (dopri5)`);
    expect(figure.textContent).toContain(c.exact.toLocaleString("en-US"));
    expect(figure.textContent).toContain(`${(3073 / 2).toFixed(1)}×`);
    expect(cnfCost.describe!(frame, options, s)).toContain(`dopri5 needed ${nfe} evaluations`);
  });

  it("uses the fixed RK4 count until dopri5's is measured, and says so", () => {
    const still = cnfCost.snapshot!(options, state);
    expect(solveNfeOf(still, options)).toEqual({nfe: 4 * options.steps, measured: false});
    expect(cnfCost.render(still, options, state).textContent).toContain("(RK4, fixed)");
    expect(costsOf(2, 32).exact).toBe(cnfStepCost({d: 2, nfeSolve: 32, nfeAdjoint: 32, divergence: "exact"}));
  });

  it("draws the bars and the NFE curve (snapshot)", () => {
    const frame = {
      ...liveFrame(),
      progress: {steps: 300, total: 1500, stepsPerSecond: 5},
      nfeSteps: Float64Array.of(0, 100, 200, 300),
      nfeValues: Float64Array.of(14, 20, 26, 32)
    };
    expectSvgSnapshot("cnfCostLive", cnfCost.render(frame, options, {log2d: 9.61}));
  });
});

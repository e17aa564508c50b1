import {describe, expect, it} from "vitest";
import {evaluationData} from "../../../engine/weights/index.ts";
import {shippedCaption, shippedFlowStill} from "../../../demos/still/shipped-flow.ts";
import {maxDifference, recompute} from "./independent.ts";

describe("shippedFlowStill", () => {
  it("is the shipped model's ODE output, recomputed with another network and solver code", async () => {
    const still = await shippedFlowStill("ot-cfm");
    expect([still.solver, still.steps, still.samples.length]).toEqual(["midpoint", 4, 400]);
    // float32 network against float64: agreement to ~1e-4 of a moon's size.
    expect(maxDifference(still.samples, await recompute("ot-cfm", 200, "midpoint", 4))).toBeLessThan(2e-3);
    // A different solver or step count is far off: the comparison can tell them apart.
    expect(maxDifference(still.samples, await recompute("ot-cfm", 200, "euler", 2))).toBeGreaterThan(2e-2);
  });

  it("keeps the paths of its first points, from the source points to the samples", async () => {
    const still = await shippedFlowStill("i-cfm", {n: 50, paths: 5, solver: "euler", steps: 3});
    const {source} = evaluationData(50);
    expect(still.trajectories).toHaveLength(4 * 5 * 2);
    expect(maxDifference(still.trajectories.subarray(0, 10), source.subarray(0, 10))).toBeLessThan(1e-6);
    expect(maxDifference(still.trajectories.subarray(30, 40), still.samples.subarray(0, 10))).toBe(0);
    expect(maxDifference(still.samples, await recompute("i-cfm", 50, "euler", 3))).toBeLessThan(2e-3);
  });

  it("names the model and its datasets in its caption", async () => {
    expect(shippedCaption(await shippedFlowStill("rf2", {n: 10}))).toBe("shipped 2-RF, N(0, I) → moons");
  });
});

import {describe, expect, it} from "vitest";
import {steppedFlow} from "../../../engine/fields/stepped-flow.ts";
import type {VelocityField} from "../../../engine/fields/field.ts";

/** u(x) = x: the flow is x e^t. */
const growth: VelocityField = {dim: 2, velocity: (out, x, n) => out.set(x.subarray(0, 2 * n))};

describe("steppedFlow", () => {
  it("integrates a few steps at a time, keeping the paths of the first points in float32", () => {
    const x0 = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const flow = steppedFlow(growth, x0, 3, {solver: "rk4", steps: 10, keep: 2});
    expect(flow.step(4).steps).toBe(4);
    expect(flow.computedUpTo).toBe(4);
    expect(flow.step(100).steps).toBe(10);
    expect(flow.done).toBe(true);
    expect(flow.trajectories.length).toBe(11 * 2 * 2);
    expect(Array.from(flow.trajectories.subarray(0, 4))).toEqual([1, 2, 3, 4]);
    expect(flow.trajectories[4 * 4 + 1]).toBeCloseTo(2 * Math.exp(0.4), 5);
    expect(flow.state[4]).toBeCloseTo(5 * Math.E, 4); // RK4 with dt = 0.1: error ~1e-5
  });

  it("throws on a non-finite state", () => {
    const bad: VelocityField = {dim: 2, velocity: (out) => out.fill(NaN)};
    expect(() => steppedFlow(bad, new Float64Array(2), 1).step()).toThrow(/non-finite state/);
  });
});

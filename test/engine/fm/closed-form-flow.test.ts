import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {closedFormFlow, exactStart} from "../../../engine/fm/closed-form-flow.ts";
import {iCfmPath, lipmanPath} from "../../../engine/paths/cfm.ts";
import {veDiffusionPath} from "../../../engine/paths/diffusion.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

const m = [1.5, -0.5];
const s = 0.4;
const single = gaussianMixture({means: [m as [number, number]], cov: s * s});

describe("closedFormFlow", () => {
  it("CondOT to N(m, s²I) is the affine OT map x₀ ↦ m + s x₀ at t = 1 (midpoint, 200 steps)", () => {
    const x0 = rng(1).fillNormal(new Float64Array(2 * 50)) as Float64Array;
    const flow = closedFormFlow(lipmanPath(0), single, x0, {solver: "midpoint", steps: 200});
    flow.step(1000);
    expect(flow.done).toBe(true);
    assertAllClose(
      flow.state,
      x0.map((v, i) => m[i % 2]! + s * v),
      {rtol: 1e-4, atol: 1e-4}
    );
  });

  it("keeps every `every`-th row of the first `keep` particles, and E‖u‖² when asked", () => {
    const x0 = rng(2).fillNormal(new Float64Array(2 * 20)) as Float64Array;
    const flow = closedFormFlow(lipmanPath(0), single, x0, {
      solver: "rk4",
      steps: 10,
      tEnd: 0.999,
      keep: 3,
      every: 5,
      speed: true
    });
    flow.step(10);
    expect(flow.trajectories.length).toBe(3 * 3 * 2);
    assertAllClose(flow.trajectories.subarray(0, 6), x0.subarray(0, 6), {rtol: 1e-6});
    assertAllClose(flow.trajectories.subarray(12, 18), flow.state.subarray(0, 6), {rtol: 1e-6});
    expect(flow.speed.every((v) => v > 0)).toBe(true);
  });

  it("exactStart draws VE's p₀ = target ∗ N(0, σ_max² I): mean m, variance s² + σ_max² (n = 20000)", () => {
    const n = 20000;
    const x = exactStart(veDiffusionPath({sigmaMin: 0.01, sigmaMax: 3}), single, n, rng(4));
    let [mx, v] = [0, 0];
    for (let i = 0; i < n; i++) mx += x[2 * i]! / n;
    for (let i = 0; i < n; i++) v += (x[2 * i]! - mx) ** 2 / n;
    const variance = s * s + 9;
    assertInDelta(mx, m[0]!, 4 * Math.sqrt(variance / n));
    assertInDelta(v, variance, 4 * variance * Math.sqrt(2 / n));
  });

  it("refuses a two-sided path and bad steps with RangeErrors naming them", () => {
    expect(() => exactStart(iCfmPath(0), single, 3, rng(0))).toThrow(/invalid path/);
    expect(() => closedFormFlow(lipmanPath(0), single, new Float64Array(4), {solver: "euler", steps: 0})).toThrow(
      /invalid steps/
    );
  });
});

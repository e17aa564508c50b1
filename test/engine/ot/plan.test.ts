import {describe, expect, it} from "vitest";
import {linearAssignment} from "../../../engine/ot/assignment.ts";
import {sqCostMatrix} from "../../../engine/ot/cost.ts";
import {gatherRows, otPairing, sampleAssignment, samplePlan} from "../../../engine/ot/plan.ts";
import {rng} from "../../../engine/random.ts";

describe("otPairing", () => {
  it("pairs x0[i] with x1[j[i]] (TorchCFM's post-#178 convention): recovers a hidden permutation", () => {
    const r = rng(4);
    const n = 50;
    const x0 = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
    const sigma = r.permutation(n);
    const x1 = gatherRows(x0, sigma, 2).map((v) => v + 1e-3); // x1[k] ≈ x0[sigma[k]]
    const j = otPairing(x0, x1, n);
    for (let i = 0; i < n; i++) expect(sigma[j[i]!]).toBe(i);
  });

  it("achieves the assignment cost", () => {
    const r = rng(9);
    const n = 64;
    const x0 = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
    const x1 = r.fillUniform(new Float64Array(2 * n), -2, 2) as Float64Array;
    const j = otPairing(x0, x1, n);
    const cost = sqCostMatrix(x0, x1, n, n, 2);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += cost[i * n + j[i]!]!;
    expect(sum).toBeCloseTo(linearAssignment(cost, n).cost, 10);
  });
});

describe("sampleAssignment", () => {
  it("draws pairs of the permutation plan with uniform rows, with replacement", () => {
    const rowToCol = Int32Array.from([3, 0, 2, 1]);
    const {i, j} = sampleAssignment(rowToCol, 40000, rng(1));
    const counts = [0, 0, 0, 0];
    let offPlan = 0;
    for (let k = 0; k < i.length; k++) {
      if (j[k] !== rowToCol[i[k]!]) offPlan++;
      counts[i[k]!]!++;
    }
    expect(offPlan).toBe(0);
    // Binomial(40000, 1/4): sd = 86.6; 5 sd = 433.
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(433);
  });

  it("is deterministic for a seed", () => {
    const p = Int32Array.from([1, 0, 2]);
    expect(Array.from(sampleAssignment(p, 20, rng(8)).i)).toEqual(Array.from(sampleAssignment(p, 20, rng(8)).i));
  });
});

describe("samplePlan", () => {
  it("draws (i, j) with probability proportional to the plan and never a zero entry", () => {
    const plan = Float64Array.from([0.1, 0, 0.3, 0.05, 0.25, 0.3]); // [2, 3]
    const count = 60000;
    const {i, j} = samplePlan(plan, 2, 3, count, rng(6));
    const counts = new Float64Array(6);
    for (let k = 0; k < count; k++) counts[3 * i[k]! + j[k]!]!++;
    expect(counts[1]).toBe(0);
    plan.forEach((p, k) => {
      const sd = Math.sqrt(count * p * (1 - p));
      expect(Math.abs(counts[k]! - count * p), `entry ${k}`).toBeLessThanOrEqual(5 * sd);
    });
  });

  it("accepts unnormalised plans and rejects negative or empty ones", () => {
    const {i, j} = samplePlan(Float64Array.from([0, 0, 0, 7]), 2, 2, 5, rng(1));
    expect(Array.from(i)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(j)).toEqual([1, 1, 1, 1, 1]);
    expect(() => samplePlan(Float64Array.from([1, -1]), 1, 2, 3, rng(1))).toThrow(/invalid plan entry: -1/);
    expect(() => samplePlan(new Float64Array(4), 2, 2, 3, rng(1))).toThrow(/sum to zero/);
    expect(() => samplePlan(new Float64Array(4), 2, 3, 3, rng(1))).toThrow(/shape mismatch/);
  });
});

describe("gatherRows", () => {
  it("copies the indexed rows and rejects out-of-range indices", () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    expect(Array.from(gatherRows(x, Int32Array.from([2, 0, 2]), 2))).toEqual([5, 6, 1, 2, 5, 6]);
    expect(() => gatherRows(x, Int32Array.from([3]), 2)).toThrow(/invalid row index: 3/);
  });
});

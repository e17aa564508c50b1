import {describe, expect, it} from "vitest";
import {cnfStepCost, divergencePasses} from "../../../engine/cnf/cost.ts";

describe("cnfStepCost", () => {
  it("is (NFE_solve + NFE_adjoint)(1 + C) with C = d exact and C = 1 Hutchinson", () => {
    expect(cnfStepCost({d: 2, nfeSolve: 30, nfeAdjoint: 50, divergence: "exact"})).toBe(80 * 3);
    expect(cnfStepCost({d: 3072, nfeSolve: 100, nfeAdjoint: 100, divergence: "exact"})).toBe(200 * 3073);
    expect(cnfStepCost({d: 3072, nfeSolve: 100, nfeAdjoint: 100, divergence: "hutchinson"})).toBe(400);
    expect(divergencePasses(784, "exact")).toBe(784);
    expect(divergencePasses(784, "hutchinson")).toBe(1);
  });

  it("refuses bad inputs by name", () => {
    expect(() => cnfStepCost({d: 0, nfeSolve: 1, nfeAdjoint: 1, divergence: "exact"})).toThrow(/invalid d/);
    expect(() => cnfStepCost({d: 2, nfeSolve: NaN, nfeAdjoint: 1, divergence: "exact"})).toThrow(/nfeSolve/);
    expect(() => divergencePasses(2, "other" as never)).toThrow(/invalid divergence/);
  });
});

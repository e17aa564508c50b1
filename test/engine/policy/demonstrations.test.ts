import {describe, expect, it} from "vitest";
import {
  hitsObstacle,
  leftProbability,
  meanAction,
  policyScene,
  sampleDemonstrations
} from "../../../engine/policy/demonstrations.ts";
import {rng} from "../../../engine/random.ts";

describe("policy demonstrations", () => {
  it("split 50/50 for an obstacle straight ahead, whose mean action is the obstacle's centre: a collision", () => {
    expect(leftProbability(0)).toBe(0.5);
    expect(meanAction(0)).toBeCloseTo(0, 12);
    expect(hitsObstacle(meanAction(0), 0)).toBe(true);
    // Both modes clear the obstacle.
    expect(hitsObstacle(-policyScene.gap, 0)).toBe(false);
    expect(hitsObstacle(policyScene.gap, 0)).toBe(false);
  });

  it("prefer the far side: left more often as the obstacle moves right", () => {
    expect(leftProbability(0.5)).toBeGreaterThan(0.9);
    expect(leftProbability(-0.5)).toBeLessThan(0.1);
    expect(leftProbability(0.3) + leftProbability(-0.3)).toBeCloseTo(1, 12);
  });

  it("samples whose binned mean action and left fraction match the closed forms", () => {
    const {observations, actions} = sampleDemonstrations(200_000, rng(1));
    for (const centre of [-0.5, -0.1, 0, 0.2, 0.6]) {
      let n = 0;
      let sum = 0;
      let left = 0;
      let pSum = 0;
      let mSum = 0;
      for (let i = 0; i < observations.length; i++) {
        const o = observations[i]!;
        if (Math.abs(o - centre) > 0.02) continue;
        n++;
        sum += actions[i]!;
        if (actions[i]! < o) left++;
        pSum += leftProbability(o);
        mSum += meanAction(o);
      }
      expect(n).toBeGreaterThan(3000);
      // Standard errors: about 0.7/sqrt(n) ≈ 0.013 for the mean, 0.5/sqrt(n) ≈ 0.009 for the fraction.
      expect(Math.abs(sum / n - mSum / n)).toBeLessThan(0.05);
      expect(Math.abs(left / n - pSum / n)).toBeLessThan(0.035);
    }
  });

  it("are reproducible from the seed and refuse a bad count", () => {
    const a = sampleDemonstrations(50, rng(3));
    const b = sampleDemonstrations(50, rng(3));
    expect(Array.from(a.actions)).toEqual(Array.from(b.actions));
    expect(() => sampleDemonstrations(0, rng(3))).toThrow(RangeError);
    expect(() => sampleDemonstrations(1.5, rng(3))).toThrow(/invalid demonstration count/);
  });
});

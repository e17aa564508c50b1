import {describe, expect, it} from "vitest";
import {stratifiedNormal} from "../../../engine/data/stratified-normal.ts";
import {rng} from "../../../engine/random.ts";

describe("stratifiedNormal", () => {
  it("has the moments of N(0, I) and balanced half-planes, and replays by seed", () => {
    const n = 2000;
    const x = stratifiedNormal(n, rng(3));
    let mx = 0,
      my = 0,
      vx = 0,
      vy = 0;
    for (let i = 0; i < n; i++) {
      mx += x[2 * i]! / n;
      my += x[2 * i + 1]! / n;
      vx += x[2 * i]! ** 2 / n;
      vy += x[2 * i + 1]! ** 2 / n;
    }
    expect(Math.abs(mx)).toBeLessThan(0.05);
    expect(Math.abs(my)).toBeLessThan(0.05);
    expect(vx).toBeCloseTo(1, 1);
    expect(vy).toBeCloseTo(1, 1);
    // Any half-plane through the origin holds n/2 points up to ±1 (each angle slice holds one point).
    for (const a of [0, 0.3, 1.1, 2.5]) {
      let count = 0;
      for (let i = 0; i < n; i++) if (Math.cos(a) * x[2 * i]! + Math.sin(a) * x[2 * i + 1]! > 0) count++;
      expect(Math.abs(count - n / 2)).toBeLessThanOrEqual(1);
    }
    expect(stratifiedNormal(50, rng(1))).toEqual(stratifiedNormal(50, rng(1)));
    expect(() => stratifiedNormal(0, rng(1))).toThrow(/invalid n/);
  });
});

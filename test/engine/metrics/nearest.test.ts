import {describe, expect, it} from "vitest";
import {nearestPoints} from "../../../engine/metrics/nearest.ts";
import {rng} from "../../../engine/random.ts";

describe("nearestPoints", () => {
  it("finds each query's nearest reference point and the mean distance (a hand example)", () => {
    const reference = Float64Array.from([0, 0, 3, 0, 0, 4]);
    const queries = Float64Array.from([0.1, 0, 2, 0, 0, 5, 3, 4]);
    const r = nearestPoints(queries, 4, reference, 3);
    expect([...r.index]).toEqual([0, 1, 2, 2]);
    expect(r.distance[0]).toBeCloseTo(0.1, 12);
    expect(r.distance[1]).toBeCloseTo(1, 12);
    expect(r.distance[2]).toBeCloseTo(1, 12);
    expect(r.distance[3]).toBeCloseTo(3, 12);
    expect(r.mean).toBeCloseTo((0.1 + 1 + 1 + 3) / 4, 12);
  });

  it("gives distance 0 to points that are reference points, and no closer point than the one it names", () => {
    const random = rng(4);
    const reference = Float64Array.from({length: 60}, () => random.normal());
    const r0 = nearestPoints(reference, 30, reference, 30);
    expect(r0.mean).toBe(0);
    const queries = Float64Array.from({length: 40}, () => random.normal());
    const r = nearestPoints(queries, 20, reference, 30);
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 30; j++) {
        const d = Math.hypot(queries[2 * i]! - reference[2 * j]!, queries[2 * i + 1]! - reference[2 * j + 1]!);
        expect(d).toBeGreaterThanOrEqual(r.distance[i]! - 1e-15);
      }
    }
  });

  it("refuses mismatched shapes and an empty reference, naming them; no queries give a NaN mean", () => {
    expect(() => nearestPoints(new Float64Array(3), 2, new Float64Array(2), 1)).toThrow(/invalid queries/);
    expect(() => nearestPoints(new Float64Array(2), 1, new Float64Array(0), 0)).toThrow(/invalid reference/);
    expect(nearestPoints(new Float64Array(0), 0, new Float64Array(2), 1).mean).toBeNaN();
  });
});

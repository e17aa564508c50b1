import {describe, expect, it} from "vitest";
import {constantSchedule, cosineSchedule} from "../../../engine/fast/schedule.ts";

describe("cosineSchedule", () => {
  it("warms up linearly, peaks, and decays by a half cosine to floor × peak", () => {
    const s = cosineSchedule({peak: 1, steps: 110, warmup: 10, floor: 0.1});
    expect(s(5)).toBeCloseTo(0.5, 12);
    expect(s(10)).toBeCloseTo(1, 12);
    expect(s(60)).toBeCloseTo(0.55, 12); // half way: the mean of peak and floor
    expect(s(110)).toBeCloseTo(0.1, 12);
    expect(s(500)).toBeCloseTo(0.1, 12);
    for (let k = 11; k < 110; k++) expect(s(k + 1)).toBeLessThanOrEqual(s(k));
  });

  it("rejects bad settings by name", () => {
    expect(() => cosineSchedule({peak: 0, steps: 10})).toThrow(/invalid peak/);
    expect(() => cosineSchedule({peak: 1, steps: 10, warmup: 10})).toThrow(/invalid warmup/);
    expect(() => constantSchedule(NaN)).toThrow(/invalid lr/);
  });
});

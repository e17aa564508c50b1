import {describe, expect, it} from "vitest";
import {mogPreset, mogPresetNames} from "../../../engine/data/mog-presets.ts";

describe("mogPresets", () => {
  it("keeps every mode inside [−4, 4]² with normalised weights", () => {
    for (const name of mogPresetNames) {
      const q = mogPreset(name);
      expect(q.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const m of q.means) expect(Math.abs(m)).toBeLessThanOrEqual(4);
    }
  });

  it("names the presets when one is unknown", () => {
    expect(() => mogPreset("nine")).toThrow(/unknown mixture preset: nine \(one of two-modes, eight-modes/);
  });
});

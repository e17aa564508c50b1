import {describe, expect, it} from "vitest";
import {pathByName, pathNames} from "../../../engine/paths/registry.ts";

describe("path registry", () => {
  it("builds every registered path under its own name, with t in [0, 1] at both ends of its range", () => {
    for (const name of pathNames) {
      const path = pathByName(name, 0.5);
      expect(path.name).toBe(name);
      expect(path.tMin).toBeGreaterThanOrEqual(0);
      expect(path.tMax).toBeLessThanOrEqual(1);
      for (const t of [path.tMin, 0.5, path.tMax]) {
        const c = path.coefficients(t);
        for (const v of Object.values(c)) expect(Number.isFinite(v), `${name} at t=${t}`).toBe(true);
      }
    }
  });

  it("names its paths in the error for an unknown one", () => {
    expect(() => pathByName("ddpm", 0)).toThrow(/unknown path: ddpm \(one of i-cfm, lipman/);
  });
});

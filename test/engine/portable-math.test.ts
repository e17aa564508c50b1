import {describe, expect, it} from "vitest";
import {portableLog, portableSinCos2Pi} from "../../engine/portable-math.ts";
import {rng} from "../../engine/random.ts";

describe("portableLog", () => {
  it("agrees with Math.log to a few ulp over many magnitudes, subnormals included", () => {
    const r = rng(11);
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = Math.exp((r.uniform() - 0.5) * 1400) * (1 + r.uniform());
      const exact = Math.log(x);
      const err = Math.abs(portableLog(x) - exact) / Math.max(Math.abs(exact), 1e-300);
      worst = Math.max(worst, exact === 0 ? Math.abs(portableLog(x)) : err);
    }
    for (const x of [5e-324, 1e-310, 1e-300, 0.5, 1, 2, Math.E, 1e300]) {
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(Math.log(x))));
    }
    expect(worst).toBeLessThan(1e-15);
    expect(portableLog(1)).toBe(0);
  });

  it("returns the limits outside its domain", () => {
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(NaN)).toBeNaN();
    expect(portableLog(Infinity)).toBe(Infinity);
  });
});

describe("portableSinCos2Pi", () => {
  it("agrees with Math.sin and Math.cos of 2πv to 1e-15, in every quadrant", () => {
    const r = rng(12);
    const out = new Float64Array(2);
    for (let i = 0; i < 20_000; i++) {
      const v = i < 8 ? i / 8 : r.uniform();
      portableSinCos2Pi(v, out);
      const [s, c] = out;
      expect(Math.abs(s! - Math.sin(2 * Math.PI * v))).toBeLessThan(1e-15);
      expect(Math.abs(c! - Math.cos(2 * Math.PI * v))).toBeLessThan(1e-15);
    }
  });
});

import {describe, expect, it} from "vitest";
import {densitySwirl} from "../../../engine/fm/density-swirl.ts";
import {marginalField, type Mixture} from "../../../engine/fm/marginal.ts";
import {iCfmPath, vpCfmPath} from "../../../engine/paths/cfm.ts";

const source: Mixture = {
  weights: new Float64Array([1]),
  means: new Float64Array([0, -4]),
  covs: new Float64Array([1, 0, 0, 1])
};
const target: Mixture = {
  weights: new Float64Array([0.5, 0.5]),
  means: new Float64Array([-10, 4, 10, 4]),
  covs: new Float64Array([1, 0, 0, 1, 1, 0, 0, 1])
};

/** ∂_t p_t + ∇·(p_t v_t) at (x, y, t) by central differences of the closed-form density, for a field v. */
function continuityResidual(
  field: ReturnType<typeof marginalField>,
  v: ReturnType<typeof densitySwirl>,
  x: number,
  y: number,
  t: number
) {
  const h = 1e-4;
  const p = (px: number, py: number, pt: number) => {
    const out = new Float64Array(1);
    field.logDensity(out, new Float64Array([px, py]), 1, pt);
    return Math.exp(out[0]!);
  };
  const flux = (px: number, py: number) => {
    const out = new Float64Array(2);
    v.velocity(out, new Float64Array([px, py]), 1, t);
    const d = p(px, py, t);
    return [d * out[0]!, d * out[1]!] as const;
  };
  const dt = (p(x, y, t + h) - p(x, y, t - h)) / (2 * h);
  const div = (flux(x + h, y)[0] - flux(x - h, y)[0] + flux(x, y + h)[1] - flux(x, y - h)[1]) / (2 * h);
  return {residual: dt + div, scale: Math.abs(dt) + Math.abs(div), density: p(x, y, t)};
}

describe("densitySwirl", () => {
  it("adds a field that changes the velocity but keeps the continuity equation of the same p_t", () => {
    for (const path of [iCfmPath(0), vpCfmPath(0)]) {
      const field = marginalField(path, source, target);
      const swirl = densitySwirl(field, 1.5);
      for (const [x, y, t] of [
        [-3, -1, 0.3],
        [2, 0.5, 0.5],
        [6, 3, 0.8]
      ] as const) {
        const plain = continuityResidual(field, densitySwirl(field, 0), x, y, t);
        const swirled = continuityResidual(field, swirl, x, y, t);
        expect(Math.abs(plain.residual)).toBeLessThan(1e-6 * plain.scale + 1e-9);
        expect(Math.abs(swirled.residual)).toBeLessThan(1e-6 * swirled.scale + 1e-9);
        const [a, b] = [new Float64Array(2), new Float64Array(2)];
        field.velocity(a, new Float64Array([x, y]), 1, t);
        swirl.velocity(b, new Float64Array([x, y]), 1, t);
        expect(Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!)).toBeGreaterThan(0.01);
      }
    }
  });

  it("turns the score by a quarter: the extra velocity is ω (−∂y log p, ∂x log p)", () => {
    const field = marginalField(iCfmPath(0), source, target);
    const x = new Float64Array([1, 2]);
    const [u, s, w] = [new Float64Array(2), new Float64Array(2), new Float64Array(2)];
    field.velocity(u, x, 1, 0.4);
    field.score(s, x, 1, 0.4);
    densitySwirl(field, 2).velocity(w, x, 1, 0.4);
    expect(w[0]).toBeCloseTo(u[0]! - 2 * s[1]!, 12);
    expect(w[1]).toBeCloseTo(u[1]! + 2 * s[0]!, 12);
    expect(() => densitySwirl(field, NaN)).toThrow(/invalid omega: NaN/);
  });
});

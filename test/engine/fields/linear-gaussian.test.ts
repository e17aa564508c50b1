import {describe, expect, it} from "vitest";
import {linearField} from "../../../engine/fields/linear.ts";
import {linearGaussianPath} from "../../../engine/fields/linear-gaussian.ts";
import type {Vec2} from "../../../engine/fields/mat2.ts";

const spiral = linearGaussianPath(
  linearField({a: [-0.5, -1, 1, -0.5], b: [0.3, -0.2]}),
  [1.5, 0.5],
  [0.6, 0.1, 0.1, 0.3]
);
const rotation = linearGaussianPath(linearField({a: [0, -1, 1, 0]}), [0, 0], [1, 0, 0, 0.25]);
const points: Vec2[] = [
  [1.2, 0.4],
  [-0.3, 0.8],
  [0.9, -1.1]
];

describe("linearGaussianPath", () => {
  it("its partial derivative in t equals a central difference of the exact density at a fixed point", () => {
    const h = 1e-5;
    for (const path of [spiral, rotation]) {
      for (const y of points) {
        for (const t of [0, 0.37, 0.9]) {
          const fd = (path.density(y, t + h) - path.density(y, t - h)) / (2 * h);
          expect(path.partialT(y, t)).toBeCloseTo(fd, 8);
        }
      }
    }
  });

  it("its gradient equals central differences in x", () => {
    const h = 1e-6;
    for (const y of points) {
      const g = spiral.gradient(y, 0.5);
      const gx = (spiral.density([y[0] + h, y[1]], 0.5) - spiral.density([y[0] - h, y[1]], 0.5)) / (2 * h);
      const gy = (spiral.density([y[0], y[1] + h], 0.5) - spiral.density([y[0], y[1] - h], 0.5)) / (2 * h);
      expect(g[0]).toBeCloseTo(gx, 8);
      expect(g[1]).toBeCloseTo(gy, 8);
    }
  });

  it("satisfies the continuity equation ∂_t p = −(u·∇p + p ∇·u) at fixed points", () => {
    for (const y of points) {
      for (const t of [0.1, 0.6]) {
        const u = spiral.velocity(y);
        const g = spiral.gradient(y, t);
        const rhs = -(u[0] * g[0] + u[1] * g[1] + spiral.density(y, t) * spiral.divergence);
        expect(spiral.partialT(y, t)).toBeCloseTo(rhs, 12);
      }
    }
  });

  it("along a trajectory: d/dt log p(x_t, t) = −tr A (a difference quotient of the exact density)", () => {
    const h = 1e-5;
    const x0: Vec2 = [0.7, -0.4];
    for (const path of [spiral, rotation]) {
      const along = (t: number) => path.logDensity(path.position(x0, t), t);
      for (const t of [0.2, 0.8]) {
        expect((along(t + h) - along(t - h)) / (2 * h)).toBeCloseTo(-path.divergence, 8);
      }
    }
    expect(rotation.divergence).toBe(0);
  });

  it("rejects a covariance that is not positive definite", () => {
    expect(() => linearGaussianPath(linearField(), [0, 0], [1, 0, 0, 0])).toThrow(/singular initial covariance/);
    expect(() => linearGaussianPath(linearField(), [0, 0], [1, 2, 0, 1])).toThrow(/invalid initial covariance/);
  });
});

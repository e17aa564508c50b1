import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {curveEntropy, curveLogDensity, type NoisyCurve} from "../../../engine/data/curve-density.ts";
import {moonsCurve, swissRollCurve} from "../../../engine/data/sklearn-curves.ts";

describe("noisy curve densities", () => {
  it("match a brute-force mixture of 2·20 000 Gaussians at midpoint angles to 1e-6 (moons, noise 0.1)", () => {
    const logp = curveLogDensity(moonsCurve(0.1));
    const pts = Float64Array.from([0, 0, 0.5, 0.25, 1, 0, -1.2, 0.1, 2, 0.6, 0.3, 0.9, 2.5, -1]);
    const n = pts.length / 2;
    const out = logp(new Float64Array(n), pts, n);
    const m = 20_000;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = 0; k < m; k++) {
        const t = (Math.PI * (k + 0.5)) / m;
        for (const [cx, cy] of [
          [Math.cos(t), Math.sin(t)],
          [1 - Math.cos(t), 0.5 - Math.sin(t)]
        ]) {
          sum += Math.exp(-((pts[2 * i]! - cx!) ** 2 + (pts[2 * i + 1]! - cy!) ** 2) / 0.02);
        }
      }
      assertInDelta(out[i]!, Math.log(sum / (2 * m) / (2 * Math.PI * 0.01)), 1e-6, `log p at point ${i}`);
    }
  });

  it("integrate to 1 on a grid, and stay finite far from the curve", () => {
    const logp = curveLogDensity(moonsCurve(0.1));
    const h = 0.05;
    const [nx, ny] = [100, 70]; // [−2, 3] × [−1.5, 2]
    const pts = new Float64Array(2 * nx * ny);
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) pts.set([-2 + (i + 0.5) * h, -1.5 + (j + 0.5) * h], 2 * (i * ny + j));
    }
    const out = logp(new Float64Array(nx * ny), pts, nx * ny);
    assertInDelta(
      out.reduce((s, v) => s + Math.exp(v) * h * h, 0),
      1,
      1e-9,
      "∫ p"
    );
    const far = logp(new Float64Array(1), Float64Array.from([40, -30]), 1)[0]!;
    expect(Number.isFinite(far) && far < -1e5).toBe(true);
  });

  it("obey the scaling law H(aX) = H(X) + 2 ln a (the swiss roll at scales 1/5 and 2/5)", () => {
    const h1 = curveEntropy(swissRollCurve(1, 1 / 5), 0.5);
    const h2 = curveEntropy(swissRollCurve(1, 2 / 5), 0.5);
    assertInDelta(h2 - h1, 2 * Math.log(2), 1e-6, "H(2X) − H(X)");
  });

  it("reject bad curves and steps", () => {
    const bad: NoisyCurve = {noise: 0, pieces: moonsCurve(0.1).pieces};
    expect(() => curveLogDensity(bad)).toThrow(/invalid noise: 0/);
    expect(() => curveLogDensity({noise: 0.1, pieces: []})).toThrow(/invalid curve: no pieces/);
    expect(() => curveEntropy(moonsCurve(0.1), 2)).toThrow(/invalid step: 2/);
  });
});

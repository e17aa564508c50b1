import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {composite, gaussHermite, gaussLegendre} from "../../../engine/data/quadrature.ts";

describe("quadrature rules", () => {
  it("gaussLegendre(n) integrates x^k over [−1, 1] exactly up to k = 2n − 1", () => {
    for (const n of [1, 2, 5, 8, 20]) {
      const {x, w} = gaussLegendre(n);
      for (let k = 0; k <= 2 * n - 1; k++) {
        const sum = x.reduce((s, xi, i) => s + w[i]! * xi ** k, 0);
        assertInDelta(sum, k % 2 === 0 ? 2 / (k + 1) : 0, 1e-13, `n=${n} k=${k}`);
      }
    }
  });

  it("gaussHermite(n) gives E Z^k of the standard normal ((k − 1)!! for even k) up to k = 2n − 1", () => {
    for (const n of [1, 3, 10, 24, 40]) {
      const {x, w} = gaussHermite(n);
      for (let k = 0; k <= Math.min(2 * n - 1, 12); k++) {
        const sum = x.reduce((s, xi, i) => s + w[i]! * xi ** k, 0);
        let moment = k % 2 === 0 ? 1 : 0;
        for (let j = k - 1; j > 0 && k % 2 === 0; j -= 2) moment *= j;
        assertInDelta(sum, moment, 1e-11 * Math.max(1, moment), `n=${n} k=${k}`);
      }
    }
  });

  it("composite(rule, a, b, panels) integrates a smooth function on [a, b] and rejects bad panels", () => {
    const {x, w} = composite(gaussLegendre(8), 0, Math.PI, 16);
    let midpoint = 0; // 2·10⁵ intervals: error about 2e-11
    for (let k = 0; k < 2e5; k++) midpoint += (Math.PI / 2e5) * Math.exp(Math.sin((Math.PI * (k + 0.5)) / 2e5));
    assertInDelta(
      x.reduce((s, xi, i) => s + w[i]! * Math.exp(Math.sin(xi)), 0),
      midpoint,
      1e-10,
      "∫ e^{sin x}"
    );
    expect(() => composite(gaussLegendre(2), 0, 1, 0)).toThrow(/invalid panels: 0/);
    expect(() => gaussHermite(0)).toThrow(/invalid n: 0/);
  });
});

import {describe, expect, it} from "vitest";
import {divergenceFn, drawProbes} from "../../../engine/cnf/divergence.ts";
import type {VelocityField} from "../../../engine/fields/field.ts";
import {linearField} from "../../../engine/fields/linear.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

/** u = (y sin x, x y²): div = y cos x + 2xy. No `divergence` method, so callers must approximate. */
const bumpy: VelocityField = {
  dim: 2,
  velocity(out, x, n) {
    for (let i = 0; i < 2 * n; i += 2) {
      out[i] = x[i + 1]! * Math.sin(x[i]!);
      out[i + 1] = x[i]! * x[i + 1]! ** 2;
    }
  }
};

function moments(values: Float64Array): {mean: number; variance: number} {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return {mean, variance};
}

describe("divergenceFn", () => {
  it("divergenceFn(field without divergence) takes the trace of a central-difference Jacobian (error < 1e-8)", () => {
    const x = new Float64Array([0.3, -1.2, 2.5, 0.7, -4, 3]);
    const out = new Float64Array(3);
    divergenceFn(bumpy, 3)(out, x, 3, 0);
    const exact = [0, 1, 2].map((i) => x[2 * i + 1]! * Math.cos(x[2 * i]!) + 2 * x[2 * i]! * x[2 * i + 1]!);
    assertAllClose(out, exact, {atol: 1e-8, rtol: 1e-9});
  });

  it("Hutchinson is unbiased with variance (J12 + J21)² for Rademacher and 2J11² + 2J22² + (J12 + J21)² for Gaussian", () => {
    const [j11, j12, j21, j22] = [0.5, 1.5, -0.3, -1.1];
    const field = linearField({a: [j11, j12, j21, j22]});
    const n = 40000;
    const x = new Float64Array(2 * n);
    const variances = {rademacher: (j12 + j21) ** 2, gaussian: 2 * j11 ** 2 + 2 * j22 ** 2 + (j12 + j21) ** 2};
    for (const probe of ["rademacher", "gaussian"] as const) {
      const out = new Float64Array(n);
      divergenceFn(field, n, {method: "hutchinson", probe, rng: rng(3)})(out, x, n, 0);
      const {mean, variance} = moments(out);
      assertInDelta(mean, j11 + j22, 4 * Math.sqrt(variances[probe] / n), `${probe} mean`);
      assertInDelta(variance / variances[probe], 1, 0.05, `${probe} variance ratio`);
    }
  });

  it("Hutchinson keeps its probes for the whole solve and falls back to finite-difference JVPs", () => {
    const n = 5;
    const x = rng(1).fillNormal(new Float64Array(2 * n)) as Float64Array;
    const div = divergenceFn(bumpy, n, {method: "hutchinson", probe: "gaussian", rng: rng(9)});
    const first = new Float64Array(n);
    const second = new Float64Array(n);
    div(first, x, n, 0);
    div(second, x, n, 0.5);
    expect(Array.from(second)).toEqual(Array.from(first));
    const eps = drawProbes(n, 2, "gaussian", rng(9));
    for (let i = 0; i < n; i++) {
      const [a, b] = [x[2 * i]!, x[2 * i + 1]!];
      const [e0, e1] = [eps[2 * i]!, eps[2 * i + 1]!];
      // J = [[b cos a, sin a], [b², 2ab]]
      const exact = e0 * (b * Math.cos(a) * e0 + Math.sin(a) * e1) + e1 * (b * b * e0 + 2 * a * b * e1);
      assertInDelta(first[i]!, exact, 1e-8);
    }
  });

  it("divergenceFn() needs an rng for Hutchinson and rejects unknown methods", () => {
    expect(() => divergenceFn(bumpy, 1, {method: "hutchinson"})).toThrow(/^missing rng/);
    // @ts-expect-error an unknown method
    expect(() => divergenceFn(bumpy, 1, {method: "jacobi"})).toThrow("invalid divergence method: jacobi");
  });
});

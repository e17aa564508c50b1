import {describe, expect, it} from "vitest";
import {lipmanPath} from "../../../engine/paths/cfm.ts";
import type {ProbabilityPath} from "../../../engine/paths/path.ts";
import {cosinePath, logSnr, polynomialPath} from "../../../engine/paths/schedules.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";

const schedules: ProbabilityPath[] = [cosinePath(), polynomialPath(1), polynomialPath(2), polynomialPath(3.5)];

describe("cosine and polynomial schedules", () => {
  for (const path of schedules) {
    it(`${path.name} σ(½)=${path.std(0.5).toPrecision(3)}: boundary conditions α₀ = 0, σ₀ = 1, α₁ = 1, σ₁ = 0`, () => {
      const [start, end] = [path.coefficients(0), path.coefficients(1)];
      expect(start.b).toBe(0);
      expect(start.s).toBe(1);
      expect(end.b).toBeCloseTo(1, 12);
      expect(end.s).toBeCloseTo(0, 12);
      expect(path.oneSided).toBe(true);
    });

    it(`${path.name} σ(½)=${path.std(0.5).toPrecision(3)}: α̇ and σ̇/σ are the central differences of α and σ`, () => {
      const h = 1e-6;
      for (const t of [0.05, 0.3, 0.5, 0.77, 0.95]) {
        const c = path.coefficients(t);
        const [p, m] = [path.coefficients(t + h), path.coefficients(t - h)];
        assertAllClose([c.db], [(p.b - m.b) / (2 * h)], {rtol: 1e-6, atol: 1e-8});
        assertAllClose([c.dlogs * c.s], [(p.s - m.s) / (2 * h)], {rtol: 1e-6, atol: 1e-8});
      }
    });

    it(`${path.name} σ(½)=${path.std(0.5).toPrecision(3)}: the log-SNR increases with t`, () => {
      let previous = -Infinity;
      for (let k = 1; k < 100; k++) {
        const lambda = logSnr(path, k / 100);
        expect(lambda).toBeGreaterThan(previous);
        previous = lambda;
      }
    });
  }

  it("polynomial n = 1 is CondOT (Lipman with σ_min = 0): same samples and velocities", () => {
    const n = 20;
    const r = rng(5);
    const x1 = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
    const eps = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
    const t = new Float64Array(n).map(() => 0.9 * r.uniform());
    const [a, b] = [polynomialPath(1), lipmanPath(0)];
    const [xa, xb, ua, ub] = [0, 1, 2, 3].map(() => new Float64Array(2 * n)) as Float64Array[];
    a.sample(xa!, x1, x1, t, eps, n);
    b.sample(xb!, x1, x1, t, eps, n);
    a.velocity(ua!, x1, x1, t, xa!, n);
    b.velocity(ub!, x1, x1, t, xb!, n);
    assertAllClose(xa!, xb!, {rtol: 1e-12, atol: 1e-12});
    assertAllClose(ua!, ub!, {rtol: 1e-12, atol: 1e-12});
  });

  it("a degree ≤ 0 is a RangeError naming the degree", () => {
    expect(() => polynomialPath(0)).toThrow(/invalid polynomial degree/);
  });
});

import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {w2, w2Squared} from "../../../engine/metrics/w2.ts";
import {rng} from "../../../engine/random.ts";

describe("w2", () => {
  it("is 0 between a sample and its own permutation, and |v| under a translation by v", () => {
    const r = rng(1);
    const n = 200;
    const x = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
    const perm = r.permutation(n);
    const y = new Float64Array(2 * n);
    const z = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      y[2 * i] = x[2 * perm[i]!]!;
      y[2 * i + 1] = x[2 * perm[i]! + 1]!;
      z[2 * i] = y[2 * i]! + 3;
      z[2 * i + 1] = y[2 * i + 1]! - 4;
    }
    expect(w2(x, y, n)).toBe(0);
    assertInDelta(w2(x, z, n), 5, 1e-12, "W2 under translation");
  });

  it("equals the sorted coupling in 1D", () => {
    const r = rng(2);
    const n = 150;
    const x = r.fillNormal(new Float64Array(n)) as Float64Array;
    const y = r.fillUniform(new Float64Array(n), 0, 3) as Float64Array;
    const xs = Array.from(x).sort((a, b) => a - b);
    const ys = Array.from(y).sort((a, b) => a - b);
    const sorted = xs.reduce((s, v, k) => s + (v - ys[k]!) ** 2, 0) / n;
    assertInDelta(w2Squared(x, y, n, 1), sorted, 1e-12, "W2² in 1D");
  });

  it("converges to the Gaussian closed form W2²(N(0,I), N((2,−1), diag(0.25, 4))) = 6.25", () => {
    // engine-reference (d)2: |Δμ|² = 5 plus (1 − 0.5)² + (1 − 2)² = 1.25. Average over seeds to tame sampling noise.
    const estimate = (n: number, reps: number) => {
      let s = 0;
      for (let rep = 0; rep < reps; rep++) {
        const r = rng(1000 * n + rep);
        const x = new Float64Array(2 * n);
        const y = new Float64Array(2 * n);
        for (let i = 0; i < n; i++) {
          x[2 * i] = r.normal();
          x[2 * i + 1] = r.normal();
          y[2 * i] = 2 + 0.5 * r.normal();
          y[2 * i + 1] = -1 + 2 * r.normal();
        }
        s += w2Squared(x, y, n) / reps;
      }
      return s;
    };
    // Measured: 7.43 ± 0.23 at n = 16 (the finite-sample upward bias), 6.23 ± 0.10 at n = 400 (16 seeds).
    const small = estimate(16, 60);
    const large = estimate(400, 16);
    expect(small - 6.25).toBeGreaterThan(0.5);
    assertInDelta(large, 6.25, 0.3, "W2² at n = 400");
  }, 20000);

  it("rejects mismatched shapes", () => {
    expect(() => w2(new Float64Array(4), new Float64Array(6), 2)).toThrow(/shape mismatch/);
    expect(() => w2(new Float64Array(0), new Float64Array(0), 0)).toThrow(/invalid n: 0/);
  });
});

import {describe, expect, it} from "vitest";
import {iCfmPath, lipmanPath, sbPath, vpCfmPath} from "../../../engine/paths/cfm.ts";
import type {ProbabilityPath} from "../../../engine/paths/path.ts";
import {assertAllClose} from "../../assert.ts";

// Fixed inputs (TorchCFM test_fm style): four 2D points with their own times, including both ends.
const n = 4;
const x0 = Float64Array.from([0.3, -1.2, 2.0, 0.5, -0.7, 0.1, 1.1, 1.4]);
const x1 = Float64Array.from([1.5, 0.4, -0.3, 2.2, 0.9, -1.8, 0.0, 0.6]);
const eps = Float64Array.from([0.25, -0.6, 1.3, 0.05, -1.1, 0.8, 0.4, -0.2]);
const t = Float64Array.from([0.37, 0.0, 0.81, 1.0]);

type Formula = (x0: number, x1: number, t: number, e: number) => {xt: number; ut: number};

/** engine-reference §1.1, written out per coordinate. */
const torchcfm: Record<string, (sigma: number) => Formula> = {
  "i-cfm": (s) => (a, b, tt, e) => ({xt: tt * b + (1 - tt) * a + s * e, ut: b - a}),
  lipman: (s) => (_a, b, tt, e) => {
    const xt = tt * b + (1 - (1 - s) * tt) * e;
    return {xt, ut: (b - (1 - s) * xt) / (1 - (1 - s) * tt)};
  },
  vp: (s) => (a, b, tt, e) => {
    const xt = Math.cos((Math.PI * tt) / 2) * a + Math.sin((Math.PI * tt) / 2) * b + s * e;
    return {xt, ut: (Math.PI / 2) * (Math.cos((Math.PI * tt) / 2) * b - Math.sin((Math.PI * tt) / 2) * a)};
  },
  sb: (s) => (a, b, tt, e) => {
    const mu = tt * b + (1 - tt) * a;
    const xt = mu + s * Math.sqrt(tt * (1 - tt)) * e;
    return {xt, ut: ((1 - 2 * tt) / (2 * tt * (1 - tt) + 1e-8)) * (xt - mu) + b - a};
  }
};

const make: Record<string, (sigma: number) => ProbabilityPath> = {
  "i-cfm": iCfmPath,
  lipman: lipmanPath,
  vp: vpCfmPath,
  sb: sbPath
};

function expected(formula: Formula, tt: Float64Array) {
  const xt = new Float64Array(2 * n);
  const ut = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k++) {
    const r = formula(x0[k]!, x1[k]!, tt[k >> 1]!, eps[k]!);
    xt[k] = r.xt;
    ut[k] = r.ut;
  }
  return {xt, ut};
}

describe("TorchCFM conditional paths", () => {
  for (const name of Object.keys(make)) {
    for (const sigma of [0, 5e-4, 0.5, 1.5]) {
      if (name === "sb" && sigma === 0) continue;
      // Lipman with σ_min = 0 divides by zero at t = 1, like TorchCFM; test it inside its training range.
      const tt = name === "lipman" && sigma === 0 ? t.map((v) => Math.min(v, 0.999)) : t;
      it(`${name} σ=${sigma}: x_t and u_t match the formulas`, () => {
        const path = make[name]!(sigma);
        const want = expected(torchcfm[name]!(sigma), tt);
        const xt = new Float64Array(2 * n);
        const ut = new Float64Array(2 * n);
        path.sample(xt, x0, x1, tt, eps, n);
        path.velocity(ut, x0, x1, tt, xt, n);
        assertAllClose(xt, want.xt, {rtol: 1e-12, atol: 1e-14});
        assertAllClose(ut, want.ut, {rtol: 1e-9, atol: 1e-12});
        const mean = new Float64Array(2 * n);
        path.mean(mean, x0, x1, tt, n);
        for (let k = 0; k < 2 * n; k++) expect(mean[k]! + path.std(tt[k >> 1]!) * eps[k]!).toBeCloseTo(xt[k]!, 12);
      });
    }
  }

  it("1-D batches (d = 1, one coordinate per row) follow the same formulas (engine-reference (d)1 shapes)", () => {
    const m = 8;
    const tt = Float64Array.from([0.1, 0.37, 0.5, 0.63, 0.81, 0.9, 0.25, 0.999]);
    for (const name of Object.keys(make)) {
      const path = make[name]!(0.5);
      const formula = torchcfm[name]!(0.5);
      const xt = new Float64Array(m);
      const ut = new Float64Array(m);
      path.sample(xt, x0, x1, tt, eps, m);
      path.velocity(ut, x0, x1, tt, xt, m);
      for (let k = 0; k < m; k++) {
        const want = formula(x0[k]!, x1[k]!, tt[k]!, eps[k]!);
        expect(xt[k], `${name} x_t[${k}]`).toBeCloseTo(want.xt, 12);
        expect(ut[k], `${name} u_t[${k}]`).toBeCloseTo(want.ut, 9);
      }
    }
  });

  it("sb rejects sigma <= 0 and non-finite sigma", () => {
    expect(() => sbPath(0)).toThrow("invalid sigma: 0");
    expect(() => sbPath(-1)).toThrow(RangeError);
    expect(() => sbPath(NaN)).toThrow(RangeError);
    expect(() => iCfmPath(-0.1)).toThrow("invalid sigma: -0.1");
  });

  it("lipman ignores x0 (one-sided) and honours an explicit t", () => {
    const path = lipmanPath(0.1);
    const a = new Float64Array(2 * n);
    const b = new Float64Array(2 * n);
    path.sample(a, x0, x1, t, eps, n);
    path.sample(
      b,
      x0.map((v) => v + 100),
      x1,
      t,
      eps,
      n
    );
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(path.oneSided).toBe(true);
    // t = 0 is pure noise, t = 1 is x1 + σ_min ε.
    expect(a[2]).toBeCloseTo(eps[2]!, 15);
    expect(a[6]).toBeCloseTo(x1[6]! + 0.1 * eps[6]!, 14);
  });

  it("rejects mismatched shapes", () => {
    expect(() => iCfmPath().sample(new Float64Array(8), x0.subarray(0, 6), x1, t, eps, n)).toThrow("shape mismatch");
    expect(() => iCfmPath().sample(new Float64Array(7), x0, x1, t, eps, n)).toThrow("shape mismatch");
  });
});

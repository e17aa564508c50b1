import {describe, expect, it} from "vitest";
import {dopri5} from "../../../engine/ode/dopri5.ts";
import type {Deriv} from "../../../engine/ode/stepper.ts";
import {golden, goldenExact} from "./golden.ts";

describe("dopri5", () => {
  it("dopri5() matches scipy RK45's evaluation counts 20 / 44 / 80 (±2) and its errors 4.7e-4 / 1.0e-5 / 1.3e-7", () => {
    // engine-reference (d)5: scipy's global error sits just above the local tolerance at 1e-7, so allow 1.5×.
    const expected = [
      {tol: 1e-3, nfe: 20, error: 4.7e-4},
      {tol: 1e-5, nfe: 44, error: 1.0e-5},
      {tol: 1e-7, nfe: 80, error: 1.3e-7}
    ];
    for (const {tol, nfe, error} of expected) {
      const r = dopri5({rtol: tol, atol: tol}).solve(golden, new Float64Array([1]), 0, 2);
      expect(Math.abs(r.nfe - nfe), `nfe ${r.nfe} at tol ${tol}`).toBeLessThanOrEqual(2);
      expect(r.nfe).toBe(2 + 6 * (r.steps + r.rejected)); // FSAL: 6 per attempt after the 2 of the first step
      expect(Math.abs(r.y[0]! - goldenExact)).toBeLessThan(1.5 * tol);
      expect(Math.abs(r.y[0]! - goldenExact) / error).toBeCloseTo(1, 1);
    }
  });

  it("dopri5() integrates backward in time (t1 < t0) to the same accuracy", () => {
    const r = dopri5({rtol: 1e-7, atol: 1e-7}).solve(golden, new Float64Array([goldenExact]), 2, 0);
    expect(Math.abs(r.y[0]! - 1)).toBeLessThan(1e-7);
  });

  it("dopri5()'s dense output is 4th order: the local interpolation error falls as h^5", () => {
    const errors = [0.2, 0.1].map((h) => {
      let error = NaN;
      const loose = dopri5({rtol: 1e9, atol: 1e9, firstStep: h});
      loose.solve(golden, new Float64Array([1]), 0, h, (_t, _tn, _y, _yn, interpolate) => {
        const out = new Float64Array(1);
        interpolate(out, 0.37 * h);
        error = Math.abs(out[0]! - Math.exp(Math.sin(0.37 * h)));
      });
      return error;
    });
    expect(Math.log2(errors[0]! / errors[1]!)).toBeGreaterThan(4.7);
  });

  it("dopri5() stops a stiff field (y' = -1e6 (y - cos t)) with `too many steps`, fast", () => {
    const stiff: Deriv = (out, y, t) => {
      out[0] = -1e6 * (y[0]! - Math.cos(t));
    };
    const start = performance.now();
    expect(() => dopri5({rtol: 1e-6, atol: 1e-6}).solve(stiff, new Float64Array([0]), 0, 1)).toThrow(
      /^too many steps: 10000 attempted by t=/
    );
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("dopri5() stops an exploding field (y' = y², blow-up at t = 1) with `step size underflow`, fast", () => {
    const explode: Deriv = (out, y) => {
      out[0] = y[0]! * y[0]!;
    };
    const start = performance.now();
    expect(() => dopri5().solve(explode, new Float64Array([1]), 0, 2)).toThrow(
      /^step size underflow at t=(0\.99\d*|1) \(stiff or exploding field\)$/
    );
    expect(() => dopri5({minStep: 1e-6}).solve(explode, new Float64Array([1]), 0, 2)).toThrow(/step size underflow/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("dopri5() rejects a non-finite start and invalid tolerances", () => {
    expect(() => dopri5().solve(golden, new Float64Array([NaN]), 0, 1)).toThrow("non-finite state at t=0");
    expect(() => dopri5({rtol: -1})).toThrow(RangeError);
    expect(() => dopri5({rtol: 0, atol: 0})).toThrow("invalid tolerances: rtol 0, atol 0");
  });

  it("dopri5() shares one step size over the whole state (a batch takes the steps of its hardest member)", () => {
    const scaled =
      (rate: number): Deriv =>
      (out, y, t) => {
        out[0] = rate * y[0]! * Math.cos(rate * t);
      };
    const both: Deriv = (out, y, t) => {
      out[0] = y[0]! * Math.cos(t);
      out[1] = 4 * y[1]! * Math.cos(4 * t);
    };
    const easy = dopri5().solve(scaled(1), new Float64Array([1]), 0, 2);
    const hard = dopri5().solve(scaled(4), new Float64Array([1]), 0, 2);
    const batch = dopri5().solve(both, new Float64Array([1, 1]), 0, 2);
    expect(hard.nfe).toBeGreaterThan(easy.nfe);
    // The RMS norm averages over the state, so the batch needs about as many steps as the hard member alone…
    expect(batch.nfe).toBeGreaterThan(0.8 * hard.nfe);
    // …and the easy member, riding those small steps, comes out more accurate than when solved alone.
    expect(Math.abs(batch.y[0]! - goldenExact)).toBeLessThan(0.1 * Math.abs(easy.y[0]! - goldenExact));
  });
});

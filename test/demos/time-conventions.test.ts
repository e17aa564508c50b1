import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {standardNormal} from "../../engine/data/registry.ts";
import {gaussianMixture} from "../../engine/data/gaussian-mixture.ts";
import {marginalField} from "../../engine/fm/marginal.ts";
import {dopri5} from "../../engine/ode/dopri5.ts";
import {integrate} from "../../engine/ode/integrate.ts";
import {
  axes,
  computeFrame,
  conventionNames,
  DDPM_STEPS,
  FFJORD_T,
  pathOf,
  readout,
  timeConventions
} from "../../demos/time-conventions.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

describe("time-conventions", () => {
  it("maps our t to each source's time: s = 1 − t, k = 1000(1 − t), t_code = T(1 − t); noise and data at the right ends", () => {
    for (const t of [0, 0.25, 0.9]) {
      expect(axes.ours.of(t)).toBe(t);
      assertInDelta(axes.sd3.of(t), 1 - t, 1e-15);
      assertInDelta(axes.openpi.of(t), 1 - t, 1e-15);
      assertInDelta(axes.ddpm.of(t), DDPM_STEPS * (1 - t), 1e-12);
      assertInDelta(axes["ffjord-code"].of(t), FFJORD_T * (1 - t), 1e-15);
    }
    for (const c of conventionNames) {
      expect(axes[c].of(0)).toBeCloseTo(axes[c].noise, 12);
      expect(axes[c].of(1)).toBeCloseTo(axes[c].data, 12);
      // rate = d(their time)/dt, by a finite difference
      assertInDelta(axes[c].rate, (axes[c].of(0.6) - axes[c].of(0.4)) / 0.2, 1e-9, c);
    }
  });

  it("the drawn trajectories solve dx/dt = u_t(x) of the closed-form field (against dopri5 at 1e-9)", () => {
    for (const c of ["ours", "ddpm"] as const) {
      const f = computeFrame(c);
      const field = marginalField(
        pathOf(c),
        standardNormal,
        gaussianMixture({
          means: [
            [-1.5, 0],
            [1.5, 0]
          ],
          cov: 0.09
        })
      );
      const n = f.x[0]!.length;
      const y0 = new Float64Array(2 * n);
      f.x[0]!.forEach((x, i) => (y0[2 * i] = x));
      const tEnd = f.times[f.times.length - 1]!;
      const exact = integrate((out, y, t) => field.velocity(out, y, n, t), y0, {
        t1: tEnd,
        solver: dopri5({rtol: 1e-9, atol: 1e-9})
      }).y;
      for (let i = 0; i < n; i++) assertInDelta(f.x[f.x.length - 1]![i]!, exact[2 * i]!, 1e-4, `${c} particle ${i}`);
      // the particles end near the two modes ±1.5
      for (const x of f.x[f.x.length - 1]!) expect(Math.abs(Math.abs(x) - 1.5)).toBeLessThan(0.9);
    }
  });

  it("in a reversed time the velocity flips sign: dx/ds along the drawn curve equals −u (SD3: v = −u)", () => {
    const f = computeFrame("sd3");
    const k = 50;
    const [t0, t1] = [f.times[k - 1]!, f.times[k + 1]!];
    const dxdt = (f.x[k + 1]![3]! - f.x[k - 1]![3]!) / (t1 - t0);
    const dxds = (f.x[k + 1]![3]! - f.x[k - 1]![3]!) / (axes.sd3.of(t1) - axes.sd3.of(t0));
    assertInDelta(dxds, -dxdt, 1e-12);
    expect(readout(f, {convention: "sd3", t: 0.5})).toContain("velocity: dx/ds = −u");
  });

  it("DDPM: ᾱ_k = α_t² of the VP path matches the discrete product ∏(1 − β_i), β linear from 1e-4 to 0.02", () => {
    const vp = pathOf("ddpm");
    for (const k of [100, 400, 700]) {
      let prod = 1;
      for (let i = 1; i <= k; i++) prod *= 1 - (1e-4 + ((0.02 - 1e-4) * (i - 1)) / (DDPM_STEPS - 1));
      const t = 1 - k / DDPM_STEPS;
      const alpha2 = vp.coefficients(t).b ** 2;
      assertInDelta(alpha2, prod, 0.01 * prod + 1e-4, `k=${k}`);
    }
    const f = computeFrame("ddpm");
    const line = readout(f, {convention: "ddpm", t: 0.3})[1]!;
    expect(line).toBe(`ᾱ_k = αₜ² = ${(vp.coefficients(0.3).b ** 2).toFixed(3)}`);
  });

  it("renders the same SVG for the same state", () => {
    const state = defaults(timeConventions.state);
    const svg = timeConventions.render(timeConventions.snapshot!({}, state), {}, state);
    expect(svg.textContent).toContain("t = 0.60");
    expectSvgSnapshot("time-conventions", svg);
  });
});

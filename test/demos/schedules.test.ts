import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {resolveOptions} from "../../demos/runtime/options.ts";
import {PAIR, scheduleAt, scheduleOf, schedules, type SchedulesOptions} from "../../demos/schedules.ts";
import {assertAllClose} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = (o: Partial<SchedulesOptions> = {}): SchedulesOptions => ({...defaults(schedules.options), ...o});

/** The §8.9 table written out independently: α_t, σ_t, α̇_t, σ̇_t of each schedule. */
function table(o: SchedulesOptions, t: number): [number, number, number, number] {
  const h = Math.PI / 2;
  switch (o.schedule) {
    case "condot":
      return [t, 1 - t, 1, -1];
    case "lipman":
      return [t, 1 - (1 - o.sigmaMin) * t, 1, -(1 - o.sigmaMin)];
    case "cosine":
      return [Math.sin(h * t), Math.cos(h * t), h * Math.cos(h * t), -h * Math.sin(h * t)];
    case "polynomial": {
      const n = o.degree;
      return [t ** n, 1 - t ** n, n * t ** (n - 1), -n * t ** (n - 1)];
    }
    case "vp": {
      const s = 1 - t;
      const beta = 0.1 + s * (o.betaMax - 0.1);
      const a = Math.exp(-0.5 * (0.1 * s + 0.5 * (o.betaMax - 0.1) * s * s));
      const sigma = Math.sqrt(1 - a * a);
      const da = 0.5 * beta * a;
      return [a, sigma, da, (-a * da) / sigma];
    }
    case "ve": {
      const sigma = 0.01 * (o.sigmaMax / 0.01) ** (1 - t);
      return [1, sigma, 0, -Math.log(o.sigmaMax / 0.01) * sigma];
    }
  }
}

const cases: Partial<SchedulesOptions>[] = [
  {schedule: "condot"},
  {schedule: "lipman", sigmaMin: 0.2},
  {schedule: "cosine"},
  {schedule: "polynomial", degree: 3},
  {schedule: "vp", betaMax: 20},
  {schedule: "vp", betaMax: 8},
  {schedule: "ve", sigmaMax: 7}
];

describe("schedules", () => {
  for (const c of cases) {
    const o = options(c);
    it(`${JSON.stringify(c)}: α, σ, x_t and the velocity α̇x₁ + σ̇x₀ equal the §8.9 table`, () => {
      const path = scheduleOf(o);
      for (const t of [0.1, 0.35, 0.6, 0.9]) {
        const at = scheduleAt(path, t);
        const [a, s, da, ds] = table(o, t);
        assertAllClose([at.alpha, at.sigma, at.dAlpha, at.dSigma], [a, s, da, ds], {rtol: 1e-10, atol: 1e-12});
        const x = [0, 1].map((k) => a * PAIR.x1[k]! + s * PAIR.x0[k]!);
        const u = [0, 1].map((k) => da * PAIR.x1[k]! + ds * PAIR.x0[k]!);
        assertAllClose(at.x, x, {rtol: 1e-10, atol: 1e-12});
        assertAllClose(at.u, u, {rtol: 1e-10, atol: 1e-12});
        expect(at.lambda).toBeCloseTo(Math.log((a * a) / (s * s)), 9);
      }
    });
  }

  it("the frame's curves meet the boundary conditions: x_0 = x₀ (exact schedules) and x_1 = x₁", () => {
    for (const schedule of ["condot", "cosine", "polynomial"] as const) {
      const f = schedules.snapshot!(options({schedule}), defaults(schedules.state));
      assertAllClose(f.path.subarray(0, 2), PAIR.x0, {rtol: 1e-12, atol: 1e-12});
      assertAllClose(f.path.subarray(f.path.length - 2), PAIR.x1, {rtol: 1e-2, atol: 1e-2});
    }
    // VE starts at x₁ + σ_max x₀, far from x₀: its t = 0 marginal is not N(0, I).
    const ve = schedules.snapshot!(options({schedule: "ve", sigmaMax: 5}), defaults(schedules.state));
    assertAllClose(ve.path.subarray(0, 2), [PAIR.x1[0] + 5 * PAIR.x0[0], PAIR.x1[1] + 5 * PAIR.x0[1]], {rtol: 1e-12});
  });

  it("renders three panels (snapshot: VP at t = 0.8) and describes its numbers", () => {
    const o = options({schedule: "vp"});
    const s = {t: 0.8};
    const el = schedules.render(schedules.snapshot!(o, s), o, s);
    expect(el.querySelectorAll("svg")).toHaveLength(3);
    expectSvgSnapshot("schedules-vp", el);
    const at = scheduleAt(scheduleOf(o), 0.8);
    expect(schedules.describe!(undefined, o, s)).toContain(`α = ${at.alpha.toFixed(3)}`);
  });

  it("its schema rejects an unknown schedule and parameters out of range", () => {
    const parse = (texts: Record<string, string>) => resolveOptions(schedules.options, texts);
    expect(() => parse({schedule: "linear"})).toThrow(/invalid schedule/);
    expect(() => parse({degree: "0"})).toThrow(/invalid degree/);
    expect(() => parse({sigmaMax: "0.5"})).toThrow(/invalid sigmaMax/);
  });
});

import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {dopri5} from "../../engine/ode/dopri5.ts";
import {integrate} from "../../engine/ode/integrate.ts";
import type {Deriv} from "../../engine/ode/stepper.ts";
import {fieldPreset} from "../../engine/fields/presets.ts";
import {
  computeFrame,
  costCurves,
  odeSolvers,
  readoutLines,
  solve,
  solveError,
  START,
  type Method
} from "../../demos/ode-solvers.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

const options = defaults(odeSolvers.options);
const state = defaults(odeSolvers.state);
const k = options.strength;

/** The swirl's exact end point written out: the angle turned is ∫₀¹ k(1 + 2t) dt = 2k. */
function exactEnd(strength: number): [number, number] {
  const angle = 2 * strength;
  return [
    START[0] * Math.cos(angle) - START[1] * Math.sin(angle),
    START[0] * Math.sin(angle) + START[1] * Math.cos(angle)
  ];
}

/** The swirl field with a counter of its calls. */
function countedSwirl(strength: number) {
  const field = fieldPreset("swirl", {strength});
  const counter = {calls: 0};
  const f: Deriv = (out, y, t) => {
    counter.calls++;
    field.velocity(out, y, 1, t);
  };
  return {f, counter};
}

describe("ode-solvers", () => {
  it("measures the orders of convergence 1, 2, 2, 4 with the demo's own error function", () => {
    const expected: [Method, number, number][] = [
      ["euler", 1, 512],
      ["midpoint", 2, 128],
      ["heun", 2, 128],
      ["rk4", 4, 64]
    ];
    for (const [method, order, n] of expected) {
      const e1 = solveError({preset: "swirl", strength: k, method, steps: n});
      const e2 = solveError({preset: "swirl", strength: k, method, steps: 2 * n});
      expect(Math.abs(Math.log2(e1 / e2) - order)).toBeLessThan(0.06);
    }
  });

  it("computes RK4 as a loop written out here does, and its error against the closed-form end point", () => {
    const n = 8;
    const h = 1 / n;
    const u = (x: number[], t: number) => [-k * (1 + 2 * t) * x[1]!, k * (1 + 2 * t) * x[0]!];
    const add = (x: number[], a: number, v: number[]) => x.map((xi, i) => xi + a * v[i]!);
    let x = [...START];
    for (let i = 0; i < n; i++) {
      const t = i * h;
      const k1 = u(x, t);
      const k2 = u(add(x, h / 2, k1), t + h / 2);
      const k3 = u(add(x, h / 2, k2), t + h / 2);
      const k4 = u(add(x, h, k3), t + h);
      x = x.map((xi, j) => xi + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
    }
    const [ex, ey] = exactEnd(k);
    const r = solve({preset: "swirl", strength: k, method: "rk4", steps: n});
    expect(r.steps[n]!.x).toBeCloseTo(x[0]!, 13);
    expect(r.steps[n]!.y).toBeCloseTo(x[1]!, 13);
    expect(r.error).toBeCloseTo(Math.hypot(x[0]! - ex, x[1]! - ey), 12);
  });

  it("counts as many evaluations as the field actually received", () => {
    for (const method of ["euler", "midpoint", "heun", "rk4"] as const) {
      const {f, counter} = countedSwirl(k);
      integrate(f, Float64Array.from(START), {solver: method, steps: 10});
      const r = solve({preset: "swirl", strength: k, method, steps: 10});
      expect(r.nfe).toBe(counter.calls);
      expect(r.evaluations.length).toBe(counter.calls);
    }
    for (const tol of [1e-3, 1e-5, 1e-8]) {
      const {f, counter} = countedSwirl(k);
      const engine = dopri5({rtol: tol, atol: tol / 10}).solve(f, Float64Array.from(START), 0, 1);
      const r = solve({preset: "swirl", strength: k, method: "dopri5", rtol: tol, atol: tol / 10});
      expect(r.nfe).toBe(counter.calls);
      expect(r.evaluations.length).toBe(counter.calls);
      expect(r.steps.length - 1).toBe(engine.steps);
      expect(r.rejected.length).toBe(engine.rejected);
      // Two evaluations to start (u at t = 0 and the first-step probe), then six per attempt thanks to FSAL.
      expect(r.nfe).toBe(2 + 6 * (engine.steps + engine.rejected));
    }
  });

  it("keeps dopri5's global error within ten times its tolerance scale atol + rtol·|x|", () => {
    for (const p of [-3, -4, -5, -6, -7, -8, -9]) {
      const tol = 10 ** p;
      const r = solve({preset: "swirl", strength: k, method: "dopri5", rtol: tol, atol: tol});
      expect(r.error).toBeLessThan(10 * (tol + tol * Math.hypot(...START)));
    }
  });

  it("shows rejected steps at the default tolerances and crowds accepted steps where the swirl turns fast", () => {
    const r = computeFrame(options, {...state, method: "dopri5"}).solve;
    expect(r.rejected.length).toBeGreaterThan(0);
    const h = r.steps.slice(1).map((s, i) => ({t: s.t, h: s.t - r.steps[i]!.t}));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // After the first few steps (the start-up ramp from Hairer's small first step) the steps shrink as ω(t) grows.
    const early = h.filter((s) => s.t > 0.1 && s.t <= 0.5).map((s) => s.h);
    const late = h.filter((s) => s.t > 0.5 && s.t < 1).map((s) => s.h);
    expect(mean(late)).toBeLessThan(mean(early));
  });

  it("plots error against NFE with slopes near −1, −2, −2, −4 and about −5 for dopri5", () => {
    const curves = costCurves("swirl", k);
    const slope = (a: {nfe: number; error: number}, b: {nfe: number; error: number}) =>
      Math.log(b.error / a.error) / Math.log(b.nfe / a.nfe);
    const expected: Record<Method, [number, number]> = {
      euler: [-1.1, -0.9],
      midpoint: [-2.1, -1.9],
      heun: [-2.1, -1.9],
      rk4: [-4.1, -3.9],
      dopri5: [-6.5, -4]
    };
    for (const c of curves) {
      const pts = c.points;
      const s = slope(pts[pts.length - 3]!, pts[pts.length - 1]!);
      expect(s, c.method).toBeGreaterThan(expected[c.method][0]);
      expect(s, c.method).toBeLessThan(expected[c.method][1]);
    }
  });

  it("prints the frame's NFE, steps and error", () => {
    const f = computeFrame(options, state);
    const [a, b] = readoutLines(f);
    expect(a).toContain(`N = ${state.steps} steps`);
    expect(b).toContain(`NFE = ${f.solve.nfe}`);
    expect(b).toContain(f.solve.error.toPrecision(3));
    const d = computeFrame(options, {...state, method: "dopri5"});
    const [c] = readoutLines(d);
    expect(c).toContain(`${d.solve.steps.length - 1} accepted`);
    expect(c).toContain(`${d.solve.rejected.length} rejected`);
  });

  it("draws both views", () => {
    for (const view of ["plane", "cost"] as const) {
      const s = {...state, view};
      const root = odeSolvers.render(odeSolvers.snapshot!(options, s), options, s);
      expect(root.querySelector("svg")).not.toBeNull();
      expect(odeSolvers.describe!(undefined, options, s)).toContain("NFE");
    }
  });
});

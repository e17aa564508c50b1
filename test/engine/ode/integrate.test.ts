import {describe, expect, it} from "vitest";
import {dopri5} from "../../../engine/ode/dopri5.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import type {Deriv} from "../../../engine/ode/stepper.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";
import {golden} from "./golden.ts";

/** Rotation at angular speed (1 + t) for n particles in 2D. */
const rotation: Deriv = (out, y, t) => {
  for (let i = 0; i < y.length; i += 2) {
    out[i] = -(1 + t) * y[i + 1]!;
    out[i + 1] = (1 + t) * y[i]!;
  }
};

const cloud = (n: number) => rng(7).fillNormal(new Float64Array(2 * n)) as Float64Array;

describe("integrate", () => {
  it("integrate(f, y0) forward then backward lands on the start, for every solver", () => {
    const y0 = cloud(50);
    for (const solver of ["midpoint", "heun", "rk4", "rk38"] as const) {
      const there = integrate(rotation, y0, {solver, steps: 200});
      const back = integrate(rotation, there.y, {t0: 1, t1: 0, solver, steps: 200});
      assertAllClose(back.y, y0, {atol: 1e-5});
    }
    const there = integrate(rotation, y0, {solver: "dopri5", rtol: 1e-9, atol: 1e-9});
    const back = integrate(rotation, there.y, {t0: 1, t1: 0, solver: "dopri5", rtol: 1e-9, atol: 1e-9});
    assertAllClose(back.y, y0, {atol: 1e-7});
  });

  it("integrate(rotation) preserves every radius and matches the closed-form angle t + t²/2", () => {
    const y0 = cloud(20);
    const {y} = integrate(rotation, y0, {solver: "dopri5", rtol: 1e-8, atol: 1e-8});
    const c = Math.cos(1.5);
    const s = Math.sin(1.5);
    for (let i = 0; i < y0.length; i += 2) {
      assertInDelta(Math.hypot(y[i]!, y[i + 1]!), Math.hypot(y0[i]!, y0[i + 1]!), 1e-7, "radius");
      assertInDelta(y[i]!, c * y0[i]! - s * y0[i + 1]!, 1e-7, "x");
    }
  });

  it("integrate() counts evaluations as steps × stages and leaves y0 untouched", () => {
    const y0 = new Float64Array([1]);
    expect(integrate(golden, y0, {solver: "rk4", steps: 7}).nfe).toBe(28);
    expect(integrate(golden, y0, {solver: "euler", steps: 7})).toMatchObject({nfe: 7, steps: 7, rejected: 0});
    expect(y0[0]).toBe(1);
  });

  it("integrate() with saveAt records exact grid states for fixed steps and refuses off-grid times", () => {
    const y0 = new Float64Array([1]);
    const full = integrate(golden, y0, {t1: 2, steps: 10, saveAt: "steps"});
    expect(full.trajectory!.t).toHaveLength(11);
    const part = integrate(golden, y0, {t1: 2, steps: 10, saveAt: [0, 0.4, 0.4, 2]});
    expect(part.trajectory!.t).toEqual([0, 0.4, 0.4, 2]);
    const thirds = integrate(golden, y0, {t1: 1, steps: 3, saveAt: [1 / 3, 2 / 3]});
    expect(thirds.trajectory!.t).toEqual([1 / 3, 2 / 3]);
    expect(part.trajectory!.y[1]![0]).toBe(full.trajectory!.y[2]![0]);
    const short = integrate(golden, y0, {t1: 0.4, steps: 2});
    expect(part.trajectory!.y[1]![0]).toBe(short.y[0]);
    expect(() => integrate(golden, y0, {t1: 2, steps: 10, saveAt: [0.3]})).toThrow(/not on the step grid: 0.3/);
    expect(() => integrate(golden, y0, {t1: 2, saveAt: [1, 0.5]})).toThrow(/from t0 to t1/);
    expect(() => integrate(golden, y0, {t1: 2, saveAt: [3]})).toThrow(/outside/);
  });

  it("integrate() with dopri5 and saveAt interpolates within tolerance, also backward", () => {
    const times = [0, 0.3, 0.77, 1.5, 2];
    const fwd = integrate(golden, new Float64Array([1]), {
      t1: 2,
      solver: "dopri5",
      rtol: 1e-8,
      atol: 1e-8,
      saveAt: times
    });
    expect(fwd.trajectory!.t).toEqual(times);
    fwd.trajectory!.y.forEach((y, i) => assertInDelta(y[0]!, Math.exp(Math.sin(times[i]!)), 1e-7));
    const back = [...times].reverse();
    const bwd = integrate(golden, fwd.y, {t0: 2, t1: 0, solver: dopri5({rtol: 1e-8, atol: 1e-8}), saveAt: back});
    bwd.trajectory!.y.forEach((y, i) => assertInDelta(y[0]!, Math.exp(Math.sin(back[i]!)), 1e-7));
    const steps = integrate(golden, new Float64Array([1]), {t1: 2, solver: "dopri5", saveAt: "steps"});
    expect(steps.trajectory!.t).toHaveLength(steps.steps + 1);
  });

  it("integrate() stops on a non-finite state with the time of the step", () => {
    const explode: Deriv = (out, y) => {
      out[0] = y[0]! * y[0]!;
    };
    expect(() => integrate(explode, new Float64Array([1]), {t1: 2, solver: "euler", steps: 100})).toThrow(
      /^non-finite state at t=\d/
    );
  });

  it("integrate() rejects bad options", () => {
    const y0 = new Float64Array([1]);
    expect(() => integrate(golden, y0, {steps: 0})).toThrow("invalid steps: 0");
    expect(() => integrate(golden, y0, {t1: NaN})).toThrow(RangeError);
    // @ts-expect-error an unknown solver name
    expect(() => integrate(golden, y0, {solver: "rk45"})).toThrow(
      "unknown solver: rk45 (one of euler, midpoint, heun, rk4, rk38, dopri5)"
    );
  });
});

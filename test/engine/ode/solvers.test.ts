import {describe, expect, it} from "vitest";
import {isAdaptive, maybeStepper, solver, solverNames} from "../../../engine/ode/solvers.ts";
import {rk4} from "../../../engine/ode/rk4.ts";

describe("solvers", () => {
  it("solver(name) builds every named solver with its declared order", () => {
    const orders = solverNames.map((name) => solver(name).order);
    expect(Object.fromEntries(solverNames.map((n, i) => [n, orders[i]]))).toEqual({
      euler: 1,
      midpoint: 2,
      heun: 2,
      rk4: 4,
      rk38: 4,
      dopri5: 5
    });
    expect(isAdaptive(solver("dopri5"))).toBe(true);
    expect(isAdaptive(solver("rk4"))).toBe(false);
  });

  it("maybeStepper() passes a Stepper object through and rejects unknown names", () => {
    const s = rk4();
    expect(maybeStepper(s)).toBe(s);
    // @ts-expect-error an unknown name
    expect(() => maybeStepper("rk5")).toThrow("unknown solver: rk5 (one of euler, midpoint, heun, rk4, rk38)");
  });
});

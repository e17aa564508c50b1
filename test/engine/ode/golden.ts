import {expect} from "vitest";
import {integrate} from "../../../engine/ode/integrate.ts";
import type {Deriv, Stepper} from "../../../engine/ode/stepper.ts";
import {assertAllClose} from "../../assert.ts";

/** engine-reference (d)5: y' = y cos t, y(0) = 1 on [0, 2]; exact y(2) = e^{sin 2}. */
export const golden: Deriv = (out, y, t) => {
  out[0] = y[0]! * Math.cos(t);
};
export const goldenExact = 2.482577728015001;
export const goldenSteps = [10, 20, 40, 80, 160];

/** Global errors at y(2) for each N in `goldenSteps`. */
export function goldenErrors(stepper: Stepper): number[] {
  return goldenSteps.map((steps) => {
    const {y} = integrate(golden, new Float64Array([1]), {t0: 0, t1: 2, solver: stepper, steps});
    return Math.abs(y[0]! - goldenExact);
  });
}

/** Checks the error table of engine-reference (d)5 to 2 significant digits and the observed order at the finest pair. */
export function expectGoldenTable(stepper: Stepper, table: number[], order: number, slack = 0.06): void {
  const errors = goldenErrors(stepper);
  assertAllClose(errors, table, {rtol: 0.01});
  const observed = Math.log2(errors[3]! / errors[4]!);
  expect(Math.abs(observed - order), `observed order ${observed}`).toBeLessThan(slack);
}

/** One step of y' = λy from y = 1: the stability polynomial R(z), z = λ dt. */
export function oneStepGrowth(stepper: Stepper, z: number): number {
  const out = new Float64Array(1);
  stepper.step((o, y) => (o[0] = y[0]!), new Float64Array([1]), 0, z, out);
  return out[0]!;
}

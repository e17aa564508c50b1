import {dopri5, type AdaptiveSolver, type Dopri5Options} from "./dopri5.ts";
import {euler} from "./euler.ts";
import {heun} from "./heun.ts";
import {midpoint} from "./midpoint.ts";
import {rk38} from "./rk38.ts";
import {rk4} from "./rk4.ts";
import type {Stepper} from "./stepper.ts";

const fixed = {euler, midpoint, heun, rk4, rk38} as const;

/** Names of the fixed-step solvers. */
export type FixedSolverName = keyof typeof fixed;
/** Every solver name accepted by `integrate`, the worker and the CLI. */
export type SolverName = FixedSolverName | "dopri5";

/** All solver names, fixed-step first. */
export const solverNames: readonly SolverName[] = [...(Object.keys(fixed) as FixedSolverName[]), "dopri5"];

/** A fresh stepper by name; an object implementing `Stepper` is passed through. */
export function maybeStepper(solver: FixedSolverName | Stepper): Stepper {
  if (typeof solver !== "string") return solver;
  const make = fixed[solver];
  if (make === undefined) throw new RangeError(`invalid solver: ${String(solver)}`);
  return make();
}

/** A solver by name: a fixed-step `Stepper`, or the adaptive dopri5 with `options`. */
export function solver(name: SolverName | Stepper, options: Dopri5Options = {}): Stepper | AdaptiveSolver {
  return name === "dopri5" ? dopri5(options) : maybeStepper(name);
}

/** True for adaptive solvers (they have `solve`, not `step`). */
export function isAdaptive(s: Stepper | AdaptiveSolver): s is AdaptiveSolver {
  return "solve" in s;
}

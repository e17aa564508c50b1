import {dopri5, type AdaptiveSolver, type Dopri5Options} from "./dopri5.ts";
import {euler} from "./euler.ts";
import {heun} from "./heun.ts";
import {midpoint} from "./midpoint.ts";
import {rk38} from "./rk38.ts";
import {rk4} from "./rk4.ts";
import {registry} from "../registry.ts";
import type {Stepper} from "./stepper.ts";

const fixed = {euler, midpoint, heun, rk4, rk38} as const;

/** The fixed-step solvers by name (each entry makes a fresh stepper). */
export const fixedSolvers = registry<FixedSolverName, () => Stepper>("solver", fixed);

/** Names of the fixed-step solvers. */
export type FixedSolverName = keyof typeof fixed;
/** Every solver name accepted by `integrate`, the worker and the CLI. */
export type SolverName = FixedSolverName | "dopri5";

/** Every solver by name, fixed-step first: each entry makes a fresh solver (dopri5 with the given options). */
export const solvers = registry<SolverName, (options: Dopri5Options) => Stepper | AdaptiveSolver>("solver", [
  ...fixedSolvers.names.map((name) => [name, () => fixed[name]()] as const),
  ["dopri5", (options) => dopri5(options)]
]);

/** All solver names, fixed-step first. */
export const solverNames: readonly SolverName[] = solvers.names;

/** A fresh stepper by name; an object implementing `Stepper` is passed through. */
export function maybeStepper(solver: FixedSolverName | Stepper): Stepper {
  return typeof solver === "string" ? fixedSolvers.get(solver)() : solver;
}

/** A solver by name: a fixed-step `Stepper`, or the adaptive dopri5 with `options`. */
export function solver(name: SolverName | Stepper, options: Dopri5Options = {}): Stepper | AdaptiveSolver {
  return typeof name === "string" ? solvers.get(name)(options) : name;
}

/** True for adaptive solvers (they have `solve`, not `step`). */
export function isAdaptive(s: Stepper | AdaptiveSolver): s is AdaptiveSolver {
  return "solve" in s;
}

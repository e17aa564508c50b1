export type {Deriv, Stepper} from "./stepper.ts";
export {euler} from "./euler.ts";
export {midpoint} from "./midpoint.ts";
export {heun} from "./heun.ts";
export {rk4} from "./rk4.ts";
export {rk38} from "./rk38.ts";
export {
  dopri5,
  type AdaptiveResult,
  type AdaptiveSolver,
  type Dopri5Options,
  type Interpolant,
  type StepObserver
} from "./dopri5.ts";
export {
  fixedSolvers,
  isAdaptive,
  maybeStepper,
  solver,
  solverNames,
  solvers,
  type FixedSolverName,
  type SolverName
} from "./solvers.ts";
export {integrate, type IntegrateOptions, type IntegrateResult, type Trajectory} from "./integrate.ts";
export {adjointGradient, type AdjointResult} from "./adjoint.ts";

/**
 * The options of the nfe-quality task (nfe-quality.ts), in a module of their own so that a page can show and check
 * them without loading the sampling code or the weights.
 */
import {choice, integer} from "../options/schema.ts";
import {shippedNames} from "../weights/names.ts";

/** The fixed-step solvers the demo offers, and the evaluations of the field each step costs. */
export const fixedSolvers = ["euler", "midpoint", "rk4"] as const;
export type FixedNfeSolver = (typeof fixedSolvers)[number];
export const evaluationsPerStep: Readonly<Record<FixedNfeSolver, number>> = {
  euler: 1,
  midpoint: 2,
  rk4: 4
};
/** Every solver of the demo: the fixed-step ones and the adaptive Dopri5, whose NFE is counted, not predicted. */
export const nfeSolvers = [...fixedSolvers, "dopri5"] as const;

/** True for the solvers that take `steps` equal steps. */
export function isFixedSolver(solver: string): solver is FixedNfeSolver {
  return (fixedSolvers as readonly string[]).includes(solver);
}

/** Dopri5's sweep of tolerances (rtol = atol), loosest first: each gives one point (counted NFE, W2) of its curve. */
export const nfeTolerances = ["1e-1", "1e-2", "1e-3", "1e-4"] as const;

/** Which shipped models get a curve: all five, or the VP path against the OT path (same network, data and recipe). */
export const nfeComparisons = {
  all: shippedNames,
  "vp-vs-ot": ["vp-diffusion", "lipman"]
} as const;

export const nfeQualityOptions = {
  compare: choice(
    ["all", "vp-vs-ot"],
    "all",
    "the curves drawn: all shipped models, or the VP path against the OT path"
  ),
  model: choice(shippedNames, "ot-cfm", "the model whose samples and paths are drawn"),
  solver: choice(nfeSolvers, "euler", "ODE solver: fixed steps (euler, midpoint, rk4) or adaptive (dopri5)"),
  steps: integer(4, "solver steps from t = 0 to t = 1 (fixed-step solvers; dopri5 chooses its own)", {
    min: 1,
    max: 100
  }),
  tol: choice(nfeTolerances, "1e-4", "dopri5's tolerance, rtol = atol (the fixed-step solvers use steps instead)"),
  n: integer(500, "source points pushed through each model, and held-out data points for W2", {min: 50, max: 1000})
};

/** The solver steps at which each fixed-step curve is measured. */
export const curveSteps = [1, 2, 4, 8, 16, 32, 100] as const;

/**
 * The options of the nfe-quality task (nfe-quality.ts), in a module of their own so that a page can show and check
 * them without loading the sampling code or the weights.
 */
import {choice, integer} from "../options/schema.ts";
import {shippedNames} from "../weights/names.ts";

/** The fixed-step solvers the demo offers, and the evaluations of the field each step costs. */
export const nfeSolvers = ["euler", "midpoint", "rk4"] as const;
export const evaluationsPerStep: Readonly<Record<(typeof nfeSolvers)[number], number>> = {
  euler: 1,
  midpoint: 2,
  rk4: 4
};

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
  solver: choice(nfeSolvers, "euler", "fixed-step ODE solver"),
  steps: integer(4, "solver steps from t = 0 to t = 1", {min: 1, max: 100}),
  n: integer(500, "source points pushed through each model, and held-out data points for W2", {min: 50, max: 1000})
};

/** The solver steps at which each curve is measured. */
export const curveSteps = [1, 2, 4, 8, 16, 32, 100] as const;

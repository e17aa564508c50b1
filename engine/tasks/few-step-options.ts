/**
 * The options of the few-step task (few-step.ts), in a module of their own so that a page can show and check them
 * without loading the task's engine code.
 */
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

export const fewStepOptions = {
  target: choice(
    ["three-modes", "shifted-normal", "narrow-normal"],
    "three-modes",
    "the data: three Gaussian modes, N(m, I) or N(m, 0.5² I)"
  ),
  sigmaMin: number(0, "σ_min of Lipman's OT path σ_t = 1 − (1 − σ_min)t", {min: 0, max: 0.5, step: 0.01}),
  n: integer(300, "particles per path (the W2 is computed on all of them)", {min: 20, max: 1000}),
  seed: seed()
};

export type FewStepOptions = Values<typeof fewStepOptions>;

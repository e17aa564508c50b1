/**
 * The options of the diffusion-paths task (diffusion-paths.ts), in a module of their own so that a page can show and
 * check them without loading the task's engine code.
 */
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

export const diffusionPathsOptions = {
  betaMin: number(0.1, "β_min of the VP path's noise rate β(s) = β_min + s(β_max − β_min)", {
    min: 0,
    max: 2,
    step: 0.05
  }),
  betaMax: number(20, "β_max of the VP path", {min: 2, max: 40, step: 1}),
  sigmaMax: number(5, "σ_max of the VE path (σ_min = 0.01)", {min: 1, max: 20, step: 0.5}),
  veStart: choice(["exact", "standard"], "exact", "where VE's particles start: its exact p₀, or N(0, I)"),
  n: integer(200, "particles per path", {min: 10, max: 1000}),
  steps: integer(100, "RK4 steps over [0, 1]", {min: 20, max: 1000}),
  seed: seed()
};

export type DiffusionPathsOptions = Values<typeof diffusionPathsOptions>;

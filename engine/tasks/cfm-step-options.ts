/**
 * The options of the cfm-step task (cfm-step.ts), in a module of their own so that a page can show and check them
 * without loading the training code.
 */
import {dataset} from "../data/registry.ts";
import {choice, integer, seed, type Values} from "../options/schema.ts";

/** σ_min of the path, the learned field's grid cells per side, and the times it is computed at (0, 0.1, …, 1). */
export const CFM_STEP_SIGMA = 0.01;
export const CFM_STEP_CELLS = 13;
export const CFM_STEP_TIMES: readonly number[] = Array.from({length: 11}, (_, i) => i / 10);

/** The box a target is drawn in: its own, widened to hold most of N(0, I). */
export function cfmStepExtent(target: string): [number, number, number, number] {
  const e = dataset(target).extent;
  return [Math.min(e[0], -3), Math.max(e[1], 3), Math.min(e[2], -3), Math.max(e[3], 3)];
}

/** Targets that fit the figure's box around N(0, I). */
export const cfmStepTargets = ["moons", "ffjord-8gaussians", "checkerboard", "ffjord-circles"] as const;

/** Steps per second; "ramp" starts at 2 a second and doubles every 5 s (about 600 steps in 30 s), "max" does not wait. */
export const cfmStepSpeeds = ["ramp", "1", "5", "25", "max"] as const;

export const cfmStepOptions = {
  target: choice(cfmStepTargets, "moons", "the data q that x₁ is drawn from"),
  batch: integer(32, "pairs (x₁, x) per step", {min: 1, max: 256}),
  speed: choice(cfmStepSpeeds, "ramp", "training steps per second (ramp: slow first, then faster)"),
  steps: integer(3000, "training steps", {min: 1, max: 20_000}),
  seed: seed()
};

export type CfmStepOptions = Values<typeof cfmStepOptions>;

/**
 * The options of the curvature-pair task (curvature-pair.ts), in a module of their own so that a page can show and
 * check them without loading the models.
 */
import {choice, integer, type Values} from "../options/schema.ts";

/** The two shipped CNFs compared: N(0, I) → moons, trained by I-CFM and by OT-CFM (engine/weights). */
export const curvatureModels = ["i-cfm", "ot-cfm"] as const;

export const curvaturePairOptions = {
  tolerance: choice(["1e-3", "1e-4", "1e-5"], "1e-4", "dopri5's tolerance (rtol = atol) for every solve"),
  n: integer(300, "samples per model (the NFE, path numbers and W2 are over them)", {min: 20, max: 1000}),
  paths: integer(40, "trajectories drawn per model (the first of the samples)", {min: 1, max: 200})
};

export type CurvaturePairOptions = Values<typeof curvaturePairOptions>;

/** Times at which the drawn trajectories are recorded (dopri5's dense output). */
export const PATH_TIMES = Array.from({length: 33}, (_, k) => k / 32);

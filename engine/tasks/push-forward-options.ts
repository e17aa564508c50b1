/**
 * The options of the push-forward task (push-forward.ts), in a module of their own so that a page can show and check
 * them without loading the task's engine code.
 */
import {fieldPresetNames, type FieldPresetName} from "../fields/presets.ts";
import type {Mat2, Vec2} from "../fields/mat2.ts";
import {choice, integer, seed, type Values} from "../options/schema.ts";

export const pushForwardOptions = {
  preset: choice(fieldPresetNames, "spiral" as FieldPresetName, "the velocity field u_t(x) that carries p₀"),
  n: integer(2000, "particles drawn from p₀ and carried by φ_t", {min: 100, max: 10000}),
  seed: seed()
};

export type PushForwardOptions = Values<typeof pushForwardOptions>;

/** p₀ = N(P0_MEAN, P0_COV): off-centre and elongated, so that a rotation or a shear visibly moves it. */
export const P0_MEAN: Vec2 = [0.4, 0.9];
export const P0_COV: Mat2 = [0.36, 0, 0, 0.09];
/** Every preset at strength 1, but two-well at 0.15: stronger, its wells squeeze p_t into ridges thinner than a pixel. */
export function pushStrength(preset: FieldPresetName): number {
  return preset === "two-well" ? 0.15 : 1;
}
/** Time slices: p_t is computed at t = k / SLICES. */
export const SLICES = 20;
/** Pixels per side of the density grid over FIELD_EXTENT. */
export const GRID_SIZE = 48;
/** RK4 steps per unit of time, for the backward solves and for the particles of fields without an exact map. */
export const STEPS_PER_UNIT = 60;

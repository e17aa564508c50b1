import {fieldPreset, fieldPresetNames, type FieldPresetName} from "../../engine/fields/presets.ts";
import type {VelocityField} from "../../engine/fields/field.ts";
import {choice} from "../../engine/options/schema.ts";
import type {Extent, Grid} from "../layers/data.ts";

/**
 * Deck 3's named fields on the demo side: one option for picking a preset, the formula each preset shows, and the
 * field sampled on a grid for the arrow layer. Every deck-3 demo that draws "a field" uses these, so a preset looks
 * and reads the same on every slide.
 */

/** The plane every deck-3 field figure shows unless it has a reason not to. */
export const FIELD_EXTENT: Extent = [-3, 3, -3, 3];

/** A `preset` option over the given presets (all by default). */
export function presetOption<const C extends FieldPresetName>(
  defaultValue: C,
  help = "the velocity field u_t(x)",
  names: readonly C[] = fieldPresetNames as unknown as readonly C[]
) {
  return choice(names, defaultValue, help);
}

/** Each preset's formula at strength k, in TeX (the demo's caption and the slide's text say the same). */
export const presetTex: Readonly<Record<FieldPresetName, string>> = {
  rotation: String.raw`u(x) = k\,(-x_2,\ x_1)`,
  sink: String.raw`u(x) = -k\,x`,
  source: String.raw`u(x) = k\,x`,
  saddle: String.raw`u(x) = k\,(x_1,\ -x_2)`,
  shear: String.raw`u(x) = k\,(x_2,\ 0)`,
  spiral: String.raw`u(x) = k\,(-\tfrac12 x_1 - x_2,\ x_1 - \tfrac12 x_2)`,
  swirl: String.raw`u_t(x) = k(1+2t)\,(-x_2,\ x_1)`,
  drift: String.raw`u_t(x) = k\,(\cos\pi t,\ \sin\pi t)`,
  "two-well": String.raw`u(x) = -\nabla V,\ V = k(x_1^2-1)^2 + \tfrac12 x_2^2`
};

/** Each preset's formula in plain text (for describe() and aria labels). */
export const presetText: Readonly<Record<FieldPresetName, string>> = {
  rotation: "u(x) = k(−x₂, x₁)",
  sink: "u(x) = −k x",
  source: "u(x) = k x",
  saddle: "u(x) = k(x₁, −x₂)",
  shear: "u(x) = k(x₂, 0)",
  spiral: "u(x) = k(−x₁/2 − x₂, x₁ − x₂/2)",
  swirl: "u_t(x) = k(1 + 2t)(−x₂, x₁)",
  drift: "u_t(x) = k(cos πt, sin πt)",
  "two-well": "u(x) = −∇V, V = k(x₁² − 1)² + x₂²/2"
};

/** The preset as an engine field. */
export function presetField(name: FieldPresetName, strength = 1) {
  return fieldPreset(name, {strength});
}

/** u_t sampled at the centres of an n × n grid over `extent`, the shape the arrow layer draws. */
export function fieldGrid(field: VelocityField, t: number, n = 15, extent: Extent = FIELD_EXTENT): Grid {
  const [x0, x1, y0, y1] = extent;
  const points = new Float64Array(2 * n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      points[2 * (j * n + i)] = x0 + ((i + 0.5) * (x1 - x0)) / n;
      points[2 * (j * n + i) + 1] = y0 + ((j + 0.5) * (y1 - y0)) / n;
    }
  }
  const values = new Float64Array(2 * n * n);
  field.velocity(values, points, n * n, t);
  return {nx: n, ny: n, extent, values};
}

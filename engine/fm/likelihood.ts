/**
 * Log-likelihoods of a trained flow-matching model through the CNF machinery (engine/cnf): the weights are loaded
 * into the float64 autodiff MLP, whose exact 2D divergence drives the augmented ODE backward from t = 1 to t = 0.
 */
import type {BaseDensity} from "../cnf/base.ts";
import {densityGrid, type DensityGrid, type DensityGridOptions} from "../cnf/grid.ts";
import {logDensity, type LogDensityOptions, type LogDensityResult} from "../cnf/log-density.ts";
import {mlpField} from "../cnf/mlp-field.ts";
import type {MlpJson} from "../fast/json.ts";
import type {VelocityField} from "../fields/field.ts";
import {mlpFromJSON} from "../nn/serialize.ts";

/** The float64 field of saved weights, with the network's exact divergence. */
export function float64Field(weights: MlpJson): VelocityField {
  return mlpField(mlpFromJSON(weights));
}

/** log p1(x_i) of n points [n, 2] under the flow of `field` from `base` (default: dopri5, exact divergence). */
export function logLikelihood(
  field: VelocityField,
  base: BaseDensity,
  x: Float64Array,
  n: number,
  options: LogDensityOptions = {}
): LogDensityResult {
  return logDensity(field, base, x, n, {method: "exact", ...options});
}

/** log p1 on a pixel grid (for heatmaps), every pixel solved in one batch. */
export function logLikelihoodGrid(
  field: VelocityField,
  base: BaseDensity,
  options: DensityGridOptions = {}
): DensityGrid {
  return densityGrid(field, base, {method: "exact", ...options});
}

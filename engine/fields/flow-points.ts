import {integrate} from "../ode/integrate.ts";
import {checkBatch, fieldDeriv, type VelocityField} from "./field.ts";

export interface FlowPointsOptions {
  /** RK4 steps per unit of time when the field has no exact flow map. @defaultValue 200 */
  stepsPerUnit?: number;
}

/**
 * φ_{s→t}(x): the points x (n × 2, at time s) carried by the field to time t (t < s runs the ODE backward). Uses the
 * field's exact flow map where it has one, else RK4 with ⌈|t − s|·stepsPerUnit⌉ equal steps.
 */
export function flowPoints(
  field: VelocityField,
  x: Float64Array,
  n: number,
  s: number,
  t: number,
  options: FlowPointsOptions = {}
): Float64Array {
  const {stepsPerUnit = 200} = options;
  checkBatch(x, n, field.dim);
  if (!(Number.isFinite(s) && Number.isFinite(t))) throw new RangeError(`invalid time span: ${s} to ${t}`);
  if (!(stepsPerUnit >= 1)) throw new RangeError(`invalid stepsPerUnit: ${stepsPerUnit} (at least 1)`);
  const out = new Float64Array(n * field.dim);
  if (s === t) {
    out.set(x.subarray(0, n * field.dim));
    return out;
  }
  if (field.flowMap) {
    field.flowMap(out, x, n, s, t);
    return out;
  }
  const steps = Math.max(1, Math.ceil(Math.abs(t - s) * stepsPerUnit));
  return integrate(fieldDeriv(field, n), x.slice(0, n * field.dim), {t0: s, t1: t, solver: "rk4", steps}).y;
}

/**
 * The paths of n points over [0, 1]: a flat [samples + 1, n, dim] array whose row k holds φ_{k/samples}(x). Exact
 * flow map where the field has one, else one RK4 solve (a multiple of `samples` steps, at least stepsPerUnit).
 */
export function flowPaths(
  field: VelocityField,
  x: Float64Array,
  n: number,
  samples: number,
  options: FlowPointsOptions = {}
): Float64Array {
  const {stepsPerUnit = 200} = options;
  checkBatch(x, n, field.dim);
  if (!(Number.isInteger(samples) && samples >= 1))
    throw new RangeError(`invalid samples: ${samples} (an integer ≥ 1)`);
  const m = n * field.dim;
  const out = new Float64Array((samples + 1) * m);
  out.set(x.subarray(0, m));
  if (field.flowMap) {
    for (let k = 1; k <= samples; k++) field.flowMap(out.subarray(k * m, (k + 1) * m), x, n, 0, k / samples);
    return out;
  }
  const steps = samples * Math.max(1, Math.ceil(stepsPerUnit / samples));
  const saveAt = Array.from({length: samples + 1}, (_, k) => k / samples);
  const {trajectory} = integrate(fieldDeriv(field, n), x.slice(0, m), {solver: "rk4", steps, saveAt});
  trajectory!.y.forEach((y, k) => out.set(y, k * m));
  return out;
}

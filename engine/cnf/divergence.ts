import {checkBatch, type VelocityField} from "../fields/field.ts";
import type {Rng} from "../random.ts";

/** A divergence evaluator bound to one solve and one batch size: writes ∇·u_t(x_i) (or an estimate) into `out`. */
export type DivergenceFn = (out: Float64Array, x: Float64Array, n: number, t: number) => void;

export type DivergenceMethod = "exact" | "hutchinson";
export type ProbeKind = "gaussian" | "rademacher";

export interface DivergenceOptions {
  /** "exact" (trace of the Jacobian) or "hutchinson" (εᵀ J ε). @defaultValue "exact" */
  method?: DivergenceMethod;
  /** Hutchinson probe distribution; both have E[ε] = 0, Cov ε = I. @defaultValue "rademacher" */
  probe?: ProbeKind;
  /** Source of the probes; required for "hutchinson". */
  rng?: Rng;
}

const defaults = {method: "exact" as DivergenceMethod, probe: "rademacher" as ProbeKind};

/** Central-difference step, relative to max(1, |x|): balances O(h²) truncation and O(ε/h) rounding in float64. */
const FD_STEP = 1e-5;

/**
 * The divergence of `field` for batches of n points. "exact" uses the field's own divergence when it has one, and
 * otherwise the trace of a central-difference Jacobian (2d velocity evaluations, error ~1e-10). "hutchinson" draws
 * one probe per point **once, here**, and keeps it for every call: FFJORD's "one ε per solve", which makes the
 * integrand a smooth function of t that adaptive solvers can handle. It uses the field's `jvp` when present.
 */
export function divergenceFn(field: VelocityField, n: number, options: DivergenceOptions = {}): DivergenceFn {
  const {method, probe, rng} = {...defaults, ...options};
  const d = field.dim;
  if (method === "exact") return field.divergence ? field.divergence.bind(field) : finiteDifferenceTrace(field, n);
  if (method !== "hutchinson") throw new RangeError(`invalid divergence method: ${String(method)}`);
  if (probe !== "gaussian" && probe !== "rademacher") throw new RangeError(`invalid probe: ${String(probe)}`);
  if (!rng) throw new Error("missing rng: hutchinson divergence needs a seeded generator");
  const eps = drawProbes(n, d, probe, rng);
  const jv = new Float64Array(n * d);
  const jvp = field.jvp ? field.jvp.bind(field) : finiteDifferenceJvp(field, n);
  return (out, x, m, t) => {
    if (m !== n) throw new RangeError(`shape mismatch: [${m},${d}] vs [${n},${d}]`);
    jvp(jv, x, eps, n, t);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += eps[i * d + k]! * jv[i * d + k]!;
      out[i] = s;
    }
  };
}

/** n × d Hutchinson probes: standard normals or Rademacher signs (the draw `divergenceFn` makes once per solve). */
export function drawProbes(n: number, d: number, probe: ProbeKind, rng: Rng): Float64Array {
  const eps = new Float64Array(n * d);
  return (probe === "gaussian" ? rng.fillNormal(eps) : rng.fillRademacher(eps)) as Float64Array;
}

function finiteDifferenceTrace(field: VelocityField, n: number): DivergenceFn {
  const d = field.dim;
  const shifted = new Float64Array(n * d);
  const plus = new Float64Array(n * d);
  const minus = new Float64Array(n * d);
  return (out, x, m, t) => {
    checkBatch(x, m, d);
    out.fill(0, 0, n);
    for (let k = 0; k < d; k++) {
      shifted.set(x.subarray(0, n * d));
      for (let i = 0; i < n; i++) shifted[i * d + k]! += FD_STEP * Math.max(1, Math.abs(x[i * d + k]!));
      field.velocity(plus, shifted, n, t);
      for (let i = 0; i < n; i++) shifted[i * d + k] = x[i * d + k]! - FD_STEP * Math.max(1, Math.abs(x[i * d + k]!));
      field.velocity(minus, shifted, n, t);
      for (let i = 0; i < n; i++) {
        const h = FD_STEP * Math.max(1, Math.abs(x[i * d + k]!));
        out[i]! += (plus[i * d + k]! - minus[i * d + k]!) / (2 * h);
      }
    }
  };
}

function finiteDifferenceJvp(field: VelocityField, n: number) {
  const d = field.dim;
  const shifted = new Float64Array(n * d);
  const minus = new Float64Array(n * d);
  return (out: Float64Array, x: Float64Array, v: Float64Array, _n: number, t: number) => {
    for (let i = 0; i < n * d; i++) shifted[i] = x[i]! + FD_STEP * v[i]!;
    field.velocity(out, shifted, n, t);
    for (let i = 0; i < n * d; i++) shifted[i] = x[i]! - FD_STEP * v[i]!;
    field.velocity(minus, shifted, n, t);
    for (let i = 0; i < n * d; i++) out[i] = (out[i]! - minus[i]!) / (2 * FD_STEP);
  };
}

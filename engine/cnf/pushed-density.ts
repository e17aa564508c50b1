import {checkBatch, type VelocityField} from "../fields/field.ts";
import type {BaseDensity} from "./base.ts";
import {logDensity} from "./log-density.ts";

export interface PushedDensityOptions {
  /** The time of p_t. @defaultValue 1 */
  t?: number;
  /** [xmin, xmax, ymin, ymax] of the picture. @defaultValue [-3, 3, -3, 3] */
  extent?: readonly [number, number, number, number];
  /** Pixels per side. @defaultValue 64 */
  size?: number;
  /** RK4 steps per unit of time of the backward solve. @defaultValue 200 */
  stepsPerUnit?: number;
  /**
   * A backward path that leaves the box |x|∞ < escape started outside the image of φ_t (a field that is not globally
   * Lipschitz, like two-well's cubic, squeezes the whole plane into a strip): p_t = 0 there. @defaultValue 8
   */
  escape?: number;
}

const defaults = {t: 1, extent: [-3, 3, -3, 3] as const, size: 64, stepsPerUnit: 200, escape: 8};

/** p_t on a pixel grid: pixel (i, j) is the centre x_i, y_j, stored at j·size + i, y increasing with j. */
export interface PushedDensity {
  size: number;
  extent: readonly [number, number, number, number];
  /** log p_t at each pixel centre (−Infinity outside the image of φ_t). */
  logp: Float64Array;
  /** Riemann sum of p_t over the pixels: the mass in view (≈ 1 when the extent holds it all). */
  mass: number;
  /** Pixels whose backward path escaped (outside the image of φ_t). */
  escaped: number;
  nfe: number;
}

/**
 * The push-forward p_t = [φ_t]# p0 on a grid, by its formula (lecture D3.4): each pixel carried back by φ_t⁻¹ (the
 * ODE run backward from t to 0) while ℓ accumulates ∫ ∇·u, so log p_t(x) = log p0(φ_t⁻¹(x)) − ∫₀ᵗ ∇·u_s(x_s) ds —
 * engine/cnf logDensity with its `t` option and RK4. Points that leave the box |x|∞ < escape are frozen there and
 * reported as outside the image of φ_t (density 0).
 */
export function pushedDensity(
  field: VelocityField,
  base: BaseDensity,
  options: PushedDensityOptions = {}
): PushedDensity {
  const o = {...defaults, ...options};
  const {size, extent} = o;
  if (!(Number.isInteger(size) && size >= 2)) throw new RangeError(`invalid size: ${size} (an integer ≥ 2)`);
  const [x0, x1, y0, y1] = extent;
  if (!(x1 > x0 && y1 > y0)) throw new RangeError(`invalid extent: [${extent.join(",")}]`);
  const dx = (x1 - x0) / size;
  const dy = (y1 - y0) / size;
  const n = size * size;
  const points = new Float64Array(2 * n);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      points[2 * (j * size + i)] = x0 + (i + 0.5) * dx;
      points[2 * (j * size + i) + 1] = y0 + (j + 0.5) * dy;
    }
  }
  const {logp, escaped, nfe} = pushedLogDensity(field, base, points, n, o);
  let mass = 0;
  for (let i = 0; i < n; i++) mass += Math.exp(logp[i]!);
  return {size, extent, logp, mass: mass * dx * dy, escaped, nfe};
}

export interface PushedLogDensity {
  /** log p_t(x_i) (−Infinity outside the image of φ_t). */
  logp: Float64Array;
  /** Points outside the image of φ_t (their backward path escaped). */
  escaped: number;
  nfe: number;
}

/**
 * log p_t(x_i) = log p0(φ_t⁻¹(x_i)) − ∫₀ᵗ ∇·u_s(x_s) ds for n points, by a backward RK4 solve of [x, ℓ]
 * (engine/cnf logDensity); points whose path leaves |x|∞ < escape get −Infinity (outside the image of φ_t).
 */
export function pushedLogDensity(
  field: VelocityField,
  base: BaseDensity,
  x: Float64Array,
  n: number,
  options: Omit<PushedDensityOptions, "extent" | "size"> = {}
): PushedLogDensity {
  const o = {...defaults, ...options};
  checkBatch(x, n, 2);
  if (!(o.t >= 0 && o.t <= 1)) throw new RangeError(`invalid t: ${o.t}`);
  if (!(o.escape > 0)) throw new RangeError(`invalid escape: ${o.escape}`);
  if (!(o.stepsPerUnit >= 1)) throw new RangeError(`invalid stepsPerUnit: ${o.stepsPerUnit}`);
  if (o.t === 0) {
    const logp = new Float64Array(n);
    base.logDensity(logp, x, n);
    return {logp, escaped: 0, nfe: 0};
  }
  const steps = Math.max(1, Math.ceil(o.t * o.stepsPerUnit));
  const result = logDensity(frozenOutside(field, o.escape), base, x, n, {t: o.t, solver: "rk4", steps});
  const logp = result.logp;
  let escaped = 0;
  for (let i = 0; i < n; i++) {
    if (Math.max(Math.abs(result.x0[2 * i]!), Math.abs(result.x0[2 * i + 1]!)) >= o.escape) {
      logp[i] = -Infinity;
      escaped++;
    }
  }
  return {logp, escaped, nfe: result.nfe};
}

/** The field with its velocity and divergence set to 0 outside the box |x|∞ < r (a point that gets there stays). */
function frozenOutside(field: VelocityField, r: number): VelocityField {
  const outside = (x: Float64Array, i: number) => Math.max(Math.abs(x[2 * i]!), Math.abs(x[2 * i + 1]!)) >= r;
  const divergence = field.divergence;
  if (!divergence) throw new RangeError("invalid field: pushedDensity needs the field's exact divergence");
  return {
    dim: 2,
    velocity(out, x, n, t) {
      checkBatch(x, n, 2);
      field.velocity(out, x, n, t);
      for (let i = 0; i < n; i++) {
        if (outside(x, i) || !Number.isFinite(out[2 * i]!) || !Number.isFinite(out[2 * i + 1]!)) {
          out[2 * i] = 0;
          out[2 * i + 1] = 0;
        }
      }
    },
    divergence(out, x, n, t) {
      divergence.call(field, out, x, n, t);
      for (let i = 0; i < n; i++) if (outside(x, i) || !Number.isFinite(out[i]!)) out[i] = 0;
    }
  };
}

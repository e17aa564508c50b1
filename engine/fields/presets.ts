import {affineField} from "./affine.ts";
import {checkBatch, type VelocityField} from "./field.ts";
import {linearField} from "./linear.ts";
import type {Mat2} from "./mat2.ts";
import {rotationField} from "./rotation.ts";

/**
 * The named 2D fields deck 3 plays with (lecture D3.2-D3.14), each with its exact divergence and Jacobian-vector
 * products, and its exact flow map where one exists. `strength` scales each field's one parameter.
 */
export const fieldPresetNames = [
  "rotation",
  "sink",
  "source",
  "saddle",
  "shear",
  "spiral",
  "swirl",
  "drift",
  "two-well"
] as const;
export type FieldPresetName = (typeof fieldPresetNames)[number];

export interface FieldPresetOptions {
  /** The field's strength k (its rate, angular speed or well depth). @defaultValue 1 */
  strength?: number;
}

/** A preset field; `matrix` is A for the fields u(x) = A x, whose flow map is e^{tA} and divergence tr A. */
export interface FieldPreset extends VelocityField {
  readonly name: FieldPresetName;
  readonly divergence: (out: Float64Array, x: Float64Array, n: number, t: number) => void;
  readonly jvp: (out: Float64Array, x: Float64Array, v: Float64Array, n: number, t: number) => void;
  readonly matrix?: Mat2;
}

const linearMatrix: Partial<Record<FieldPresetName, (k: number) => Mat2>> = {
  rotation: (k) => [0, -k, k, 0],
  sink: (k) => [-k, 0, 0, -k],
  source: (k) => [k, 0, 0, k],
  saddle: (k) => [k, 0, 0, -k],
  shear: (k) => [0, k, 0, 0],
  spiral: (k) => [-0.5 * k, -k, k, -0.5 * k]
};

/**
 * The named field at strength k:
 * rotation (−ky, kx); sink −k x; source k x; saddle (kx, −ky); shear (ky, 0); spiral, a sink plus a rotation
 * (−kx/2 − ky, kx − ky/2); swirl, a rotation whose speed ω(t) = k(1 + 2t) grows with time; drift, the
 * time-varying constant field k(cos πt, sin πt) of D3.3 (planar traces cross, at different times); two-well,
 * −∇V for V(x, y) = k(x² − 1)² + y²/2 (two attracting wells at (±1, 0), a saddle at the origin).
 */
export function fieldPreset(name: FieldPresetName, options: FieldPresetOptions = {}): FieldPreset {
  const k = options.strength ?? 1;
  if (!Number.isFinite(k)) throw new RangeError(`invalid strength: ${k}`);
  const matrix = linearMatrix[name];
  if (matrix) return {...linearField({a: matrix(k)}), name, matrix: matrix(k)};
  if (name === "swirl") return {...rotationField({omega: k, growth: 2}), name};
  if (name === "drift") return {...driftField(k), name};
  if (name === "two-well") return twoWell(k);
  throw new RangeError(`unknown field preset: ${String(name)} (one of ${fieldPresetNames.join(", ")})`);
}

/** u_t(x) = k(cos πt, sin πt): every point moves the same way; its exact flow map adds ∫ u. */
function driftField(k: number) {
  const shift = (s: number, t: number): [number, number] => [
    (k * (Math.sin(Math.PI * t) - Math.sin(Math.PI * s))) / Math.PI,
    (k * (Math.cos(Math.PI * s) - Math.cos(Math.PI * t))) / Math.PI
  ];
  return {
    ...affineField((t) => ({m: [0, 0, 0, 0], c: [k * Math.cos(Math.PI * t), k * Math.sin(Math.PI * t)]})),
    flowMap(out: Float64Array, x: Float64Array, n: number, s: number, t: number) {
      checkBatch(x, n, 2);
      const [a, b] = shift(s, t);
      for (let i = 0; i < 2 * n; i += 2) {
        out[i] = x[i]! + a;
        out[i + 1] = x[i + 1]! + b;
      }
    }
  };
}

/**
 * −∇V for V = k(x² − 1)² + y²/2: u = (−4k x(x² − 1), −y), Jacobian diag(−4k(3x² − 1), −1). Its flow is exact: y
 * decays as e^{−τ}, and w = 1/x² obeys ẇ = 8k(1 − w), so over a time τ = t − s, x = sign(x_s)/√w with
 * w = 1 − (1 − 1/x_s²)e^{−8kτ} (x = 0 stays put; backward in time a point outside the wells reaches infinity in finite
 * time, where w ≤ 0: then x is ±∞).
 */
function twoWell(k: number): FieldPreset {
  const dxx = (x: number) => -4 * k * (3 * x * x - 1);
  return {
    name: "two-well",
    dim: 2,
    velocity(out, x, n) {
      checkBatch(x, n, 2);
      for (let i = 0; i < 2 * n; i += 2) {
        const a = x[i]!;
        out[i] = -4 * k * a * (a * a - 1);
        out[i + 1] = -x[i + 1]!;
      }
    },
    divergence(out, x, n) {
      checkBatch(x, n, 2);
      for (let i = 0; i < n; i++) out[i] = dxx(x[2 * i]!) - 1;
    },
    jvp(out, x, v, n) {
      checkBatch(x, n, 2);
      for (let i = 0; i < 2 * n; i += 2) {
        out[i] = dxx(x[i]!) * v[i]!;
        out[i + 1] = -v[i + 1]!;
      }
    },
    flowMap(out, x, n, s, t) {
      checkBatch(x, n, 2);
      const tau = t - s;
      const decay = Math.exp(-8 * k * tau);
      for (let i = 0; i < 2 * n; i += 2) {
        const a = x[i]!;
        const w = 1 - (1 - 1 / (a * a)) * decay;
        out[i] = a === 0 ? 0 : w > 0 ? Math.sign(a) / Math.sqrt(w) : Math.sign(a) * Infinity;
        out[i + 1] = x[i + 1]! * Math.exp(-tau);
      }
    }
  };
}

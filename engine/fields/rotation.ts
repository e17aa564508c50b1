import {affineField, applyAffine, type AffineField} from "./affine.ts";
import type {Vec2} from "./mat2.ts";

export interface RotationFieldOptions {
  /** Angular speed at t = 0, radians per unit time (positive = counter-clockwise). @defaultValue 1 */
  omega?: number;
  /** Linear growth of the speed: ω(t) = omega·(1 + growth·t). @defaultValue 0 */
  growth?: number;
  /** Centre of rotation. @defaultValue [0, 0] */
  center?: Vec2;
}

const defaults = {omega: 1, growth: 0, center: [0, 0] as Vec2};

export interface RotationField extends AffineField {
  /** Angle swept from time s to t: omega·((t − s) + growth·(t² − s²)/2). */
  angle(s: number, t: number): number;
  flowMap(out: Float64Array, x: Float64Array, n: number, s: number, t: number): void;
}

/**
 * Rigid rotation u_t(x) = ω(t) J (x − center), J = [[0, −1], [1, 0]]: divergence 0, radii preserved, exact flow a
 * rotation by the swept angle. With growth = 1 this is engine-reference's x' = (1 + t) J x order test.
 */
export function rotationField(options: RotationFieldOptions = {}): RotationField {
  const {omega, growth, center} = {...defaults, ...options};
  if (![omega, growth, ...center].every(Number.isFinite)) {
    throw new RangeError(`invalid rotation: omega ${omega}, growth ${growth}`);
  }
  const angle = (s: number, t: number) => omega * (t - s + (growth * (t * t - s * s)) / 2);
  return {
    ...affineField((t) => {
      const w = omega * (1 + growth * t);
      return {m: [0, -w, w, 0], c: [w * center[1], -w * center[0]]};
    }),
    angle,
    flowMap(out, x, n, s, t) {
      const th = angle(s, t);
      applyAffine(out, x, n, [Math.cos(th), -Math.sin(th), Math.sin(th), Math.cos(th)], center, center);
    }
  };
}

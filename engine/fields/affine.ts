import {checkBatch, type VelocityField} from "./field.ts";
import {trace, type Mat2, type Vec2} from "./mat2.ts";

/** Coefficients of an affine field u_t(x) = M_t x + c_t at one time. */
export interface AffineCoefficients {
  m: Mat2;
  c: Vec2;
}

/** A 2D field that is affine in x, with exact divergence tr M_t and Jacobian-vector products M_t v. */
export interface AffineField extends VelocityField {
  /** M_t and c_t at time t. */
  coefficients(t: number): AffineCoefficients;
  divergence(out: Float64Array, x: Float64Array, n: number, t: number): void;
  jvp(out: Float64Array, x: Float64Array, v: Float64Array, n: number, t: number): void;
}

/**
 * Builds the batch methods of an affine field from its coefficients. Every analytic field here is affine (linear,
 * rotation, Gaussian-to-Gaussian paths), which is what gives them closed-form flows and densities.
 */
export function affineField(coefficients: (t: number) => AffineCoefficients): AffineField {
  return {
    dim: 2,
    coefficients,
    velocity(out, x, n, t) {
      checkBatch(x, n, 2);
      const {m, c} = coefficients(t);
      for (let i = 0; i < 2 * n; i += 2) {
        const x0 = x[i]!;
        const x1 = x[i + 1]!;
        out[i] = m[0] * x0 + m[1] * x1 + c[0];
        out[i + 1] = m[2] * x0 + m[3] * x1 + c[1];
      }
    },
    divergence(out, _x, n, t) {
      out.fill(trace(coefficients(t).m), 0, n);
    },
    jvp(out, _x, v, n, t) {
      const {m} = coefficients(t);
      for (let i = 0; i < 2 * n; i += 2) {
        const v0 = v[i]!;
        const v1 = v[i + 1]!;
        out[i] = m[0] * v0 + m[1] * v1;
        out[i + 1] = m[2] * v0 + m[3] * v1;
      }
    }
  };
}

/** Writes z_i = m (x_i − from) + to for n points: the affine maps of every closed-form flow map. */
export function applyAffine(out: Float64Array, x: Float64Array, n: number, m: Mat2, from: Vec2, to: Vec2): void {
  checkBatch(x, n, 2);
  for (let i = 0; i < 2 * n; i += 2) {
    const d0 = x[i]! - from[0];
    const d1 = x[i + 1]! - from[1];
    out[i] = m[0] * d0 + m[1] * d1 + to[0];
    out[i + 1] = m[2] * d0 + m[3] * d1 + to[1];
  }
}

import {affineField, applyAffine, type AffineField} from "./affine.ts";
import {expm} from "./expm.ts";
import {apply, mul, transpose, type Mat2, type Vec2} from "./mat2.ts";

export interface LinearFieldOptions {
  /** The matrix A (row-major [a11, a12, a21, a22]). @defaultValue [0, 0, 0, 0] */
  a?: Mat2;
  /** The offset b. @defaultValue [0, 0] */
  b?: Vec2;
}

const defaults = {a: [0, 0, 0, 0] as Mat2, b: [0, 0] as Vec2};

/** A time-independent linear field with its closed-form flow and Gaussian push-forward. */
export interface LinearField extends AffineField {
  readonly a: Mat2;
  readonly b: Vec2;
  flowMap(out: Float64Array, x: Float64Array, n: number, s: number, t: number): void;
  /**
   * The flow over a duration τ as an affine map x ↦ E x + g, with E = e^{τA} and g = (∫₀^τ e^{rA} dr) b, from the
   * exponential of the 3×3 block matrix τ[[A, b], [0, 0]].
   */
  flowOver(tau: number): {e: Mat2; g: Vec2};
  /** N(mean, cov) carried for a duration τ: N(E mean + g, E cov Eᵀ); its log-density drops by τ tr A. */
  pushGaussian(mean: Vec2, cov: Mat2, tau: number): {mean: Vec2; cov: Mat2};
}

/**
 * u(x) = A x + b, constant in time (sinks, sources, saddles, shears, constant velocities). ∇·u = tr A, and a blob's
 * area grows as e^{t tr A} (lecture D3.14).
 */
export function linearField(options: LinearFieldOptions = {}): LinearField {
  const {a, b} = {...defaults, ...options};
  if (a.length !== 4 || b.length !== 2 || ![...a, ...b].every(Number.isFinite)) {
    throw new RangeError(`invalid linear field: a [${a.join(",")}], b [${b.join(",")}]`);
  }
  const flowOver = (tau: number) => {
    const m = expm(
      [a[0], a[1], b[0], a[2], a[3], b[1], 0, 0, 0].map((v) => tau * v),
      3
    );
    return {e: [m[0]!, m[1]!, m[3]!, m[4]!] as Mat2, g: [m[2]!, m[5]!] as Vec2};
  };
  return {
    ...affineField(() => ({m: a, c: b})),
    a,
    b,
    flowOver,
    flowMap(out, x, n, s, t) {
      const {e, g} = flowOver(t - s);
      applyAffine(out, x, n, e, [0, 0], g);
    },
    pushGaussian(mean, cov, tau) {
      const {e, g} = flowOver(tau);
      const [m0, m1] = apply(e, mean);
      return {mean: [m0 + g[0], m1 + g[1]], cov: mul(mul(e, cov), transpose(e))};
    }
  };
}

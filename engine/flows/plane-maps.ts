/**
 * Deck 2's named nonlinear maps of the plane (D2.4, D2.5), each with its exact Jacobian, determinant and inverse, in
 * plain numbers (no autodiff graph): a picture needs thousands of evaluations per frame. Each is a generator
 * f: z → x with one `strength` knob k ≥ 0 (k = 0 is the identity):
 *
 * - "planar bump": f(z) = z + a·tanh(wᵀz + b) with a = k·A₀ (a planar layer with one tanh unit; its vector is named a,
 *   since u is the residual branch later in the deck). det J = 1 + tanh′(wᵀz + b)·wᵀa > 0 because wᵀa ≥ 0. Its
 *   inverse solves one monotone scalar equation along w by Newton's method to `NEWTON_TOLERANCE`.
 * - "swirl": f(z) = R(κ e^{−‖z‖²}) z, κ = k·KAPPA₀: a rotation by an angle that fades with the radius. Rotations
 *   keep ‖z‖, so the inverse is the rotation back by the same angle, and det J ≡ 1 (area is kept everywhere).
 * - "coupling": x₁ = z₁, x₂ = z₂ e^{s(z₁)} + m(z₁) with s(z₁) = k·0.6 sin(1.5 z₁), m(z₁) = k·0.4 (z₁² − 1): an affine
 *   coupling with closed-form s and m; det J = e^{s(z₁)} depends on z₁ only.
 */

/** The maps by name. */
export const planeMapNames = ["planar bump", "swirl", "coupling"] as const;
export type PlaneMapName = (typeof planeMapNames)[number];

/** A 2×2 matrix [J₁₁, J₁₂, J₂₁, J₂₂] (row-major: J_ij = ∂f_i/∂z_j). */
export type Matrix2 = [number, number, number, number];

/** A nonlinear bijection of the plane with its exact derivatives (points are [x, y] pairs). */
export interface PlaneMap {
  readonly name: PlaneMapName;
  readonly strength: number;
  /** x = f(z). */
  map(z1: number, z2: number): [number, number];
  /** The exact Jacobian J_f(z) = [∂f_i/∂z_j], row-major. */
  jacobian(z1: number, z2: number): Matrix2;
  /** det J_f(z) (> 0 everywhere for these maps). */
  det(z1: number, z2: number): number;
  /** z = f⁻¹(x): closed form (swirl, coupling) or Newton along w to NEWTON_TOLERANCE (planar bump). */
  inverse(x1: number, x2: number): [number, number];
}

/** Planar bump: the direction w, the offset b and the vector a at strength 1 (wᵀa = 2.4 there). */
export const PLANAR_W: readonly [number, number] = [1.8, 0.6];
export const PLANAR_B = 0.3;
export const PLANAR_A: readonly [number, number] = [1.2, 0.4];
/** Swirl: the rotation angle at the origin, in radians, at strength 1. */
export const SWIRL_KAPPA = 2.5;
/** Largest |residual| of the planar bump's scalar equation when its Newton solve stops. */
export const NEWTON_TOLERANCE = 1e-12;

/** 2×2 determinant. */
export function det2(j: Matrix2): number {
  return j[0] * j[3] - j[1] * j[2];
}

/** The named map at a strength k ≥ 0 (0 is the identity). */
export function planeMap(name: PlaneMapName, strength = 1): PlaneMap {
  if (!(Number.isFinite(strength) && strength >= 0))
    throw new RangeError(`invalid strength: ${strength} (a number ≥ 0)`);
  switch (name) {
    case "planar bump":
      return planarBump(strength);
    case "swirl":
      return swirl(strength);
    case "coupling":
      return coupling(strength);
    default:
      throw new RangeError(`unknown plane map: ${String(name)} (one of ${planeMapNames.join(", ")})`);
  }
}

function planarBump(k: number): PlaneMap {
  const [w1, w2] = PLANAR_W;
  const [a1, a2] = [k * PLANAR_A[0], k * PLANAR_A[1]];
  const wa = w1 * a1 + w2 * a2;
  const jacobian = (z1: number, z2: number): Matrix2 => {
    const t = Math.tanh(w1 * z1 + w2 * z2 + PLANAR_B);
    const h = 1 - t * t;
    return [1 + h * a1 * w1, h * a1 * w2, h * a2 * w1, 1 + h * a2 * w2];
  };
  return {
    name: "planar bump",
    strength: k,
    map(z1, z2) {
      const t = Math.tanh(w1 * z1 + w2 * z2 + PLANAR_B);
      return [z1 + a1 * t, z2 + a2 * t];
    },
    jacobian,
    det(z1, z2) {
      const t = Math.tanh(w1 * z1 + w2 * z2 + PLANAR_B);
      return 1 + (1 - t * t) * wa;
    },
    inverse(x1, x2) {
      // Along w the map is α ↦ α + wᵀa·tanh(α + b) with α = wᵀz: strictly increasing (wᵀa ≥ 0), and its root lies
      // within wᵀa of wᵀx (|tanh| < 1). Newton's method, kept inside that bracket by bisection when a step leaves it.
      const target = w1 * x1 + w2 * x2;
      let [lo, hi] = [target - wa, target + wa];
      let alpha = target;
      for (let i = 0; i < 200; i++) {
        const t = Math.tanh(alpha + PLANAR_B);
        const residual = alpha + wa * t - target;
        if (Math.abs(residual) <= NEWTON_TOLERANCE) break;
        if (residual > 0) hi = alpha;
        else lo = alpha;
        const next = alpha - residual / (1 + wa * (1 - t * t));
        alpha = next > lo && next < hi ? next : 0.5 * (lo + hi);
      }
      const t = Math.tanh(alpha + PLANAR_B);
      return [x1 - a1 * t, x2 - a2 * t];
    }
  };
}

function swirl(k: number): PlaneMap {
  const kappa = k * SWIRL_KAPPA;
  const angle = (z1: number, z2: number) => kappa * Math.exp(-(z1 * z1 + z2 * z2));
  const rotate = (theta: number, z1: number, z2: number): [number, number] => {
    const [c, s] = [Math.cos(theta), Math.sin(theta)];
    return [c * z1 - s * z2, s * z1 + c * z2];
  };
  const jacobian = (z1: number, z2: number): Matrix2 => {
    // x = R(θ) z with θ = κ e^{−‖z‖²}: J = R(θ) (I + (Pz)(∇θ)ᵀ), P the quarter turn, ∇θ = −2θ z.
    const theta = angle(z1, z2);
    const [c, s] = [Math.cos(theta), Math.sin(theta)];
    const [g1, g2] = [-2 * theta * z1, -2 * theta * z2];
    const [p1, p2] = [-z2, z1];
    const [m11, m12, m21, m22] = [1 + p1 * g1, p1 * g2, p2 * g1, 1 + p2 * g2];
    return [c * m11 - s * m21, c * m12 - s * m22, s * m11 + c * m21, s * m12 + c * m22];
  };
  return {
    name: "swirl",
    strength: k,
    map: (z1, z2) => rotate(angle(z1, z2), z1, z2),
    jacobian,
    det: (z1, z2) => det2(jacobian(z1, z2)),
    inverse: (x1, x2) => rotate(-angle(x1, x2), x1, x2)
  };
}

function coupling(k: number): PlaneMap {
  const s = (z1: number) => k * 0.6 * Math.sin(1.5 * z1);
  const ds = (z1: number) => k * 0.9 * Math.cos(1.5 * z1);
  const m = (z1: number) => k * 0.4 * (z1 * z1 - 1);
  const dm = (z1: number) => k * 0.8 * z1;
  return {
    name: "coupling",
    strength: k,
    map: (z1, z2) => [z1, z2 * Math.exp(s(z1)) + m(z1)],
    jacobian(z1, z2) {
      const e = Math.exp(s(z1));
      return [1, 0, z2 * ds(z1) * e + dm(z1), e];
    },
    det: (z1) => Math.exp(s(z1)),
    inverse: (x1, x2) => [x1, (x2 - m(x1)) * Math.exp(-s(x1))]
  };
}

/** log N(z; 0, I) in two dimensions. */
export function logStandardNormal2(z1: number, z2: number): number {
  return -Math.log(2 * Math.PI) - 0.5 * (z1 * z1 + z2 * z2);
}

/** The three terms of the change of variables at x: log p_Z(z) + (−log|det J_f(z)|) = log p_X(x), z = f⁻¹(x). */
export interface ChangeOfVariables {
  z: [number, number];
  logPz: number;
  /** −log|det J_f(z)|. */
  minusLogDet: number;
  logPx: number;
}

/** The density of f(z), z ~ N(0, I), at x by the change of variables, with its terms. */
export function pushedLogDensity(f: PlaneMap, x1: number, x2: number): ChangeOfVariables {
  const z = f.inverse(x1, x2);
  const logPz = logStandardNormal2(z[0], z[1]);
  const minusLogDet = -Math.log(Math.abs(f.det(z[0], z[1])));
  return {z, logPz, minusLogDet, logPx: logPz + minusLogDet};
}

/**
 * K residual layers of a velocity field, z_k = z_{k−1} + δ u_{t_{k−1}}(z_{k−1}) with δ = 1/K and t_k = kδ (lecture
 * D2.23): each layer is one Euler step, and its exact log-determinant log|det(I + δJ)| with J = ∂u/∂z at the layer's
 * input is summed next to its first-order term δ tr J. As K grows, the layers' map tends to the ODE's flow map and
 * Σ_k log|det(I + δJ_k)| − δ Σ_k tr J_k = −(δ²/2) Σ_k tr(J_k²) + … shrinks like δ (D2.24). The continuous limit,
 * ∫₀¹ tr J(z_t) dt along the ODE's path, is computed by integrating [z, ℓ] with ℓ′ = ∇·u (`divergenceIntegral`).
 */
import {dopri5} from "../ode/dopri5.ts";
import {integrate} from "../ode/integrate.ts";
import type {VelocityField} from "./field.ts";

/** A field that gives its Jacobian-vector products (every deck-3 preset does). */
export type JacobianField = VelocityField & Required<Pick<VelocityField, "jvp">>;

export interface ResidualLayers {
  /** The K + 1 points z_0 … z_K, flat [x, y, x, y, …]. */
  points: Float64Array;
  /** Σ_k log|det(I + δJ_k)|: the stack's exact log-determinant. */
  logDet: number;
  /** δ Σ_k tr J_k: the same sum with each log-det replaced by its first-order term. */
  traceSum: number;
  /** The smallest det(I + δJ_k) along the stack: ≤ 0 means a layer folds (Lip(δu) ≥ 1 there). */
  minDet: number;
  /** Field evaluations (one velocity and two JVPs per layer). */
  evaluations: number;
}

/** The 2×2 Jacobian J = ∂u_t/∂z at one point, as [J₁₁, J₁₂, J₂₁, J₂₂], from two JVPs. */
export function jacobianAt(field: JacobianField, z: Float64Array, t: number): [number, number, number, number] {
  const c1 = new Float64Array(2);
  const c2 = new Float64Array(2);
  field.jvp(c1, z, Float64Array.of(1, 0), 1, t);
  field.jvp(c2, z, Float64Array.of(0, 1), 1, t);
  return [c1[0]!, c2[0]!, c1[1]!, c2[1]!];
}

/** The K residual layers from z_0; see the file comment. */
export function residualLayers(field: JacobianField, z0: readonly [number, number], K: number): ResidualLayers {
  if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`invalid K: ${K} (an integer ≥ 1)`);
  const delta = 1 / K;
  const points = new Float64Array(2 * (K + 1));
  points[0] = z0[0];
  points[1] = z0[1];
  const z = Float64Array.of(z0[0], z0[1]);
  const u = new Float64Array(2);
  let logDet = 0;
  let traceSum = 0;
  let minDet = Infinity;
  for (let k = 1; k <= K; k++) {
    const t = (k - 1) * delta;
    const [a, b, c, d] = jacobianAt(field, z, t);
    const det = (1 + delta * a) * (1 + delta * d) - delta * delta * b * c;
    minDet = Math.min(minDet, det);
    logDet += Math.log(Math.abs(det));
    traceSum += delta * (a + d);
    field.velocity(u, z, 1, t);
    z[0] = z[0]! + delta * u[0]!;
    z[1] = z[1]! + delta * u[1]!;
    points[2 * k] = z[0];
    points[2 * k + 1] = z[1];
  }
  return {points, logDet, traceSum, minDet, evaluations: 3 * K};
}

export interface DivergenceIntegral {
  /** z_1, the end of the ODE's path from z_0. */
  end: [number, number];
  /** ∫₀¹ (∇·u_t)(z_t) dt = log det ∂z_1/∂z_0. */
  integral: number;
  /** Field evaluations of the solve (each gives the velocity and the divergence). */
  nfe: number;
  /** The path at the solver's steps: times and points (flat). */
  times: number[];
  points: Float64Array;
}

/**
 * Solves dz/dt = u_t(z), dℓ/dt = (∇·u_t)(z) from t = 0 to 1: by RK4 with `steps` steps, or adaptively by Dopri5 at
 * tolerance `tol` (rtol = atol). The divergence is the field's exact one, or tr J from two JVPs if it has none.
 */
export function divergenceIntegral(
  field: JacobianField,
  z0: readonly [number, number],
  solver: {steps: number} | {tol: number}
): DivergenceIntegral {
  const div = new Float64Array(1);
  const divergence = (z: Float64Array, t: number): number => {
    if (field.divergence) {
      field.divergence(div, z, 1, t);
      return div[0]!;
    }
    const [a, , , d] = jacobianAt(field, z, t);
    return a + d;
  };
  const deriv = (out: Float64Array, y: Float64Array, t: number) => {
    const z = y.subarray(0, 2);
    field.velocity(out, z, 1, t);
    out[2] = divergence(z, t);
  };
  const y0 = Float64Array.of(z0[0], z0[1], 0);
  const result =
    "steps" in solver
      ? integrate(deriv, y0, {solver: "rk4", steps: solver.steps, saveAt: "steps"})
      : integrate(deriv, y0, {solver: dopri5({rtol: solver.tol, atol: solver.tol}), saveAt: "steps"});
  const trajectory = result.trajectory!;
  const points = new Float64Array(2 * trajectory.t.length);
  trajectory.y.forEach((y, i) => points.set(y.subarray(0, 2), 2 * i));
  return {
    end: [result.y[0]!, result.y[1]!],
    integral: result.y[2]!,
    nfe: result.nfe,
    times: Array.from(trajectory.t),
    points
  };
}

/**
 * The adjoint method for a neural ODE's inputs (lecture D3.7): for a loss L(x_1) of the end point of
 * dx/dt = u_t(x) started at x_0, the adjoint a(t) = ∂L/∂x_t obeys da/dt = −a(t)ᵀ ∂u_t/∂x (x_t), from a(1) = ∂L/∂x_1
 * back to a(0) = ∂L/∂x_0. The state is carried backward with it, so nothing from the forward solve is stored: memory
 * O(1) in the number of steps. (The parameter gradient ∫ aᵀ ∂u/∂θ dt rides along the same backward solve; the demos
 * only need the input part.)
 */
import type {VelocityField} from "../fields/field.ts";
import {integrate, type IntegrateOptions} from "./integrate.ts";

export interface AdjointResult {
  /** x_1: the forward solve's end point (n × d). */
  x1: Float64Array;
  /** a(0) = ∂L/∂x_0 (n × d). */
  gradient: Float64Array;
  /** x_0 recovered by the backward solve (equals the start up to the solver's error). */
  x0: Float64Array;
}

/**
 * ∂L/∂x_0 by the adjoint ODE. `dLdx1(out, x1)` writes ∂L/∂x_1 for the end points. Needs the field's `jvp`: the
 * vector–Jacobian product aᵀJ is assembled from d Jacobian-vector products per point (fine for the plane).
 */
export function adjointGradient(
  field: VelocityField,
  x0: Float64Array,
  n: number,
  dLdx1: (out: Float64Array, x1: Float64Array) => void,
  options: Omit<IntegrateOptions, "t0" | "t1" | "saveAt"> = {}
): AdjointResult {
  const {jvp} = field;
  if (!jvp) throw new Error("adjoint needs the field's jvp");
  const d = field.dim;
  const m = n * d;
  const {y: x1} = integrate((out, y, t) => field.velocity(out, y, n, t), x0, {...options, t0: 0, t1: 1});
  const start = new Float64Array(2 * m);
  start.set(x1);
  const a1 = new Float64Array(m);
  dLdx1(a1, x1);
  start.set(a1, m);
  const basis = new Float64Array(m);
  const column = new Float64Array(m);
  const deriv = (out: Float64Array, y: Float64Array, t: number) => {
    const x = y.subarray(0, m);
    const a = y.subarray(m);
    field.velocity(out.subarray(0, m), x, n, t);
    const da = out.subarray(m);
    da.fill(0);
    // (aᵀJ)_j = a · (J e_j): one JVP per input direction j.
    for (let j = 0; j < d; j++) {
      basis.fill(0);
      for (let i = 0; i < n; i++) basis[i * d + j] = 1;
      jvp(column, x, basis, n, t);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += a[i * d + k]! * column[i * d + k]!;
        da[i * d + j] = -s;
      }
    }
  };
  const {y} = integrate(deriv, start, {...options, t0: 1, t1: 0});
  return {x1, gradient: y.slice(m), x0: y.slice(0, m)};
}

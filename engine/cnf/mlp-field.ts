import type {VelocityField} from "../fields/field.ts";
import type {Mlp} from "../nn/mlp.ts";

/**
 * A trained time-conditioned MLP u_θ(x, t) as a velocity field for the solvers: graph-free float64 `evaluate` for
 * velocities, and the network's exact forward-mode divergence and Jacobian-vector products, also graph-free.
 */
export function mlpField(net: Mlp): VelocityField {
  const d = net.sizes[0]!;
  if (net.sizes[net.sizes.length - 1] !== d) throw new RangeError(`invalid mlp field: sizes ${net.sizes.join("-")}`);
  return {
    dim: d,
    velocity: (out, x, n, t) => net.evaluate(out, x, n, t),
    divergence: (out, x, n, t) => net.evaluateDivergence(out, x, n, t),
    jvp: (out, x, v, n, t) => net.evaluateJvp(out, x, v, n, t)
  };
}

/** The MLP activations by name: the tensor op, its derivative op (for forward-mode tangents) and the scalar form. */
import * as ops from "../autodiff/ops/elementwise.ts";
import * as s from "../autodiff/scalar.ts";
import type {Tensor} from "../autodiff/tensor.ts";

export type ActivationName = "silu" | "tanh" | "elu" | "selu" | "softplus" | "relu";

export interface Activation {
  /** σ(a), elementwise. */
  op(a: Tensor): Tensor;
  /** σ'(a), elementwise, itself differentiable (its backward uses σ''). */
  prime(a: Tensor): Tensor;
  /** σ on one number, for the graph-free inference loop. */
  scalar(x: number): number;
}

export const activations: Record<ActivationName, Activation> = {
  silu: {op: ops.silu, prime: ops.siluPrime, scalar: s.silu},
  tanh: {op: ops.tanh, prime: ops.tanhPrime, scalar: Math.tanh},
  elu: {op: ops.elu, prime: ops.eluPrime, scalar: s.elu},
  selu: {op: ops.selu, prime: ops.seluPrime, scalar: s.selu},
  softplus: {op: ops.softplus, prime: ops.softplusPrime, scalar: s.softplus},
  relu: {op: ops.relu, prime: ops.reluPrime, scalar: s.relu}
};

/** Validates an activation name. */
export function activation(name: string): Activation {
  const a = (activations as Record<string, Activation | undefined>)[name];
  if (!a) throw new RangeError(`invalid activation: ${name}`);
  return a;
}

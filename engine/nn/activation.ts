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
  /** σ on one number, for the graph-free inference loops. */
  scalar(x: number): number;
  /** σ' on one number, for the graph-free divergence and JVP. */
  scalarPrime(x: number): number;
}

export const activations: Record<ActivationName, Activation> = {
  silu: {op: ops.silu, prime: ops.siluPrime, scalar: s.silu, scalarPrime: s.siluPrime},
  tanh: {op: ops.tanh, prime: ops.tanhPrime, scalar: Math.tanh, scalarPrime: (x) => 1 - Math.tanh(x) ** 2},
  elu: {op: ops.elu, prime: ops.eluPrime, scalar: s.elu, scalarPrime: s.eluPrime},
  selu: {op: ops.selu, prime: ops.seluPrime, scalar: s.selu, scalarPrime: s.seluPrime},
  softplus: {op: ops.softplus, prime: ops.softplusPrime, scalar: s.softplus, scalarPrime: s.sigmoid},
  relu: {op: ops.relu, prime: ops.reluPrime, scalar: s.relu, scalarPrime: s.step}
};

/** Validates an activation name. */
export function activation(name: string): Activation {
  const a = (activations as Record<string, Activation | undefined>)[name];
  if (!a) throw new RangeError(`invalid activation: ${name}`);
  return a;
}

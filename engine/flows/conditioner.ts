/** The small MLP conditioners of coupling layers, initialised so that the layer starts as the identity. */
import {mlp, type Mlp} from "../nn/mlp.ts";
import type {ActivationName} from "../nn/activation.ts";

export interface ConditionerOptions {
  /** Hidden width. @defaultValue 64 */
  width?: number;
  /** Hidden layers. @defaultValue 2 */
  depth?: number;
  /** @defaultValue "tanh" */
  activation?: ActivationName;
  /** @defaultValue 0 */
  seed?: number;
}

/**
 * An MLP in → width^depth → out whose last layer is zero (nflows `enable_identity_init`, Glow's zero init): its
 * output is 0 at init, so additive and affine couplings start as the identity and training starts from the base.
 */
export function zeroOutputMlp(inputs: number, outputs: number, options: ConditionerOptions = {}): Mlp {
  const width = options.width ?? 64;
  const depth = options.depth ?? 2;
  const net = mlp({
    sizes: [inputs, ...Array.from({length: depth}, () => width), outputs],
    activation: options.activation ?? "tanh",
    seed: options.seed ?? 0
  });
  const params = net.parameters();
  params[params.length - 1]!.data.fill(0);
  params[params.length - 2]!.data.fill(0);
  return net;
}

/**
 * An untrained neural velocity field u^θ_t(x) = MLP_θ([x, t]) (lecture D3.7: "a neural ODE"): a seeded 3→32→32→2 tanh
 * network whose weights are all multiplied by `scale`, so a viewer can see what a network's field looks like at
 * initialization, and how larger weights make it faster and more tangled. Nothing is trained here.
 */
import {mlp, type Mlp} from "../nn/mlp.ts";
import {mlpField} from "./mlp-field.ts";
import type {VelocityField} from "../fields/field.ts";

/** Hidden width of the random field's two layers. */
export const RANDOM_FIELD_WIDTH = 32;

export interface RandomFieldOptions {
  /** Seed of the PyTorch-like initialization. @defaultValue 0 */
  seed?: number;
  /** Factor on every weight and bias. @defaultValue 1 */
  scale?: number;
}

/** The network and its field (velocity, exact divergence and JVPs from the network). */
export function randomNeuralField(options: RandomFieldOptions = {}): {net: Mlp; field: VelocityField} {
  const {seed = 0, scale = 1} = options;
  if (!(Number.isFinite(scale) && scale >= 0)) throw new RangeError(`invalid scale: ${scale}`);
  const net = mlp({
    sizes: [2, RANDOM_FIELD_WIDTH, RANDOM_FIELD_WIDTH, 2],
    activation: "tanh",
    time: "concat",
    seed
  });
  for (const p of net.parameters()) for (let i = 0; i < p.data.length; i++) p.data[i]! *= scale;
  return {net, field: mlpField(net)};
}

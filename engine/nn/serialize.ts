/** Loading an MLP from its JSON form (the format written by `mlp().toJSON()`, shared with the WebAssembly twin). */
import type {ActivationName} from "./activation.ts";
import type {MlpJson} from "./json.ts";
import {mlp, type Mlp} from "./mlp.ts";
import type {TimeMode} from "./time.ts";

/** Rebuilds an MLP with exactly the stored weights; throws on a malformed or inconsistent object. */
export function mlpFromJSON(json: MlpJson): Mlp {
  if (json?.kind !== "mlp") throw new Error(`invalid mlp json: kind ${JSON.stringify(json?.kind)}`);
  const net = mlp({
    sizes: json.sizes,
    activation: json.activation as ActivationName,
    time: json.time as TimeMode,
    ...(json.timeFrequencies !== undefined ? {timeFrequencies: json.timeFrequencies} : {})
  });
  const params = net.parameters();
  if (!Array.isArray(json.layers) || json.layers.length * 2 !== params.length) {
    throw new Error(`invalid mlp json: ${json.layers?.length} layers for sizes ${JSON.stringify(json.sizes)}`);
  }
  json.layers.forEach((layer, l) => {
    const weight = params[2 * l]!;
    const bias = params[2 * l + 1]!;
    if (layer.in !== weight.rows || layer.out !== weight.cols) {
      throw new Error(`invalid mlp json: layer ${l} is [${layer.in},${layer.out}], expected ${weight.shape}`);
    }
    if (layer.weight.length !== weight.data.length || layer.bias.length !== bias.data.length) {
      throw new Error(
        `invalid mlp json: layer ${l} has ${layer.weight.length} weights and ${layer.bias.length} biases`
      );
    }
    weight.data.set(layer.weight);
    bias.data.set(layer.bias);
  });
  return net;
}

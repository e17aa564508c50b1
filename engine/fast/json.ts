import type {Kernels} from "../kernels/types.ts";
import type {TimeMode} from "./features.ts";
import type {MlpJson} from "../nn/json.ts";
import {fastMlp, type FastActivation, type FastMlp} from "./mlp.ts";

/** One JSON form for both MLPs (engine/nn/json.ts): weight row-major [in × out], y = x W + b; numbers are float64. */
export type {MlpJson};

export function toJSON(net: FastMlp): MlpJson {
  const k = net.kernels;
  return {
    kind: "mlp",
    sizes: net.sizes.slice(),
    activation: net.activation,
    time: net.time,
    ...(net.time === "sinusoidal" ? {timeFrequencies: net.timeFrequencies} : {}),
    layers: net.layers.map((l) => ({
      weight: Array.from(k.view(l.weight, l.in * l.out)),
      bias: Array.from(k.view(l.bias, l.out)),
      in: l.in,
      out: l.out
    }))
  };
}

/** A fast MLP with exactly the stored weights (rounded to float32); throws on a malformed or inconsistent object. */
export function fastMlpFromJSON(json: MlpJson, kernels: Kernels): FastMlp {
  if (json?.kind !== "mlp") throw new Error(`invalid mlp json: kind ${JSON.stringify(json?.kind)}`);
  const net = fastMlp({
    sizes: json.sizes,
    activation: json.activation as FastActivation,
    time: json.time as TimeMode,
    ...(json.timeFrequencies !== undefined ? {timeFrequencies: json.timeFrequencies} : {}),
    kernels
  });
  if (!Array.isArray(json.layers) || json.layers.length !== net.layers.length) {
    net.dispose();
    throw new Error(`invalid mlp json: ${json.layers?.length} layers for sizes ${JSON.stringify(json.sizes)}`);
  }
  json.layers.forEach((layer, l) => {
    const own = net.layers[l]!;
    const ok = layer.in === own.in && layer.out === own.out;
    if (!ok || layer.weight?.length !== own.in * own.out || layer.bias?.length !== own.out) {
      net.dispose();
      throw new Error(`invalid mlp json: layer ${l} is [${layer.in},${layer.out}], expected [${own.in},${own.out}]`);
    }
    kernels.view(own.weight, own.in * own.out).set(layer.weight);
    kernels.view(own.bias, own.out).set(layer.bias);
  });
  return net;
}

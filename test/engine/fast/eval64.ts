import type {MlpJson} from "../../../engine/fast/json.ts";

// SELU constants (torch.nn.SELU): alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946.
const alpha = 1.6732632423543772;
const scale = 1.0507009873554805;

const activations: Record<string, (x: number) => number> = {
  silu: (x) => x / (1 + Math.exp(-x)),
  tanh: Math.tanh,
  elu: (x) => (x > 0 ? x : Math.exp(x) - 1),
  selu: (x) => scale * (x > 0 ? x : alpha * (Math.exp(x) - 1)),
  softplus: (x) => Math.log(1 + Math.exp(x)),
  relu: (x) => Math.max(x, 0)
};

/** The MLP described by json, evaluated in float64 straight from its definition (the oracle of the fast MLP). */
export function eval64(json: MlpJson, x: ArrayLike<number>, n: number, t: number | ArrayLike<number>): Float64Array {
  const act = activations[json.activation]!;
  const d = json.sizes[0]!;
  const out = new Float64Array(n * json.sizes[json.sizes.length - 1]!);
  for (let i = 0; i < n; i++) {
    const ti = typeof t === "number" ? t : t[i]!;
    let h = Array.from({length: d}, (_, j) => x[i * d + j]!);
    if (json.time === "concat") h.push(ti);
    if (json.time === "sinusoidal") {
      for (let k = 1; k <= json.timeFrequencies!; k++)
        h.push(Math.sin(2 * Math.PI * k * ti), Math.cos(2 * Math.PI * k * ti));
    }
    json.layers.forEach((layer, l) => {
      const y = layer.bias.slice();
      for (let p = 0; p < layer.in; p++)
        for (let j = 0; j < layer.out; j++) y[j]! += h[p]! * layer.weight[p * layer.out + j]!;
      h = l + 1 < json.layers.length ? y.map(act) : y;
    });
    h.forEach((v, j) => (out[i * h.length + j] = v));
  }
  return out;
}

/** mean((net(x, t) − target)²) in float64. */
export function loss64(
  json: MlpJson,
  x: ArrayLike<number>,
  n: number,
  t: ArrayLike<number>,
  target: ArrayLike<number>
) {
  const y = eval64(json, x, n, t);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (y[i]! - target[i]!) ** 2;
  return sum / y.length;
}

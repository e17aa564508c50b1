import {activationCodes, type Activation, type Kernels, type Ptr} from "../kernels/types.ts";
import {rng} from "../random.ts";
import {timeWidth, writeFeatures, type TimeMode} from "./features.ts";
import {toJSON, type MlpJson} from "./json.ts";

export type FastActivation = "silu" | "tanh" | "elu" | "selu" | "softplus" | "relu";

export interface FastMlpOptions {
  /** Data input width first, output width last; time features are not counted (e.g. [2, 128, 128, 128, 2]). */
  sizes: number[];
  /** Hidden activation; the last layer is linear. @defaultValue "silu" */
  activation?: FastActivation;
  /** How t enters (see features.ts). @defaultValue "none" */
  time?: TimeMode;
  /** K for time "sinusoidal". @defaultValue 4 */
  timeFrequencies?: number;
  /** Seed of the init W, b ~ U(±1/sqrt(fan_in)), drawn like engine/nn/mlp.ts. @defaultValue 0 */
  seed?: number;
  /** Where the parameters live and which kernels run them (see engine/kernels). */
  kernels: Kernels;
}

const defaults = {activation: "silu", time: "none", timeFrequencies: 4, seed: 0} as const;

/** One dense layer: weight [in×out] and bias [out] in kernel memory. */
export interface FastLayer {
  in: number;
  out: number;
  weight: Ptr;
  bias: Ptr;
  /** Activation code: the hidden activation, identity on the last layer. */
  act: Activation;
}

/** A float32 MLP whose parameters live in one block of kernel memory: [W1, b1, W2, b2, ...], each 4-float aligned. */
export interface FastMlp {
  readonly kernels: Kernels;
  readonly sizes: readonly number[];
  readonly activation: FastActivation;
  readonly time: TimeMode;
  readonly timeFrequencies: number;
  /** Columns of the network's input matrix: sizes[0] plus the time features. */
  readonly inputWidth: number;
  readonly outputWidth: number;
  readonly layers: readonly FastLayer[];
  /** The parameter block (offset, floats including alignment padding). */
  readonly params: {ptr: Ptr; length: number};
  /** out[n×outputWidth] = net(x [n×sizes[0]], t); t is one time or one per row. Float64 in and out, float32 inside. */
  forward(out: Float64Array | Float32Array, x: ArrayLike<number>, n: number, t?: number | ArrayLike<number>): void;
  /** The input matrix of (x, t) as the network sees it (n × inputWidth), e.g. to feed a regression trainer. */
  features(out: Float32Array | Float64Array, x: ArrayLike<number>, n: number, t?: number | ArrayLike<number>): void;
  toJSON(): MlpJson;
  /** Returns the parameter and scratch memory to the kernels; the MLP is unusable afterwards. */
  dispose(): void;
}

/** Rows per tile of `forward`: activations of one tile stay in cache while every layer runs over it. */
const tileRows = 128;

export function fastMlp(options: FastMlpOptions): FastMlp {
  const {sizes, activation, time, K, seed} = normalize(options);
  const k = options.kernels;
  const widths = [sizes[0]! + timeWidth(time, K), ...sizes.slice(1)];
  const {block, length, layers} = layout(k, widths, activationCodes[activation]);
  initialize(k, layers, seed);

  const inputWidth = widths[0]!;
  const outputWidth = widths[widths.length - 1]!;
  const maxWidth = Math.max(...widths);
  // Two ping-pong tiles for inference; x, pre-activation and activation share a buffer (biasAct allows aliasing).
  const tiles = [k.alloc(tileRows * maxWidth), k.alloc(tileRows * maxWidth)] as const;
  let disposed = false;

  const net: FastMlp = {
    kernels: k,
    sizes: sizes.slice(),
    activation,
    time,
    timeFrequencies: K,
    inputWidth,
    outputWidth,
    layers,
    params: {ptr: block, length},
    forward(out, x, n, t) {
      if (disposed) throw new Error("mlp is disposed");
      if (x.length < n * sizes[0]!) throw new RangeError(`shape mismatch: x ${x.length} vs [${n},${sizes[0]}]`);
      if (out.length < n * outputWidth) {
        throw new RangeError(`shape mismatch: out ${out.length} vs [${n},${outputWidth}]`);
      }
      for (let row0 = 0; row0 < n; row0 += tileRows) {
        const rows = Math.min(tileRows, n - row0);
        writeFeatures(k.view(tiles[0], rows * inputWidth), x, sizes[0]!, t, row0, rows, time, K);
        let cur = 0;
        for (const layer of layers) {
          k.matmul(tiles[1 - cur]!, tiles[cur]!, layer.weight, rows, layer.in, layer.out);
          cur = 1 - cur;
          k.biasAct(tiles[cur]!, tiles[cur]!, tiles[cur]!, layer.bias, rows, layer.out, layer.act);
        }
        out.set(k.view(tiles[cur]!, rows * outputWidth), row0 * outputWidth);
      }
    },
    features(out, x, n, t) {
      const tmp = out instanceof Float32Array ? out : new Float32Array(n * inputWidth);
      writeFeatures(tmp, x, sizes[0]!, t, 0, n, time, K);
      if (tmp !== out) out.set(tmp);
    },
    toJSON: () => toJSON(net),
    dispose() {
      if (disposed) return;
      disposed = true;
      k.free(block, length);
      for (const tile of tiles) k.free(tile, tileRows * maxWidth);
    }
  };
  return net;
}

function normalize(options: FastMlpOptions) {
  const {sizes} = options;
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new RangeError(`invalid sizes: ${JSON.stringify(sizes)}`);
  }
  const activation = options.activation ?? defaults.activation;
  if (!(activation in activationCodes) || activation === ("identity" as string)) {
    throw new RangeError(`invalid activation: ${activation}`);
  }
  const time = options.time ?? defaults.time;
  if (time !== "none" && time !== "concat" && time !== "sinusoidal") throw new RangeError(`invalid time: ${time}`);
  const K = options.timeFrequencies ?? defaults.timeFrequencies;
  if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`invalid timeFrequencies: ${K}`);
  return {sizes: sizes.slice(), activation, time, K, seed: options.seed ?? defaults.seed};
}

/** One block for all parameters, [W1, b1, W2, b2, ...], each array starting on a 16-byte boundary. */
function layout(k: Kernels, widths: number[], hidden: Activation) {
  const padded = (n: number) => Math.ceil(n / 4) * 4;
  let length = 0;
  for (let l = 0; l + 1 < widths.length; l++) length += padded(widths[l]! * widths[l + 1]!) + padded(widths[l + 1]!);
  const block = k.alloc(length);
  const layers: FastLayer[] = [];
  let at = block;
  for (let l = 0; l + 1 < widths.length; l++) {
    const [fanIn, fanOut] = [widths[l]!, widths[l + 1]!];
    const weight = at;
    const bias = weight + 4 * padded(fanIn * fanOut);
    at = bias + 4 * padded(fanOut);
    layers.push({in: fanIn, out: fanOut, weight, bias, act: l + 2 < widths.length ? hidden : activationCodes.identity});
  }
  return {block, length, layers};
}

function initialize(k: Kernels, layers: readonly FastLayer[], seed: number): void {
  const random = rng(seed);
  for (const {in: fanIn, out: fanOut, weight, bias} of layers) {
    const bound = 1 / Math.sqrt(fanIn);
    k.view(weight, fanIn * fanOut).set(random.fillUniform(new Float64Array(fanIn * fanOut), -bound, bound));
    k.view(bias, fanOut).set(random.fillUniform(new Float64Array(fanOut), -bound, bound));
  }
}

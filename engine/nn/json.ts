/** The JSON form of an MLP, shared with the WebAssembly float32 twin (engine/fast). */
import type {Tensor} from "../autodiff/tensor.ts";

/**
 * Serialized MLP. `sizes` excludes time features; layer 0's `in` includes them. `weight` is row-major [in × out]
 * (y = x W + b, samples as rows); `timeFrequencies` is present only for time "sinusoidal".
 */
export interface MlpJson {
  kind: "mlp";
  sizes: number[];
  activation: string;
  time: string;
  timeFrequencies?: number;
  layers: {weight: number[]; bias: number[]; in: number; out: number}[];
}

/** Plain-object copy of an MLP's configuration and weights. */
export function mlpJson(
  sizes: number[],
  activation: string,
  time: string,
  frequencies: number,
  layers: {weight: Tensor; bias: Tensor}[]
): MlpJson {
  return {
    kind: "mlp",
    sizes: sizes.slice(),
    activation,
    time,
    ...(time === "sinusoidal" ? {timeFrequencies: frequencies} : {}),
    layers: layers.map(({weight, bias}) => ({
      weight: Array.from(weight.data),
      bias: Array.from(bias.data),
      in: weight.rows,
      out: weight.cols
    }))
  };
}

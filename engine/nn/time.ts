/**
 * Time features appended after the data columns of an MLP input. "concat": the single column t. "sinusoidal" with K
 * frequencies: 2K columns ordered sin(2π·1·t), cos(2π·1·t), sin(2π·2·t), cos(2π·2·t), ..., sin(2πKt), cos(2πKt).
 */
import {add, scale} from "../autodiff/ops/arith.ts";
import {cos, sin} from "../autodiff/ops/elementwise.ts";
import {full, shapeMismatch, Tensor, zeros} from "../autodiff/tensor.ts";

export type TimeMode = "none" | "concat" | "sinusoidal";

/** How many input columns the time features add. */
export function timeWidth(mode: TimeMode, frequencies: number): number {
  return mode === "none" ? 0 : mode === "concat" ? 1 : 2 * frequencies;
}

/** t as an n×1 column: a number is broadcast, an n×1 tensor used as is, a 1×1 tensor broadcast (keeping its grad). */
function timeColumn(t: Tensor | number, n: number): Tensor {
  if (typeof t === "number") return full(n, 1, t);
  if (t.cols === 1 && t.rows === n) return t;
  if (t.cols === 1 && t.rows === 1) return add(zeros(n, 1), t);
  return shapeMismatch(t, zeros(n, 1));
}

/** The time feature columns as ops (n×timeWidth), or an empty list when mode is "none". */
export function timeFeatures(t: Tensor | number | undefined, n: number, mode: TimeMode, frequencies: number): Tensor[] {
  if (mode === "none") return [];
  if (t === undefined) throw new Error("missing t: this mlp is time-dependent");
  const tc = timeColumn(t, n);
  if (mode === "concat") return [tc];
  const feats: Tensor[] = [];
  for (let k = 1; k <= frequencies; k++) {
    const phase = scale(tc, 2 * Math.PI * k);
    feats.push(sin(phase), cos(phase));
  }
  return feats;
}

/** Writes the time features of one scalar t into out[offset ...] (graph-free twin of `timeFeatures`). */
export function fillTimeFeatures(out: Float64Array, offset: number, t: number, mode: TimeMode, frequencies: number) {
  if (mode === "concat") out[offset] = t;
  else if (mode === "sinusoidal") {
    for (let k = 1; k <= frequencies; k++) {
      const phase = 2 * Math.PI * k * t;
      out[offset + 2 * k - 2] = Math.sin(phase);
      out[offset + 2 * k - 1] = Math.cos(phase);
    }
  }
}

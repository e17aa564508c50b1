/**
 * The input matrix of a fast MLP: the data columns of x, then the time features (engine/nn/time.ts has the same
 * layout). "concat": the single column t. "sinusoidal" with K frequencies: 2K columns sin(2π·1·t), cos(2π·1·t), ...,
 * sin(2πKt), cos(2πKt).
 */
import {timeWidth, type TimeMode} from "../nn/time.ts";

export {timeWidth, type TimeMode};

/**
 * Writes rows [row0, row0 + rows) of the features of (x, t) into out (rows × (d + timeWidth), row-major).
 * x: n×d row-major; t: one time for all rows, or one per row (indexed by the absolute row); ignored for "none".
 */
export function writeFeatures(
  out: Float32Array,
  x: ArrayLike<number>,
  d: number,
  t: number | ArrayLike<number> | undefined,
  row0: number,
  rows: number,
  time: TimeMode,
  frequencies: number
): void {
  const width = d + timeWidth(time, frequencies);
  for (let r = 0; r < rows; r++) {
    const i = row0 + r;
    const o = r * width;
    for (let j = 0; j < d; j++) out[o + j] = x[i * d + j]!;
    if (time === "none") continue;
    const ti = t === undefined ? NaN : typeof t === "number" ? t : t[i]!;
    if (!Number.isFinite(ti)) throw new RangeError(`invalid t at row ${i}: ${ti}`);
    if (time === "concat") out[o + d] = ti;
    else {
      for (let k = 1; k <= frequencies; k++) {
        const phase = 2 * Math.PI * k * ti;
        out[o + d + 2 * k - 2] = Math.sin(phase);
        out[o + d + 2 * k - 1] = Math.cos(phase);
      }
    }
  }
}

/** Reductions: to a 1×1 scalar, across columns (one value per row) or across rows (one value per column). */
import {result, Tensor} from "../tensor.ts";
import {scale} from "./arith.ts";

/** Sum of all entries → 1×1. */
export function sum(a: Tensor): Tensor {
  const x = a.data;
  let acc = 0;
  for (let i = 0; i < x.length; i++) acc += x[i]!;
  return result(new Float64Array([acc]), 1, 1, [a], (g) => {
    const ga = a.gradBuffer();
    const g0 = g[0]!;
    for (let i = 0; i < ga.length; i++) ga[i]! += g0;
  });
}

/** Mean of all entries → 1×1 (sum scaled by 1/(rows·cols)). */
export function mean(a: Tensor): Tensor {
  return scale(sum(a), 1 / (a.rows * a.cols));
}

/** r×c → r×1: the sum across the columns of each row (per-sample sum of features). */
export function sumCols(a: Tensor): Tensor {
  const {rows, cols, data: x} = a;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let acc = 0;
    for (let j = 0; j < cols; j++) acc += x[i * cols + j]!;
    out[i] = acc;
  }
  return result(out, rows, 1, [a], (g) => {
    const ga = a.gradBuffer();
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) ga[i * cols + j]! += g[i]!;
  });
}

/** r×c → 1×c: the sum down the rows of each column (sum over the batch). */
export function sumRows(a: Tensor): Tensor {
  const {rows, cols, data: x} = a;
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j]! += x[i * cols + j]!;
  return result(out, 1, cols, [a], (g) => {
    const ga = a.gradBuffer();
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) ga[i * cols + j]! += g[j]!;
  });
}

/** r×c → 1×c: the mean over the batch (sumRows scaled by 1/r). */
export function meanRows(a: Tensor): Tensor {
  return scale(sumRows(a), 1 / a.rows);
}

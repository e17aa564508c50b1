/** Small tensor helpers shared by the 2D layers: column access, per-row log-dets and constants. */
import {add} from "../autodiff/ops/arith.ts";
import {concatCols, sliceCols} from "../autodiff/ops/shape.ts";
import {zeros, type Tensor} from "../autodiff/tensor.ts";

/** Column j of x as an n×1 tensor. */
export const col = (x: Tensor, j: number): Tensor => sliceCols(x, j, j + 1);

/** Two n×1 columns side by side: n×2. */
export const cols2 = (a: Tensor, b: Tensor): Tensor => concatCols(a, b);

/** Broadcasts a 1×1 (or n×1) log-det to n×1. */
export const perRow = (v: Tensor, n: number): Tensor => (v.rows === n ? v : add(zeros(n, 1), v));

/** x as the two columns (x_A, x_B) with A = `keep`, and back. */
export function split(x: Tensor, keep: 0 | 1): [Tensor, Tensor] {
  return [col(x, keep), col(x, 1 - keep)];
}

/** Inverse of `split`: puts a back at column `keep` and b at the other. */
export function merge(a: Tensor, b: Tensor, keep: 0 | 1): Tensor {
  return keep === 0 ? cols2(a, b) : cols2(b, a);
}

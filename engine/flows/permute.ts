/** Coordinate permutation layers: volume preserving (log-det 0), no parameters. */
import {concatCols} from "../autodiff/ops/shape.ts";
import {zeros, type Tensor} from "../autodiff/tensor.ts";
import {check2d, type Bijector} from "./bijector.ts";
import {col} from "./ops.ts";

/** x = (z₁, z₀): the 2D swap, its own inverse (normflows `Permute(2, mode="swap")`). */
export function permute(): Bijector {
  const swap = (v: Tensor) => {
    check2d(v);
    return concatCols(col(v, 1), col(v, 0));
  };
  return {
    name: "permute",
    parameters: () => [],
    zeroGrad: () => {},
    forward: (z) => ({x: swap(z), logDet: zeros(z.rows, 1)}),
    inverse: (x) => ({z: swap(x), logDet: zeros(x.rows, 1)})
  };
}

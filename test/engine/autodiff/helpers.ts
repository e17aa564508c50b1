import {mul} from "../../../engine/autodiff/ops/arith.ts";
import {sum} from "../../../engine/autodiff/ops/reduce.ts";
import {parameter, tensor, type Tensor} from "../../../engine/autodiff/tensor.ts";
import {rng, type Rng} from "../../../engine/random.ts";

/** A rows×cols parameter with entries uniform on [lo, hi). */
export function randomParam(random: Rng, rows: number, cols: number, lo = -1, hi = 1): Tensor {
  return parameter(random.fillUniform(new Float64Array(rows * cols), lo, hi) as Float64Array, rows, cols);
}

/**
 * Reduces y to a scalar through fixed random weights, Σ w ⊙ y, so every output entry gets a different upstream
 * gradient (plain sum would hide errors that swap or mix entries).
 */
export function probe(y: Tensor, seed = 99): Tensor {
  const w = rng(seed).fillUniform(new Float64Array(y.rows * y.cols), 0.5, 1.5) as Float64Array;
  return sum(mul(y, tensor(w, y.rows, y.cols)));
}

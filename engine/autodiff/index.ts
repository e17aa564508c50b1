export {Tensor, tensor, parameter, full, zeros, noGrad, isGradEnabled} from "./tensor.ts";
export {add, sub, mul, div, neg, scale, addScalar} from "./ops/arith.ts";
export {matmul, transpose} from "./ops/matmul.ts";
export {
  exp,
  log,
  square,
  sqrt,
  abs,
  sin,
  cos,
  tanh,
  tanhPrime,
  sigmoid,
  sigmoidPrime,
  silu,
  siluPrime,
  elu,
  eluPrime,
  selu,
  seluPrime,
  softplus,
  softplusPrime,
  relu,
  reluPrime
} from "./ops/elementwise.ts";
export {sum, mean, sumCols, sumRows, meanRows} from "./ops/reduce.ts";
export {concatCols, sliceCols, concatRows, sliceRows, gatherRows} from "./ops/shape.ts";
export {numericGrad, gradcheck} from "./gradcheck.ts";
export {Value, value} from "./value.ts";

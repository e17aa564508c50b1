/**
 * Elementwise functions, each a primitive with its own backward, plus the derivative functions (`tanhPrime`, ...) as
 * ops of their own: the MLP's forward-mode tangents multiply by σ'(a), and reverse mode through them needs σ''(a).
 * The loops live in unary-kernels.ts.
 */
import {result, Tensor} from "../tensor.ts";
import {unaryBackward, unaryForward, type UnaryOp} from "./unary-kernels.ts";

function unary(a: Tensor, op: UnaryOp): Tensor {
  const x = a.data;
  const out = new Float64Array(x.length);
  unaryForward(op, out, x);
  return result(out, a.rows, a.cols, [a], (g) => unaryBackward(op, a.gradBuffer(), g, x, out));
}

export const exp = (a: Tensor): Tensor => unary(a, "exp");
export const log = (a: Tensor): Tensor => unary(a, "log");
export const square = (a: Tensor): Tensor => unary(a, "square");
export const sqrt = (a: Tensor): Tensor => unary(a, "sqrt");
/** |x|, with derivative sign(x) (0 at 0). */
export const abs = (a: Tensor): Tensor => unary(a, "abs");
export const sin = (a: Tensor): Tensor => unary(a, "sin");
export const cos = (a: Tensor): Tensor => unary(a, "cos");

export const tanh = (a: Tensor): Tensor => unary(a, "tanh");
/** 1 − tanh²(x). */
export const tanhPrime = (a: Tensor): Tensor => unary(a, "tanhPrime");
export const sigmoid = (a: Tensor): Tensor => unary(a, "sigmoid");
/** σ(x)(1 − σ(x)). */
export const sigmoidPrime = (a: Tensor): Tensor => unary(a, "sigmoidPrime");
/** x·σ(x) (SiLU, Swish). */
export const silu = (a: Tensor): Tensor => unary(a, "silu");
/** σ(x)(1 + x(1 − σ(x))). */
export const siluPrime = (a: Tensor): Tensor => unary(a, "siluPrime");
/** x for x > 0, e^x − 1 otherwise. */
export const elu = (a: Tensor): Tensor => unary(a, "elu");
/** 1 for x > 0, e^x otherwise. */
export const eluPrime = (a: Tensor): Tensor => unary(a, "eluPrime");
/** λx for x > 0, λα(e^x − 1) otherwise (constants in scalar.ts). */
export const selu = (a: Tensor): Tensor => unary(a, "selu");
/** λ for x > 0, λα e^x otherwise. */
export const seluPrime = (a: Tensor): Tensor => unary(a, "seluPrime");
/** log(1 + e^x), computed stably. */
export const softplus = (a: Tensor): Tensor => unary(a, "softplus");
/** softplus' = σ. */
export const softplusPrime = sigmoid;
export const relu = (a: Tensor): Tensor => unary(a, "relu");
/** The step function x > 0 ? 1 : 0, with derivative 0 (relu's derivative almost everywhere). */
export const reluPrime = (a: Tensor): Tensor => unary(a, "reluPrime");

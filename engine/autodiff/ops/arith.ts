/**
 * Elementwise arithmetic with broadcasting: each dimension of the two operands must be equal or 1 (so a `1×c` row,
 * an `r×1` column or a `1×1` scalar stretches over the other operand). A plain number acts as a constant 1×1.
 * Backward sums the gradient over the stretched dimensions.
 */
import {result, shapeMismatch, Tensor} from "../tensor.ts";
import {binaryBackwardA, binaryBackwardB, binaryForward, type BinaryOp, type Strides} from "./binary-kernels.ts";

function asTensor(v: Tensor | number): Tensor {
  return typeof v === "number" ? new Tensor(new Float64Array([v]), 1, 1) : v;
}

function broadcastDim(a: Tensor, b: Tensor, m: number, n: number): number {
  if (m === n || n === 1) return m;
  if (m === 1) return n;
  return shapeMismatch(a, b);
}

function binary(op: BinaryOp, av: Tensor | number, bv: Tensor | number): Tensor {
  const a = asTensor(av);
  const b = asTensor(bv);
  const rows = broadcastDim(a, b, a.rows, b.rows);
  const cols = broadcastDim(a, b, a.cols, b.cols);
  // Strides into a and b: 0 along a stretched dimension.
  const s: Strides = [
    rows,
    cols,
    a.rows === 1 ? 0 : a.cols,
    a.cols === 1 ? 0 : 1,
    b.rows === 1 ? 0 : b.cols,
    b.cols === 1 ? 0 : 1
  ];
  const out = new Float64Array(rows * cols);
  binaryForward(op, out, a.data, b.data, s);
  return result(out, rows, cols, [a, b], (g) => {
    if (a.requiresGrad) binaryBackwardA(op, a.gradBuffer(), g, b.data, s);
    if (b.requiresGrad) binaryBackwardB(op, b.gradBuffer(), g, a.data, b.data, s);
  });
}

/** a + b, broadcasting. */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("add", a, b);
}

/** a − b, broadcasting. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("sub", a, b);
}

/** a ⊙ b (elementwise product), broadcasting. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("mul", a, b);
}

/** a / b (elementwise), broadcasting. */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("div", a, b);
}

/** k·a + c for constants k, c: the one linear unary primitive behind neg, scale and addScalar. */
function affine(a: Tensor, k: number, c: number): Tensor {
  const x = a.data;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = k * x[i]! + c;
  return result(out, a.rows, a.cols, [a], (g) => {
    const ga = a.gradBuffer();
    for (let i = 0; i < g.length; i++) ga[i]! += k * g[i]!;
  });
}

/** −a. */
export function neg(a: Tensor): Tensor {
  return affine(a, -1, 0);
}

/** k·a for a constant k. */
export function scale(a: Tensor, k: number): Tensor {
  return affine(a, k, 0);
}

/** a + k for a constant k. */
export function addScalar(a: Tensor, k: number): Tensor {
  return affine(a, 1, k);
}

/**
 * Elementwise arithmetic with broadcasting: each dimension of the two operands must be equal or 1 (so a `1×c` row,
 * an `r×1` column or a `1×1` scalar stretches over the other operand). A plain number acts as a constant 1×1.
 * Backward sums the gradient over the stretched dimensions.
 */
import {result, shapeMismatch, Tensor} from "../tensor.ts";

type Scalar2 = (x: number, y: number) => number;

function asTensor(v: Tensor | number): Tensor {
  return typeof v === "number" ? new Tensor(new Float64Array([v]), 1, 1) : v;
}

function broadcastDim(a: Tensor, b: Tensor, m: number, n: number): number {
  if (m === n || n === 1) return m;
  if (m === 1) return n;
  return shapeMismatch(a, b);
}

/** out = f(a, b) with broadcasting; partials da(x, y) and db(x, y) give the local derivatives. */
function binary(av: Tensor | number, bv: Tensor | number, f: Scalar2, da: Scalar2, db: Scalar2): Tensor {
  const a = asTensor(av);
  const b = asTensor(bv);
  const rows = broadcastDim(a, b, a.rows, b.rows);
  const cols = broadcastDim(a, b, a.cols, b.cols);
  // Strides into a and b: 0 along a stretched dimension.
  const ar = a.rows === 1 ? 0 : a.cols;
  const ac = a.cols === 1 ? 0 : 1;
  const br = b.rows === 1 ? 0 : b.cols;
  const bc = b.cols === 1 ? 0 : 1;
  const x = a.data;
  const y = b.data;
  const out = new Float64Array(rows * cols);
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) out[k] = f(x[i * ar + j * ac]!, y[i * br + j * bc]!);
  }
  return result(out, rows, cols, [a, b], (g) => {
    if (a.requiresGrad) {
      const ga = a.gradBuffer();
      for (let i = 0, k = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++, k++) {
          const p = i * ar + j * ac;
          ga[p]! += g[k]! * da(x[p]!, y[i * br + j * bc]!);
        }
      }
    }
    if (b.requiresGrad) {
      const gb = b.gradBuffer();
      for (let i = 0, k = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++, k++) {
          const q = i * br + j * bc;
          gb[q]! += g[k]! * db(x[i * ar + j * ac]!, y[q]!);
        }
      }
    }
  });
}

const one = () => 1;
const minusOne = () => -1;

/** a + b, broadcasting. */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(a, b, (x, y) => x + y, one, one);
}

/** a − b, broadcasting. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(a, b, (x, y) => x - y, one, minusOne);
}

/** a ⊙ b (elementwise product), broadcasting. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(
    a,
    b,
    (x, y) => x * y,
    (_x, y) => y,
    (x) => x
  );
}

/** a / b (elementwise), broadcasting. */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binary(
    a,
    b,
    (x, y) => x / y,
    (_x, y) => 1 / y,
    (x, y) => -x / (y * y)
  );
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

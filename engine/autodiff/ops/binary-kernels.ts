/**
 * The loops of the broadcasting arithmetic ops. Entry (i, j) of the output reads a[i·ar + j·ac] and b[i·br + j·bc],
 * where a stride is 0 along a stretched dimension; backward adds into the same positions, which sums the gradient
 * over stretched dimensions. One switch per row picks a loop with a direct expression (see unary-kernels.ts).
 */

export type BinaryOp = "add" | "sub" | "mul" | "div";

/** [rows, cols, ar, ac, br, bc]: output shape and the strides of a and b. */
export type Strides = readonly [number, number, number, number, number, number];

/** out = a (op) b entrywise with broadcasting. */
export function binaryForward(op: BinaryOp, out: Float64Array, x: Float64Array, y: Float64Array, s: Strides) {
  const [rows, cols, ar, ac, br, bc] = s;
  for (let i = 0; i < rows; i++) {
    const k = i * cols;
    const xi = i * ar;
    const yi = i * br;
    switch (op) {
      case "add":
        for (let j = 0; j < cols; j++) out[k + j] = x[xi + j * ac]! + y[yi + j * bc]!;
        break;
      case "sub":
        for (let j = 0; j < cols; j++) out[k + j] = x[xi + j * ac]! - y[yi + j * bc]!;
        break;
      case "mul":
        for (let j = 0; j < cols; j++) out[k + j] = x[xi + j * ac]! * y[yi + j * bc]!;
        break;
      case "div":
        for (let j = 0; j < cols; j++) out[k + j] = x[xi + j * ac]! / y[yi + j * bc]!;
        break;
    }
  }
}

/** ga += g ⊙ ∂(a op b)/∂a, summed over stretched dimensions of a. */
export function binaryBackwardA(op: BinaryOp, ga: Float64Array, g: Float64Array, y: Float64Array, s: Strides) {
  const [rows, cols, ar, ac, br, bc] = s;
  for (let i = 0; i < rows; i++) {
    const k = i * cols;
    const xi = i * ar;
    const yi = i * br;
    switch (op) {
      case "add":
      case "sub":
        for (let j = 0; j < cols; j++) ga[xi + j * ac]! += g[k + j]!;
        break;
      case "mul":
        for (let j = 0; j < cols; j++) ga[xi + j * ac]! += g[k + j]! * y[yi + j * bc]!;
        break;
      case "div":
        for (let j = 0; j < cols; j++) ga[xi + j * ac]! += g[k + j]! / y[yi + j * bc]!;
        break;
    }
  }
}

/** gb += g ⊙ ∂(a op b)/∂b, summed over stretched dimensions of b. */
export function binaryBackwardB(
  op: BinaryOp,
  gb: Float64Array,
  g: Float64Array,
  x: Float64Array,
  y: Float64Array,
  s: Strides
) {
  const [rows, cols, ar, ac, br, bc] = s;
  for (let i = 0; i < rows; i++) {
    const k = i * cols;
    const xi = i * ar;
    const yi = i * br;
    switch (op) {
      case "add":
        for (let j = 0; j < cols; j++) gb[yi + j * bc]! += g[k + j]!;
        break;
      case "sub":
        for (let j = 0; j < cols; j++) gb[yi + j * bc]! -= g[k + j]!;
        break;
      case "mul":
        for (let j = 0; j < cols; j++) gb[yi + j * bc]! += g[k + j]! * x[xi + j * ac]!;
        break;
      // d(x/y)/dy = −x/y²
      case "div":
        for (let j = 0; j < cols; j++)
          gb[yi + j * bc]! -= (g[k + j]! * x[xi + j * ac]!) / (y[yi + j * bc]! * y[yi + j * bc]!);
        break;
    }
  }
}

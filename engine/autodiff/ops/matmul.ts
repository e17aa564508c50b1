/** Matrix product (loops in kernels.ts) and transpose. */
import {matmulInto, matmulNTAdd, matmulTNAdd} from "../kernels.ts";
import {result, shapeMismatch, Tensor} from "../tensor.ts";

/** a @ b for a: r×k and b: k×c, giving r×c. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.cols !== b.rows) shapeMismatch(a, b);
  const r = a.rows;
  const k = a.cols;
  const c = b.cols;
  const x = a.data;
  const y = b.data;
  const out = new Float64Array(r * c);
  matmulInto(out, x, y, r, k, c);
  return result(out, r, c, [a, b], (g) => {
    if (a.requiresGrad) matmulNTAdd(a.gradBuffer(), g, y, r, k, c); // dA = G Bᵀ
    if (b.requiresGrad) matmulTNAdd(b.gradBuffer(), x, g, r, k, c); // dB = Aᵀ G
  });
}

/** aᵀ: r×c → c×r. */
export function transpose(a: Tensor): Tensor {
  const r = a.rows;
  const c = a.cols;
  const x = a.data;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j]!;
  return result(out, c, r, [a], (g) => {
    const ga = a.gradBuffer();
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) ga[i * c + j]! += g[j * r + i]!;
  });
}

/** Matrix product and transpose. Loops are ordered so the innermost one walks contiguous rows. */
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
  for (let i = 0; i < r; i++) {
    const o = i * c;
    for (let p = 0; p < k; p++) {
      const xip = x[i * k + p]!;
      if (xip === 0) continue;
      const q = p * c;
      for (let j = 0; j < c; j++) out[o + j]! += xip * y[q + j]!;
    }
  }
  return result(out, r, c, [a, b], (g) => {
    if (a.requiresGrad) {
      // dA = G Bᵀ: entry (i, p) is the dot product of row i of G with row p of B.
      const ga = a.gradBuffer();
      for (let i = 0; i < r; i++) {
        for (let p = 0; p < k; p++) {
          let acc = 0;
          for (let j = 0; j < c; j++) acc += g[i * c + j]! * y[p * c + j]!;
          ga[i * k + p]! += acc;
        }
      }
    }
    if (b.requiresGrad) {
      // dB = Aᵀ G: row p of dB gains a[i, p] times row i of G.
      const gb = b.gradBuffer();
      for (let i = 0; i < r; i++) {
        for (let p = 0; p < k; p++) {
          const xip = x[i * k + p]!;
          if (xip === 0) continue;
          for (let j = 0; j < c; j++) gb[p * c + j]! += xip * g[i * c + j]!;
        }
      }
    }
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

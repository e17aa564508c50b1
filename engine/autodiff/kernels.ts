/**
 * Dense float64 kernels behind matmul and the MLP's graph-free inference. They are top-level functions taking their
 * arrays as arguments on purpose: V8 keeps such arrays in registers, whereas arrays captured by a closure (as an op's
 * backward closure captures its inputs) are re-read from the closure context on every access, about 2.5× slower.
 * Rows are blocked by 4 so that each weight loaded from memory serves four rows (measured 1.6 → 3.9 GFLOP/s on a
 * 256×128 by 128×128 product).
 */

/** out (r×c) = a (r×k) · b (k×c), overwriting out. */
export function matmulInto(out: Float64Array, a: Float64Array, b: Float64Array, r: number, k: number, c: number) {
  out.fill(0, 0, r * c);
  let i = 0;
  for (; i + 4 <= r; i += 4) {
    const o0 = i * c;
    const o1 = o0 + c;
    const o2 = o1 + c;
    const o3 = o2 + c;
    for (let p = 0; p < k; p++) {
      const x0 = a[i * k + p]!;
      const x1 = a[(i + 1) * k + p]!;
      const x2 = a[(i + 2) * k + p]!;
      const x3 = a[(i + 3) * k + p]!;
      const q = p * c;
      for (let j = 0; j < c; j++) {
        const w = b[q + j]!;
        out[o0 + j]! += x0 * w;
        out[o1 + j]! += x1 * w;
        out[o2 + j]! += x2 * w;
        out[o3 + j]! += x3 * w;
      }
    }
  }
  for (; i < r; i++) {
    const o = i * c;
    for (let p = 0; p < k; p++) {
      const x0 = a[i * k + p]!;
      const q = p * c;
      for (let j = 0; j < c; j++) out[o + j]! += x0 * b[q + j]!;
    }
  }
}

/** Σ_j g[gi + j]·b[bi + j]: one entry of g · bᵀ. */
function dot(g: Float64Array, gi: number, b: Float64Array, bi: number, c: number): number {
  let s = 0;
  for (let j = 0; j < c; j++) s += g[gi + j]! * b[bi + j]!;
  return s;
}

/**
 * out (r×k) += g (r×c) · bᵀ where b is k×c: entry (i, p) gains the dot product of row i of g and row p of b.
 * Blocks of 2 rows × 2 columns keep four sums in registers (measured 1.8-2.0 → 2.4-3.5 GFLOP/s at 256×128×128).
 */
export function matmulNTAdd(out: Float64Array, g: Float64Array, b: Float64Array, r: number, k: number, c: number) {
  let i = 0;
  for (; i + 2 <= r; i += 2) {
    const g0 = i * c;
    const g1 = g0 + c;
    let p = 0;
    for (; p + 2 <= k; p += 2) {
      const b0 = p * c;
      const b1 = b0 + c;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let j = 0; j < c; j++) {
        const u0 = g[g0 + j]!;
        const u1 = g[g1 + j]!;
        const v0 = b[b0 + j]!;
        const v1 = b[b1 + j]!;
        s00 += u0 * v0;
        s01 += u0 * v1;
        s10 += u1 * v0;
        s11 += u1 * v1;
      }
      out[i * k + p]! += s00;
      out[i * k + p + 1]! += s01;
      out[(i + 1) * k + p]! += s10;
      out[(i + 1) * k + p + 1]! += s11;
    }
    for (; p < k; p++) {
      out[i * k + p]! += dot(g, g0, b, p * c, c);
      out[(i + 1) * k + p]! += dot(g, g1, b, p * c, c);
    }
  }
  for (; i < r; i++) for (let p = 0; p < k; p++) out[i * k + p]! += dot(g, i * c, b, p * c, c);
}

/** out (k×c) += aᵀ · g where a is r×k and g is r×c: row p of out gains a[i, p] times row i of g, 4 rows at a time. */
export function matmulTNAdd(out: Float64Array, a: Float64Array, g: Float64Array, r: number, k: number, c: number) {
  let i = 0;
  for (; i + 4 <= r; i += 4) {
    const g0 = i * c;
    const g1 = g0 + c;
    const g2 = g1 + c;
    const g3 = g2 + c;
    for (let p = 0; p < k; p++) {
      const x0 = a[i * k + p]!;
      const x1 = a[(i + 1) * k + p]!;
      const x2 = a[(i + 2) * k + p]!;
      const x3 = a[(i + 3) * k + p]!;
      const q = p * c;
      for (let j = 0; j < c; j++) out[q + j]! += x0 * g[g0 + j]! + x1 * g[g1 + j]! + x2 * g[g2 + j]! + x3 * g[g3 + j]!;
    }
  }
  for (; i < r; i++) {
    for (let p = 0; p < k; p++) {
      const x0 = a[i * k + p]!;
      const q = p * c;
      for (let j = 0; j < c; j++) out[q + j]! += x0 * g[i * c + j]!;
    }
  }
}

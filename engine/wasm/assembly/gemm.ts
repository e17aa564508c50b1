// Matrix products on f32x4 lanes. All pointers are byte offsets into linear memory; matrices are row-major float32.
// One kernel serves both `a b` and `aᵀ b`: element (i, p) of the left operand is read at a[i·sai + p·sap], so
// sai = k, sap = 1 reads a [m×k] and sai = 1, sap = m reads aᵀ for a stored [k×m]. The right operand is always
// [k×n] with unit column stride, which is what lets a 4×8 register block load it as two f32x4 per step of p.

/** 4 rows × 8 columns of out, accumulated over p in 8 f32x4 registers. */
function block4x8(out: usize, a: usize, b: usize, i: i32, j: i32, k: i32, n: i32, sai: i32, sap: i32): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0),
    c10 = f32x4.splat(0),
    c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0),
    c21 = f32x4.splat(0),
    c30 = f32x4.splat(0),
    c31 = f32x4.splat(0);
  const rs = (<usize>sai) << 2;
  const ps = (<usize>sap) << 2;
  const bs = (<usize>n) << 2;
  let pa = a + ((<usize>i * <usize>sai) << 2);
  let pb = b + ((<usize>j) << 2);
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let s = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(s, b0));
    c01 = f32x4.add(c01, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + rs);
    c10 = f32x4.add(c10, f32x4.mul(s, b0));
    c11 = f32x4.add(c11, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + 2 * rs);
    c20 = f32x4.add(c20, f32x4.mul(s, b0));
    c21 = f32x4.add(c21, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + 3 * rs);
    c30 = f32x4.add(c30, f32x4.mul(s, b0));
    c31 = f32x4.add(c31, f32x4.mul(s, b1));
    pa += ps;
    pb += bs;
  }
  const po = out + ((<usize>i * <usize>n + <usize>j) << 2);
  v128.store(po, c00);
  v128.store(po, c01, 16);
  v128.store(po + bs, c10);
  v128.store(po + bs, c11, 16);
  v128.store(po + 2 * bs, c20);
  v128.store(po + 2 * bs, c21, 16);
  v128.store(po + 3 * bs, c30);
  v128.store(po + 3 * bs, c31, 16);
}

/** One row × 4 columns (row and column tails). */
function block1x4(out: usize, a: usize, b: usize, i: i32, j: i32, k: i32, n: i32, sai: i32, sap: i32): void {
  let c = f32x4.splat(0);
  const ps = (<usize>sap) << 2;
  const bs = (<usize>n) << 2;
  let pa = a + ((<usize>i * <usize>sai) << 2);
  let pb = b + ((<usize>j) << 2);
  for (let p = 0; p < k; p++) {
    c = f32x4.add(c, f32x4.mul(v128.load32_splat(pa), v128.load(pb)));
    pa += ps;
    pb += bs;
  }
  v128.store(out + ((<usize>i * <usize>n + <usize>j) << 2), c);
}

/** One output element (columns past the last multiple of 4). */
function dot1(out: usize, a: usize, b: usize, i: i32, j: i32, k: i32, n: i32, sai: i32, sap: i32): void {
  let c: f32 = 0;
  for (let p = 0; p < k; p++) {
    c += load<f32>(a + ((<usize>(i * sai + p * sap)) << 2)) * load<f32>(b + ((<usize>(p * n + j)) << 2));
  }
  store<f32>(out + ((<usize>(i * n + j)) << 2), c);
}

/** out[m×n] = A·b with A(i, p) = a[i·sai + p·sap], b [k×n]. Columns go outermost so a k×8 panel of b stays in L1. */
export function gemm(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, sai: i32, sap: i32): void {
  const n8 = n & ~7;
  const n4 = n & ~3;
  const m4 = m & ~3;
  for (let j = 0; j < n8; j += 8) {
    let i = 0;
    for (; i < m4; i += 4) block4x8(out, a, b, i, j, k, n, sai, sap);
    for (; i < m; i++) {
      block1x4(out, a, b, i, j, k, n, sai, sap);
      block1x4(out, a, b, i, j + 4, k, n, sai, sap);
    }
  }
  for (let j = n8; j < n4; j += 4) {
    for (let i = 0; i < m; i++) block1x4(out, a, b, i, j, k, n, sai, sap);
  }
  for (let j = n4; j < n; j++) {
    for (let i = 0; i < m; i++) dot1(out, a, b, i, j, k, n, sai, sap);
  }
}

/** out[cols×rows] = aᵀ for a [rows×cols]. */
export function transpose(out: usize, a: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      store<f32>(out + ((<usize>(c * rows + r)) << 2), load<f32>(a + ((<usize>(r * cols + c)) << 2)));
    }
  }
}

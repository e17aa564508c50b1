// Products whose output has fewer than 8 columns (the MLP's last layer, n = 2): the 4×8 register block of gemm.ts
// would fall back to scalar dot products there, so these kernels run their vectors along another dimension.

/** Sum of the 4 lanes. */
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** out[m×n] = a[m×k] · bᵀ with b stored [n×k]: every output is a dot product of two contiguous rows. */
export function gemmDot(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32): void {
  const k4 = k & ~3;
  for (let i = 0; i < m; i++) {
    const pa = a + ((<usize>(i * k)) << 2);
    for (let j = 0; j < n; j++) {
      const pb = b + ((<usize>(j * k)) << 2);
      let acc = f32x4.splat(0);
      for (let p = 0; p < k4; p += 4) {
        const o = (<usize>p) << 2;
        acc = f32x4.add(acc, f32x4.mul(v128.load(pa + o), v128.load(pb + o)));
      }
      let sum = hsum(acc);
      for (let p = k4; p < k; p++) sum += load<f32>(pa + ((<usize>p) << 2)) * load<f32>(pb + ((<usize>p) << 2));
      store<f32>(out + ((<usize>(i * n + j)) << 2), sum);
    }
  }
}

/** out[m×n] = aᵀ · b with a stored [k×m] and b [k×n]: vectors run along the rows i of out, 16 at a time. */
export function gemmTANarrow(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32): void {
  const as = (<usize>m) << 2;
  const bs = (<usize>n) << 2;
  const o = (<usize>n) << 2;
  for (let j = 0; j < n; j++) {
    let i = 0;
    for (; i + 16 <= m; i += 16) {
      let c0 = f32x4.splat(0),
        c1 = f32x4.splat(0),
        c2 = f32x4.splat(0),
        c3 = f32x4.splat(0);
      let pa = a + ((<usize>i) << 2);
      let pb = b + ((<usize>j) << 2);
      for (let p = 0; p < k; p++) {
        const s = v128.load32_splat(pb);
        c0 = f32x4.add(c0, f32x4.mul(v128.load(pa), s));
        c1 = f32x4.add(c1, f32x4.mul(v128.load(pa, 16), s));
        c2 = f32x4.add(c2, f32x4.mul(v128.load(pa, 32), s));
        c3 = f32x4.add(c3, f32x4.mul(v128.load(pa, 48), s));
        pa += as;
        pb += bs;
      }
      const po = out + ((<usize>(i * n + j)) << 2);
      scatter(po, c0, o);
      scatter(po + 4 * o, c1, o);
      scatter(po + 8 * o, c2, o);
      scatter(po + 12 * o, c3, o);
    }
    for (; i < m; i++) {
      let sum: f32 = 0;
      for (let p = 0; p < k; p++) {
        sum += load<f32>(a + ((<usize>(p * m + i)) << 2)) * load<f32>(b + ((<usize>(p * n + j)) << 2));
      }
      store<f32>(out + ((<usize>(i * n + j)) << 2), sum);
    }
  }
}

/** Stores the 4 lanes of v at p, p + stride, p + 2·stride, p + 3·stride (one column of out). */
function scatter(p: usize, v: v128, stride: usize): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  store<f32>(p + stride, f32x4.extract_lane(v, 1));
  store<f32>(p + 2 * stride, f32x4.extract_lane(v, 2));
  store<f32>(p + 3 * stride, f32x4.extract_lane(v, 3));
}

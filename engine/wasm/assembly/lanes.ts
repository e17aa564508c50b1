// Activations on f32x4 lanes, shared by the bias + activation kernels (activation.ts) and the fused epilogue of the
// matrix product (gemm.ts). Activation codes match engine/kernels/types.ts:
// 0 identity, 1 relu, 2 silu, 3 tanh, 4 elu, 5 selu, 6 softplus (softplus has no vector form: callers go scalar).

// SELU constants from Klambauer et al. 2017 (torch.nn.SELU): alpha = 1.6732632423543772848170429916717,
// scale = 1.0507009873554804934193349852946.
const SELU_ALPHA: f32 = 1.6732632423543772;
const SELU_SCALE: f32 = 1.0507009873554805;

// exp(r) ≈ 1 + r + r²·(C2 + C3·r + C4·r² + C5·r³) on |r| ≤ ln2/2: near-minimax relative error, fitted here by
// iteratively reweighted least squares on 4001 Chebyshev points (max relative error 1.05e-7).
const C2: f32 = 0.499992311;
const C3: f32 = 0.166671142;
const C4: f32 = 0.0418901146;
const C5: f32 = 0.00831252523;
// Bits of 1.5·2^23 (0x4b400000) minus the exponent bias 127.
const MAGIC_BITS_MINUS_127: i32 = 0x4b400000 - 127;

// Helpers are static methods so that @inline (which AssemblyScript honours and Prettier can parse on methods)
// puts them straight into the loops: a call per f32x4 would cost as much as the arithmetic.
export class Lanes {
  /**
   * exp on 4 lanes: x = n·ln2 + r with |r| ≤ ln2/2, exp(r) by its degree-6 Taylor polynomial (truncation error
   * below 1.3e-7 relative), 2^n written into the exponent bits. Inputs are clamped to [-87, 88] so 2^n stays normal.
   * Rounding uses the 1.5·2^23 trick (adding it leaves round(x·log2 e) in the low mantissa bits) and the clamp uses
   * pmin/pmax: both map to single SSE instructions, where nearest, trunc_sat and NaN-aware min/max do not.
   */
  @inline static expv(x: v128): v128 {
    const magic = f32x4.splat(12582912); // 1.5 · 2^23
    x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87)), f32x4.splat(88));
    const shifted = f32x4.add(f32x4.mul(x, f32x4.splat(1.4426950408889634)), magic); // log2(e)
    const nf = f32x4.sub(shifted, magic);
    // ln 2 split in two (Cephes expf): 0.693359375 - 2.12194440e-4.
    let r = f32x4.sub(x, f32x4.mul(nf, f32x4.splat(0.693359375)));
    r = f32x4.add(r, f32x4.mul(nf, f32x4.splat(2.1219444e-4)));
    let p = f32x4.splat(1.0 / 720);
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 120));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 24));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0 / 6));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1));
    // The low bits of `shifted` hold n (two's complement within the mantissa): 2^n = (n + 127) << 23.
    const scale = i32x4.shl(i32x4.add(i32x4.sub(shifted, magic), i32x4.splat(127)), 23);
    return f32x4.mul(p, scale);
  }

  /**
   * e^-x for silu: like expv but with the degree-5 near-minimax polynomial C2..C5 (relative error 1.9e-7 in
   * float32 over the whole range, against 2.5e-7 for the Taylor polynomial, and two operations fewer). Its error does
   * not vanish at r = 0, which is harmless in 1 + e^-x but not in e^x − 1, hence expv for the other activations.
   * Also cheaper: the negation is folded into the constants and n + 127 into one integer subtraction (24 operations
   * per silu against 28). A four-way interleaved variant measured no faster than two-way. The steps are written out
   * in {@link silu2}; keep the two identical (the tests check every code path rounds alike).
   */
  @inline static expNeg(x: v128): v128 {
    const magic = f32x4.splat(12582912);
    x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-88)), f32x4.splat(87));
    const s = f32x4.add(f32x4.mul(x, f32x4.splat(-1.4426950408889634)), magic);
    const nf = f32x4.sub(s, magic);
    // t = -r = x + n·ln2, so e^-x = 2^n·e^r with r = -t: the odd coefficients change sign.
    let t = f32x4.add(x, f32x4.mul(nf, f32x4.splat(0.693359375)));
    t = f32x4.sub(t, f32x4.mul(nf, f32x4.splat(2.1219444e-4)));
    // (1 - t) + t²·((C2 - C3·t) + t²·(C4 - C5·t))
    const q = f32x4.mul(t, t);
    const h = f32x4.add(f32x4.mul(t, f32x4.splat(-C5)), f32x4.splat(C4));
    const l = f32x4.add(f32x4.mul(t, f32x4.splat(-C3)), f32x4.splat(C2));
    const p = f32x4.add(f32x4.mul(q, f32x4.add(f32x4.mul(q, h), l)), f32x4.sub(f32x4.splat(1), t));
    // 2^n = (n + 127) << 23, and the bits of s are those of magic plus n: one integer subtraction.
    return f32x4.mul(p, i32x4.shl(i32x4.sub(s, i32x4.splat(MAGIC_BITS_MINUS_127)), 23));
  }

  /** silu(x) = x / (1 + e^-x). */
  @inline static silu(x: v128): v128 {
    return f32x4.div(x, f32x4.add(f32x4.splat(1), Lanes.expNeg(x)));
  }

  /**
   * silu of two vectors, stored at p and p + 16: the steps of {@link silu} (and expNeg) written twice and interleaved,
   * so that two independent dependency chains reach the processor side by side. Rounds exactly like silu.
   */
  @inline static silu2(p: usize, x0: v128, x1: v128): void {
    const magic = f32x4.splat(12582912);
    const lo = f32x4.splat(-88);
    const hi = f32x4.splat(87);
    const log2e = f32x4.splat(-1.4426950408889634);
    const y0 = f32x4.pmin(f32x4.pmax(x0, lo), hi);
    const y1 = f32x4.pmin(f32x4.pmax(x1, lo), hi);
    const s0 = f32x4.add(f32x4.mul(y0, log2e), magic);
    const s1 = f32x4.add(f32x4.mul(y1, log2e), magic);
    const n0 = f32x4.sub(s0, magic);
    const n1 = f32x4.sub(s1, magic);
    const ln2hi = f32x4.splat(0.693359375);
    const ln2lo = f32x4.splat(2.1219444e-4);
    let t0 = f32x4.add(y0, f32x4.mul(n0, ln2hi));
    let t1 = f32x4.add(y1, f32x4.mul(n1, ln2hi));
    t0 = f32x4.sub(t0, f32x4.mul(n0, ln2lo));
    t1 = f32x4.sub(t1, f32x4.mul(n1, ln2lo));
    const q0 = f32x4.mul(t0, t0);
    const q1 = f32x4.mul(t1, t1);
    const k5 = f32x4.splat(-C5);
    const k4 = f32x4.splat(C4);
    let h0 = f32x4.add(f32x4.mul(t0, k5), k4);
    let h1 = f32x4.add(f32x4.mul(t1, k5), k4);
    const k3 = f32x4.splat(-C3);
    const k2 = f32x4.splat(C2);
    const l0 = f32x4.add(f32x4.mul(t0, k3), k2);
    const l1 = f32x4.add(f32x4.mul(t1, k3), k2);
    h0 = f32x4.add(f32x4.mul(q0, h0), l0);
    h1 = f32x4.add(f32x4.mul(q1, h1), l1);
    const one = f32x4.splat(1);
    const p0 = f32x4.add(f32x4.mul(q0, h0), f32x4.sub(one, t0));
    const p1 = f32x4.add(f32x4.mul(q1, h1), f32x4.sub(one, t1));
    const bits = i32x4.splat(MAGIC_BITS_MINUS_127);
    const e0 = f32x4.mul(p0, i32x4.shl(i32x4.sub(s0, bits), 23));
    const e1 = f32x4.mul(p1, i32x4.shl(i32x4.sub(s1, bits), 23));
    v128.store(p, f32x4.div(x0, f32x4.add(one, e0)));
    v128.store(p, f32x4.div(x1, f32x4.add(one, e1)), 16);
  }

  @inline static sigmoidv(x: v128): v128 {
    const one = f32x4.splat(1);
    return f32x4.div(one, f32x4.add(one, Lanes.expv(f32x4.neg(x))));
  }

  @inline static actv(x: v128, act: i32): v128 {
    const zero = f32x4.splat(0);
    const one = f32x4.splat(1);
    switch (act) {
      case 1:
        return f32x4.pmax(x, zero);
      case 2:
        return Lanes.silu(x);
      case 3: // 1 - 2/(e^{2x} + 1)
        return f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(Lanes.expv(f32x4.add(x, x)), one)));
      case 4:
        return v128.bitselect(x, f32x4.sub(Lanes.expv(x), one), f32x4.gt(x, zero));
      case 5: {
        const neg = f32x4.mul(f32x4.splat(SELU_ALPHA), f32x4.sub(Lanes.expv(x), one));
        return f32x4.mul(f32x4.splat(SELU_SCALE), v128.bitselect(x, neg, f32x4.gt(x, zero)));
      }
      default:
        return x;
    }
  }

  /** Derivative of the activation at pre, given y = act(pre). */
  @inline static dactv(x: v128, y: v128, act: i32): v128 {
    const zero = f32x4.splat(0);
    const one = f32x4.splat(1);
    switch (act) {
      case 1:
        return v128.and(f32x4.gt(x, zero), one);
      case 2: {
        const s = Lanes.sigmoidv(x);
        return f32x4.mul(s, f32x4.add(one, f32x4.mul(x, f32x4.sub(one, s))));
      }
      case 3:
        return f32x4.sub(one, f32x4.mul(y, y));
      case 4:
        return v128.bitselect(one, f32x4.add(y, one), f32x4.gt(x, zero));
      case 5: {
        const neg = f32x4.add(y, f32x4.splat(SELU_SCALE * SELU_ALPHA));
        return v128.bitselect(f32x4.splat(SELU_SCALE), neg, f32x4.gt(x, zero));
      }
      case 6:
        return Lanes.sigmoidv(x);
      default:
        return one;
    }
  }

  @inline static actScalar(x: f32, act: i32): f32 {
    if (act == 6) return Mathf.max(x, 0) + Mathf.log1p(Mathf.exp(-Mathf.abs(x)));
    return f32x4.extract_lane(Lanes.actv(f32x4.splat(x), act), 0);
  }
}

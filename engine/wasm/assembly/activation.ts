// Bias + activation and its backward on f32x4 lanes. Activation codes match engine/kernels/types.ts:
// 0 identity, 1 relu, 2 silu, 3 tanh, 4 elu, 5 selu, 6 softplus. Column tails reuse the vector code on a splat,
// so the tail and the body round identically.

// SELU constants from Klambauer et al. 2017 (torch.nn.SELU): alpha = 1.6732632423543772848170429916717,
// scale = 1.0507009873554804934193349852946.
const SELU_ALPHA: f32 = 1.6732632423543772;
const SELU_SCALE: f32 = 1.0507009873554805;

// Helpers are static methods so that @inline (which AssemblyScript honours and Prettier can parse on methods)
// puts them straight into the loops: a call per f32x4 would cost as much as the arithmetic.
class Lanes {
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
        return f32x4.mul(x, Lanes.sigmoidv(x));
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

/** pre = x + bias (bias broadcast over the m rows of [m×n]); out = act(pre). pre may alias x. */
export function biasAct(out: usize, pre: usize, x: usize, bias: usize, m: i32, n: i32, act: i32): void {
  const n4 = act == 6 ? 0 : n & ~3;
  for (let i = 0; i < m; i++) {
    const row = (<usize>(i * n)) << 2;
    for (let j = 0; j < n4; j += 4) {
      const o = row + ((<usize>j) << 2);
      const v = f32x4.add(v128.load(x + o), v128.load(bias + ((<usize>j) << 2)));
      v128.store(pre + o, v);
      v128.store(out + o, Lanes.actv(v, act));
    }
    for (let j = n4; j < n; j++) {
      const o = row + ((<usize>j) << 2);
      const v = load<f32>(x + o) + load<f32>(bias + ((<usize>j) << 2));
      store<f32>(pre + o, v);
      store<f32>(out + o, Lanes.actScalar(v, act));
    }
  }
}

/** dPre = dOut ⊙ act'(pre) and dBias = column sums of dPre (overwritten). dPre may alias dOut. */
export function biasActBackward(
  dPre: usize,
  dBias: usize,
  dOut: usize,
  pre: usize,
  out: usize,
  m: i32,
  n: i32,
  act: i32
): void {
  memory.fill(dBias, 0, (<usize>n) << 2);
  const n4 = n & ~3;
  for (let i = 0; i < m; i++) {
    const row = (<usize>(i * n)) << 2;
    for (let j = 0; j < n4; j += 4) {
      const o = row + ((<usize>j) << 2);
      const d = f32x4.mul(v128.load(dOut + o), Lanes.dactv(v128.load(pre + o), v128.load(out + o), act));
      v128.store(dPre + o, d);
      const pb = dBias + ((<usize>j) << 2);
      v128.store(pb, f32x4.add(v128.load(pb), d));
    }
    for (let j = n4; j < n; j++) {
      const o = row + ((<usize>j) << 2);
      const dv = Lanes.dactv(f32x4.splat(load<f32>(pre + o)), f32x4.splat(load<f32>(out + o)), act);
      const d = load<f32>(dOut + o) * f32x4.extract_lane(dv, 0);
      store<f32>(dPre + o, d);
      const pb = dBias + ((<usize>j) << 2);
      store<f32>(pb, load<f32>(pb) + d);
    }
  }
}

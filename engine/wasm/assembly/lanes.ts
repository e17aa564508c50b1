// Activations on f32x4 lanes for the bias + activation kernels (activation.ts). Activation codes match
// engine/kernels/types.ts: 0 identity, 1 relu, 2 silu, 3 tanh, 4 elu, 5 selu, 6 softplus (softplus has no vector
// form: callers go scalar). silu, the benchmark's activation, has its own faster code in silu.ts.

import {Silu} from "./silu";

// SELU constants from Klambauer et al. 2017 (torch.nn.SELU): alpha = 1.6732632423543772848170429916717,
// scale = 1.0507009873554804934193349852946.
const SELU_ALPHA: f32 = 1.6732632423543772;
const SELU_SCALE: f32 = 1.0507009873554805;

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
        return Silu.one(x);
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

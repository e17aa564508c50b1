// Adam update and the mean-squared-error gradient. Pointers are byte offsets; arrays are float32.

/**
 * PyTorch Adam without weight decay: m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g², p ← p - (lr/bc1) m / (sqrt(v/bc2) + ε)
 * with the bias corrections bc1 = 1 - β1^t and bc2 = 1 - β2^t computed by the caller.
 */
export function adam(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  len: i32,
  lr: f32,
  b1: f32,
  b2: f32,
  eps: f32,
  bc1: f32,
  bc2: f32
): void {
  const step = f32x4.splat(lr / bc1);
  const rbc2 = f32x4.splat(1 / Mathf.sqrt(bc2));
  const vb1 = f32x4.splat(b1),
    vc1 = f32x4.splat(1 - b1);
  const vb2 = f32x4.splat(b2),
    vc2 = f32x4.splat(1 - b2);
  const ve = f32x4.splat(eps);
  const len4 = len & ~3;
  for (let i = 0; i < len4; i += 4) {
    const o = (<usize>i) << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(vb1, v128.load(m + o)), f32x4.mul(vc1, gi));
    const vi = f32x4.add(f32x4.mul(vb2, v128.load(v + o)), f32x4.mul(vc2, f32x4.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const den = f32x4.add(f32x4.mul(f32x4.sqrt(vi), rbc2), ve);
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.div(f32x4.mul(step, mi), den)));
  }
  for (let i = len4; i < len; i++) {
    const o = (<usize>i) << 2;
    const gi = load<f32>(g + o);
    const mi = b1 * load<f32>(m + o) + (1 - b1) * gi;
    const vi = b2 * load<f32>(v + o) + (1 - b2) * (gi * gi);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    const den = Mathf.sqrt(vi) * (1 / Mathf.sqrt(bc2)) + eps;
    store<f32>(p + o, load<f32>(p + o) - ((lr / bc1) * mi) / den);
  }
}

/** dOut = 2 (out - target) / len; returns the mean of (out - target)², accumulated in f64. */
export function mseGrad(dOut: usize, out: usize, target: usize, len: i32): f64 {
  let sum: f64 = 0;
  const scale: f32 = <f32>(2.0 / <f64>len);
  for (let i = 0; i < len; i++) {
    const o = (<usize>i) << 2;
    const d = load<f32>(out + o) - load<f32>(target + o);
    sum += <f64>d * <f64>d;
    store<f32>(dOut + o, scale * d);
  }
  return sum / <f64>len;
}

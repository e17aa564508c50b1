/**
 * Spectral normalisation by power iteration (Miyato et al. 2018; residual-flows `SpectralNormLinear`), lecture.md
 * §8.6: with persisted vectors a, v, repeat v ← Wᵀa/‖Wᵀa‖, a ← Wv/‖Wv‖; then σ̂ = aᵀWv and W̃ = W / max(1, σ̂/c).
 */
import {div} from "../autodiff/ops/arith.ts";
import {matmul} from "../autodiff/ops/matmul.ts";
import {tensor, type Tensor} from "../autodiff/tensor.ts";
import type {Rng} from "../random.ts";

/** The persisted power-iteration state of one rows×cols matrix: a (rows) and v (cols), unit vectors. */
export interface PowerState {
  a: Float64Array;
  v: Float64Array;
}

/** A random unit start (as PyTorch's spectral_norm draws u, v from N(0, 1) and normalises). */
export function powerState(rows: number, cols: number, random: Rng): PowerState {
  const a = normalise(random.fillNormal(new Float64Array(rows)) as Float64Array);
  const v = normalise(random.fillNormal(new Float64Array(cols)) as Float64Array);
  return {a, v};
}

function normalise(x: Float64Array): Float64Array {
  let s = 0;
  for (const e of x) s += e * e;
  // 1e-12 as in torch.nn.functional.normalize's eps, so a zero vector stays finite.
  const k = 1 / Math.max(Math.sqrt(s), 1e-12);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * k;
  return x;
}

/**
 * `iterations` power-iteration steps on the row-major rows×cols matrix w, updating `state` in place; returns the
 * estimate σ̂ = aᵀ W v of the largest singular value.
 */
export function powerIteration(w: Float64Array, rows: number, cols: number, state: PowerState, iterations: number) {
  const {a, v} = state;
  if (w.length !== rows * cols || a.length !== rows || v.length !== cols) {
    throw new RangeError(`shape mismatch: [${rows},${cols}] with a ${a.length}, v ${v.length}`);
  }
  for (let it = 0; it < iterations; it++) {
    v.fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) v[j]! += w[i * cols + j]! * a[i]!;
    normalise(v);
    a.fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i]! += w[i * cols + j]! * v[j]!;
    normalise(a);
  }
  let sigma = 0;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) sigma += a[i]! * w[i * cols + j]! * v[j]!;
  return sigma;
}

/**
 * W̃ = W / max(1, σ̂/c) as a differentiable tensor, with σ̂ = aᵀWv and a, v held constant (as PyTorch does). The
 * rescaling is soft: a matrix already below c is left alone.
 */
export function spectralNormalised(w: Tensor, state: PowerState, coeff: number): Tensor {
  const sigma = matmul(matmul(tensor(state.a, 1, w.rows), w), tensor(state.v, w.cols, 1));
  const ratio = sigma.data[0]! / coeff;
  return ratio > 1 ? div(w, div(sigma, coeff)) : w;
}

/** The exact largest singular value of a 2×2 matrix [[p, q], [r, s]] (closed form of the eigenvalues of MᵀM). */
export function singularValue2(p: number, q: number, r: number, s: number): number {
  const t = p * p + q * q + r * r + s * s;
  const det = p * s - q * r;
  return Math.sqrt(0.5 * (t + Math.sqrt(Math.max(0, t * t - 4 * det * det))));
}

/**
 * The sweeps of sinkhorn.ts. Log-domain updates (exact for any reg, one exp per entry) set the scale; in between,
 * stabilised scaling sweeps (Schmitzer 2019, "Stabilized sparse scaling algorithms for entropy regularized transport
 * problems", §3) iterate u = 1/(K (b∘v)), v = 1/(Kᵀ (a∘u)) on the absorbed kernel K = exp(α_i + β_j − M_ij/reg), two
 * multiply-add passes per iteration instead of exponentials, and fold u and v back into α and β whenever they leave
 * [1/τ, τ]. Notation: S = M/reg; the plan is P_ij = a_i u_i K_ij v_j b_j.
 */

/** α[i] ← −log Σ_j exp(β[j] + log b[j] − M[i,j]/reg), row by row (max-shifted). */
export function rowUpdate(
  scaled: Float64Array,
  n: number,
  m: number,
  beta: Float64Array,
  logB: Float64Array,
  out: Float64Array
) {
  for (let i = 0; i < n; i++) {
    const base = i * m;
    let max = -Infinity;
    for (let j = 0; j < m; j++) max = Math.max(max, beta[j]! + logB[j]! - scaled[base + j]!);
    let sum = 0;
    for (let j = 0; j < m; j++) sum += Math.exp(beta[j]! + logB[j]! - scaled[base + j]! - max);
    out[i] = -(max + Math.log(sum));
  }
}

/** β[j] ← −log Σ_i exp(α[i] + log a[i] − M[i,j]/reg), in two row-major sweeps (column maxima, then sums). */
export function columnUpdate(
  scaled: Float64Array,
  n: number,
  m: number,
  alpha: Float64Array,
  logA: Float64Array,
  beta: Float64Array,
  colMax: Float64Array
) {
  colMax.fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const s = alpha[i]! + logA[i]!;
    const base = i * m;
    for (let j = 0; j < m; j++) colMax[j] = Math.max(colMax[j]!, s - scaled[base + j]!);
  }
  beta.fill(0);
  for (let i = 0; i < n; i++) {
    const s = alpha[i]! + logA[i]!;
    if (s === -Infinity) continue; // a zero weight contributes nothing
    const base = i * m;
    for (let j = 0; j < m; j++) beta[j] = beta[j]! + Math.exp(s - scaled[base + j]! - colMax[j]!);
  }
  for (let j = 0; j < m; j++) beta[j] = -(colMax[j]! + Math.log(beta[j]!));
}

/** K_ij = exp(α_i + β_j − S_ij). */
export function buildKernel(kernel: Float64Array, scaled: Float64Array, alpha: Float64Array, beta: Float64Array) {
  const m = beta.length;
  for (let i = 0; i < alpha.length; i++) {
    const base = i * m;
    for (let j = 0; j < m; j++) kernel[base + j] = Math.exp(alpha[i]! + beta[j]! - scaled[base + j]!);
  }
}

/**
 * One scaling iteration: v ← 1/(Kᵀ(a∘u)), then u ← 1/(K(b∘v)).
 * @returns the L1 row-marginal violation before the u update, or NaN if a sum under- or overflowed
 */
export function scalingSweep(
  kernel: Float64Array,
  a: Float64Array,
  b: Float64Array,
  u: Float64Array,
  v: Float64Array,
  scratch: Float64Array
): number {
  const n = a.length;
  const m = b.length;
  scratch.fill(0);
  for (let i = 0; i < n; i++) {
    const w = a[i]! * u[i]!;
    const base = i * m;
    for (let j = 0; j < m; j++) scratch[j] = scratch[j]! + kernel[base + j]! * w;
  }
  for (let j = 0; j < m; j++) v[j] = 1 / scratch[j]!;
  for (let j = 0; j < m; j++) scratch[j] = b[j]! * v[j]!;
  let error = 0;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    let sum = 0;
    for (let j = 0; j < m; j++) sum += kernel[base + j]! * scratch[j]!;
    error += a[i]! * Math.abs(u[i]! * sum - 1);
    u[i] = 1 / sum;
  }
  for (let j = 0; j < m; j++) if (!(v[j]! > 0 && v[j]! < Infinity)) return NaN;
  for (let i = 0; i < n; i++) if (!(u[i]! > 0 && u[i]! < Infinity)) return NaN;
  return error;
}

/** True when some scaling factor left [1/τ, τ] and should be folded into the potentials. */
export function needsAbsorbing(u: Float64Array, v: Float64Array, tau: number): boolean {
  for (const x of u) if (x > tau || x < 1 / tau) return true;
  for (const x of v) if (x > tau || x < 1 / tau) return true;
  return false;
}

/** α += ln u, β += ln v, u = v = 1. */
export function absorb(alpha: Float64Array, beta: Float64Array, u: Float64Array, v: Float64Array) {
  for (let i = 0; i < u.length; i++) alpha[i] = alpha[i]! + Math.log(u[i]!);
  for (let j = 0; j < v.length; j++) beta[j] = beta[j]! + Math.log(v[j]!);
  u.fill(1);
  v.fill(1);
}

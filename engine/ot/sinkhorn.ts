/**
 * Entropic optimal transport by Sinkhorn iterations in the log domain (Cuturi 2013; the stabilised form of Peyré &
 * Cuturi, "Computational Optimal Transport", §4.4). POT's convention (`ot.sinkhorn(a, b, M, reg)`): the Gibbs kernel
 * is K = exp(−M/reg), and the plan P = diag(u) K diag(v) minimises ⟨P, M⟩ − reg·H(P) with marginals a and b. Working
 * with log-potentials instead of u and v keeps small reg (large M/reg) free of underflow.
 */

/** Options of {@link sinkhorn}. */
export interface SinkhornOptions {
  /** Maximum number of (row, column) update pairs. @defaultValue 1000 (POT's numItermax) */
  maxIter?: number;
  /** Stop when the row marginals are within this L1 distance of a. @defaultValue 1e-9 (POT's stopThr) */
  tol?: number;
}

/** An entropic transport plan and its diagnostics. */
export interface SinkhornResult {
  /** Row-major [n, m]; its rows sum to a (the last update), its columns to b within about `error`. */
  plan: Float64Array;
  /** Transport cost ⟨P, M⟩ = Σ P[i,j] M[i,j] (without the entropy term). */
  cost: number;
  /** [n] and [m] dual potentials, in cost units: P[i,j] = a[i] b[j] exp((f[i] + g[j] − M[i,j]) / reg). */
  f: Float64Array;
  g: Float64Array;
  /** Iterations run. */
  iterations: number;
  /** L1 marginal violation measured at the last iteration (row sums vs a, while the columns matched b). */
  error: number;
  converged: boolean;
}

const defaults = {maxIter: 1000, tol: 1e-9};

/**
 * Solves entropic OT between weights a (length n) and b (length m) for the row-major [n, m] cost M.
 * @param reg entropic regularisation, > 0, in cost units (TorchCFM's SB-CFM uses reg = 2σ²)
 */
export function sinkhorn(
  cost: Float64Array,
  a: Float64Array,
  b: Float64Array,
  reg: number,
  options: SinkhornOptions = {}
): SinkhornResult {
  const {maxIter, tol} = {...defaults, ...options};
  const n = a.length;
  const m = b.length;
  validate(cost, a, b, reg);
  if (!(Number.isInteger(maxIter) && maxIter >= 1)) throw new RangeError(`invalid maxIter: ${maxIter}`);
  if (!(tol >= 0)) throw new RangeError(`invalid tol: ${tol}`);
  const scaled = new Float64Array(n * m); // M / reg
  for (let k = 0; k < scaled.length; k++) scaled[k] = cost[k]! / reg;
  const logA = Float64Array.from(a, Math.log);
  const logB = Float64Array.from(b, Math.log);
  const alpha = new Float64Array(n); // f / reg
  const beta = new Float64Array(m); // g / reg
  const next = new Float64Array(n);
  const colMax = new Float64Array(m);
  let error = Infinity;
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    columnUpdate(scaled, n, m, alpha, logA, beta, colMax);
    rowUpdate(scaled, n, m, beta, logB, next);
    // Before this row update the row sums were a[i]·exp(α[i] − α'[i]): the violation comes for free.
    error = 0;
    for (let i = 0; i < n; i++) {
      error += a[i]! * Math.abs(Math.exp(alpha[i]! - next[i]!) - 1);
      alpha[i] = next[i]!;
    }
    if (error <= tol) break;
  }
  const plan = new Float64Array(n * m);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const k = i * m + j;
      const p = Math.exp(alpha[i]! + logA[i]! + beta[j]! + logB[j]! - scaled[k]!);
      plan[k] = p;
      total += p * cost[k]!;
    }
  }
  const f = alpha.map((x) => x * reg);
  const g = beta.map((x) => x * reg);
  return {plan, cost: total, f, g, iterations, error, converged: error <= tol};
}

/** α[i] ← −log Σ_j exp(β[j] + log b[j] − M[i,j]/reg), row by row (max-shifted). */
function rowUpdate(
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
function columnUpdate(
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

function validate(cost: Float64Array, a: Float64Array, b: Float64Array, reg: number): void {
  if (!(reg > 0 && Number.isFinite(reg))) throw new RangeError(`invalid reg: ${reg}`);
  if (a.length === 0 || b.length === 0) throw new RangeError(`invalid marginals: empty`);
  if (cost.length !== a.length * b.length) {
    throw new RangeError(`shape mismatch: cost of length ${cost.length} vs [${a.length},${b.length}]`);
  }
  for (const c of cost) if (!Number.isFinite(c)) throw new RangeError(`invalid cost: ${c}`);
  let sa = 0;
  let sb = 0;
  for (const w of a) {
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`invalid weight: ${w}`);
    sa += w;
  }
  for (const w of b) {
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`invalid weight: ${w}`);
    sb += w;
  }
  if (!(sa > 0) || Math.abs(sa - sb) > 1e-9 * Math.max(sa, sb)) {
    throw new RangeError(`invalid marginals: masses ${sa} vs ${sb}`);
  }
}

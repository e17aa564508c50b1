/**
 * Gaussian mixtures on the line, p(x) = Σ_k w_k N(x; m_k, s_k²): density, distribution function, quantile, moments
 * and sampling, all exact (the quantile to 1e-12 by safeguarded Newton on the CDF). The 1D probability slides of
 * deck 1 draw their curves, areas and exact expectations from here.
 */
import type {Rng} from "../random.ts";
import {normalCdf, normalPdf} from "./normal.ts";

export interface Mixture1DOptions {
  /** Non-negative weights, normalised here. @defaultValue equal weights */
  weights?: readonly number[];
  means: readonly number[];
  /** Standard deviations s_k > 0, one per component. */
  sds: readonly number[];
}

export interface Mixture1D {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly sds: Float64Array;
  pdf(x: number): number;
  logPdf(x: number): number;
  /** P(X ≤ x). */
  cdf(x: number): number;
  /** The x with P(X ≤ x) = p, for p in (0, 1); ±Infinity at 0 and 1. */
  quantile(p: number): number;
  /** E[X]. */
  readonly mean: number;
  /** Var[X] = Σ w_k (s_k² + m_k²) − E[X]². */
  readonly variance: number;
  /** n samples: a component by its weight, then m_k + s_k ε. */
  sample(n: number, rng: Rng): Float64Array;
}

/** A 1D Gaussian mixture; throws a RangeError naming the bad parameter. */
export function mixture1d(options: Mixture1DOptions): Mixture1D {
  const k = options.means.length;
  if (k === 0) throw new RangeError("invalid mixture: no components");
  if (options.sds.length !== k) throw new RangeError(`invalid sds: ${options.sds.length} for ${k} means`);
  const raw = options.weights ?? new Array<number>(k).fill(1);
  if (raw.length !== k) throw new RangeError(`invalid weights: ${raw.length} for ${k} means`);
  for (const w of raw) if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`invalid weight: ${w} (≥ 0)`);
  for (const s of options.sds) if (!(s > 0 && Number.isFinite(s))) throw new RangeError(`invalid sd: ${s} (> 0)`);
  for (const m of options.means) if (!Number.isFinite(m)) throw new RangeError(`invalid mean: ${m}`);
  const total = raw.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError("invalid weights: they sum to 0");
  const weights = Float64Array.from(raw, (w) => w / total);
  const means = Float64Array.from(options.means);
  const sds = Float64Array.from(options.sds);

  let mean = 0;
  let second = 0;
  for (let i = 0; i < k; i++) {
    mean += weights[i]! * means[i]!;
    second += weights[i]! * (sds[i]! ** 2 + means[i]! ** 2);
  }

  const pdf = (x: number) => {
    let p = 0;
    for (let i = 0; i < k; i++) p += (weights[i]! / sds[i]!) * normalPdf((x - means[i]!) / sds[i]!);
    return p;
  };
  const cdf = (x: number) => {
    let c = 0;
    for (let i = 0; i < k; i++) c += weights[i]! * normalCdf((x - means[i]!) / sds[i]!);
    return c;
  };
  const logPdf = (x: number) => {
    let best = -Infinity;
    const terms = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const z = (x - means[i]!) / sds[i]!;
      terms[i] = Math.log(weights[i]!) - Math.log(sds[i]!) - 0.5 * z * z - 0.9189385332046727;
      if (terms[i]! > best) best = terms[i]!;
    }
    if (best === -Infinity) return -Infinity;
    let s = 0;
    for (let i = 0; i < k; i++) s += Math.exp(terms[i]! - best);
    return best + Math.log(s);
  };
  const lo = Math.min(...means.map((m, i) => m - 40 * sds[i]!));
  const hi = Math.max(...means.map((m, i) => m + 40 * sds[i]!));
  const quantile = (p: number) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (a number in [0, 1])`);
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    let a = lo;
    let b = hi;
    let x = mean;
    for (let it = 0; it < 200; it++) {
      const f = cdf(x) - p;
      if (f > 0) b = x;
      else a = x;
      const d = pdf(x);
      let next = d > 0 ? x - f / d : NaN;
      if (!(next > a && next < b)) next = (a + b) / 2;
      if (Math.abs(next - x) <= 1e-13 * Math.max(1, Math.abs(x))) return next;
      x = next;
    }
    return x;
  };
  const sample = (n: number, rng: Rng) => {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`invalid sample count: ${n}`);
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const i = k === 1 ? 0 : rng.categorical(weights);
      out[j] = means[i]! + sds[i]! * rng.normal();
    }
    return out;
  };
  return {weights, means, sds, pdf, logPdf, cdf, quantile, mean, variance: second - mean * mean, sample};
}

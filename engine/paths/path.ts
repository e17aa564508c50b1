/**
 * The probability-path protocol of flow matching and one generic implementation. Every path here is Gaussian given
 * its condition: x_t = a_t x0 + b_t x1 + s_t ε with ε ~ N(0, I), and its conditional velocity is the time derivative
 * of that map along fixed (x0, x1, ε), rewritten in terms of x_t:
 *   u_t = ȧ_t x0 + ḃ_t x1 + (ṡ_t / s_t)(x_t − a_t x0 − b_t x1).
 * Time convention: t = 0 noise/source, t = 1 data/target. Batches are flat row-major [n, d] Float64Arrays; t holds
 * one time per row. One-sided paths (Lipman, diffusion) have a_t = 0: they ignore x0 and their noise is ε, so their
 * source must be N(0, I) (TorchCFM #126).
 */

/** Coefficients of a path at one time t: x_t = a x0 + b x1 + s ε, u_t = da x0 + db x1 + dlogs (x_t − a x0 − b x1). */
export interface PathCoefficients {
  a: number;
  b: number;
  s: number;
  da: number;
  db: number;
  /** ṡ/s, finite even where s = 0 when the path defines it so (two-sided paths with constant s have 0). */
  dlogs: number;
}

export interface ProbabilityPath {
  /** Short name, e.g. "i-cfm", "lipman", "sb". */
  readonly name: string;
  /** true when x0 is ignored and the noise ε is the source (which must then be N(0, I)). */
  readonly oneSided: boolean;
  /** Training times are clamped into [tMin, tMax], where s_t would vanish or ṡ/s blow up. */
  readonly tMin: number;
  readonly tMax: number;
  /** Std of the path's t = 0 marginal relative to an N(0, I) source: σmax for VE, 1 otherwise (sampling starts there). */
  readonly priorStd: number;
  coefficients(t: number): PathCoefficients;
  /** out [n, d] ← μ_t = a_t x0 + b_t x1. */
  mean(out: Float64Array, x0: Float64Array, x1: Float64Array, t: Float64Array, n: number): void;
  /** s_t, the std of x_t given its condition. */
  std(t: number): number;
  /** out [n, d] ← x_t = μ_t + s_t ε. */
  sample(out: Float64Array, x0: Float64Array, x1: Float64Array, t: Float64Array, eps: Float64Array, n: number): void;
  /** out [n, d] ← the conditional velocity u_t(x_t | x0, x1). */
  velocity(out: Float64Array, x0: Float64Array, x1: Float64Array, t: Float64Array, xt: Float64Array, n: number): void;
}

export interface PathSpec {
  name: string;
  oneSided: boolean;
  coefficients(t: number): PathCoefficients;
  tMin?: number;
  tMax?: number;
  priorStd?: number;
}

/** A path from its coefficient function; the batch loops are shared by every path. */
export function affinePath(spec: PathSpec): ProbabilityPath {
  const {coefficients, oneSided} = spec;
  const width = (out: Float64Array, n: number) => {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid n: ${n}`);
    const d = out.length / n;
    if (!Number.isInteger(d)) throw new RangeError(`shape mismatch: out of length ${out.length} vs n=${n}`);
    return d;
  };
  const check = (x: Float64Array, n: number, d: number, what: string) => {
    if (x.length < n * d) throw new RangeError(`shape mismatch: ${what} of length ${x.length} vs [${n},${d}]`);
  };
  const inputs = (out: Float64Array, x0: Float64Array, x1: Float64Array, t: Float64Array, n: number) => {
    const d = width(out, n);
    if (!oneSided) check(x0, n, d, "x0");
    check(x1, n, d, "x1");
    if (t.length < n) throw new RangeError(`shape mismatch: t of length ${t.length} vs [${n}]`);
    return d;
  };
  const x0At = (x0: Float64Array, k: number) => (oneSided ? 0 : x0[k]!);

  return {
    name: spec.name,
    oneSided,
    tMin: spec.tMin ?? 0,
    tMax: spec.tMax ?? 1,
    priorStd: spec.priorStd ?? 1,
    coefficients,
    std: (t) => coefficients(t).s,
    mean(out, x0, x1, t, n) {
      const d = inputs(out, x0, x1, t, n);
      for (let i = 0; i < n; i++) {
        const {a, b} = coefficients(t[i]!);
        for (let k = i * d; k < (i + 1) * d; k++) out[k] = a * x0At(x0, k) + b * x1[k]!;
      }
    },
    sample(out, x0, x1, t, eps, n) {
      const d = inputs(out, x0, x1, t, n);
      check(eps, n, d, "eps");
      for (let i = 0; i < n; i++) {
        const {a, b, s} = coefficients(t[i]!);
        for (let k = i * d; k < (i + 1) * d; k++) out[k] = a * x0At(x0, k) + b * x1[k]! + s * eps[k]!;
      }
    },
    velocity(out, x0, x1, t, xt, n) {
      const d = inputs(out, x0, x1, t, n);
      check(xt, n, d, "xt");
      for (let i = 0; i < n; i++) {
        const {a, b, da, db, dlogs} = coefficients(t[i]!);
        for (let k = i * d; k < (i + 1) * d; k++) {
          const u = x0At(x0, k);
          out[k] = da * u + db * x1[k]! + dlogs * (xt[k]! - a * u - b * x1[k]!);
        }
      }
    }
  };
}

/**
 * Inversion of a residual block x = z + u(z) by Banach fixed-point iteration (lecture.md FAQ 2, §8.6):
 * z⁽⁰⁾ = x, z⁽ᵏ⁺¹⁾ = x − u(z⁽ᵏ⁾). T(z) = x − u(z) is a contraction when Lip(u) = L < 1, so the error shrinks like L^k.
 * Stops when every component moved by less than atol + rtol|x_i| (residual-flows uses atol = rtol = 1e-5; float64 on
 * 2D points is cheap, so the defaults here are tighter), or after maxIterations.
 */
export interface FixedPointOptions {
  /** @defaultValue 1e-10 */
  atol?: number;
  /** @defaultValue 1e-10 */
  rtol?: number;
  /** @defaultValue 1000 (residual-flows) */
  maxIterations?: number;
  /** Keep a copy of every iterate z⁽⁰⁾, z⁽¹⁾, … (for the Banach demo). @defaultValue false */
  keepIterates?: boolean;
}

export interface FixedPointResult {
  /** The last iterate, flat n×2. */
  z: Float64Array;
  /** Number of updates z ← x − u(z) performed. */
  iterations: number;
  /** Whether the tolerance was met. */
  converged: boolean;
  /** z⁽⁰⁾ = x, z⁽¹⁾, …, when keepIterates. */
  iterates?: Float64Array[];
}

/** Solves z + u(z) = x for flat n×2 x; `u(out, z)` writes u(z) into out. */
export function fixedPointInverse(
  u: (out: Float64Array, z: Float64Array) => void,
  x: Float64Array,
  options: FixedPointOptions = {}
): FixedPointResult {
  const atol = options.atol ?? 1e-10;
  const rtol = options.rtol ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  let z = x.slice();
  const iterates = options.keepIterates ? [z.slice()] : undefined;
  const ux = new Float64Array(x.length);
  for (let k = 1; k <= maxIterations; k++) {
    u(ux, z);
    let done = true;
    const next = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      next[i] = x[i]! - ux[i]!;
      if (!(Math.abs(next[i]! - z[i]!) < atol + rtol * Math.abs(x[i]!))) done = false;
    }
    z = next;
    iterates?.push(z.slice());
    if (done) return {z, iterations: k, converged: true, ...(iterates ? {iterates} : {})};
  }
  return {z, iterations: maxIterations, converged: false, ...(iterates ? {iterates} : {})};
}

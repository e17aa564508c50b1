/**
 * Monotone 1D maps x = f(z) (generator direction: z is the base variable, x the data variable) and the exact
 * change of variables p_X(x) = p_Z(f⁻¹(x)) / f'(f⁻¹(x)), i.e. log p_X(x) = log p_Z(z) − log f'(z) at z = f⁻¹(x).
 * Every map here is strictly increasing, so |f'| = f'.
 */
export interface Map1D {
  /** Short name for legends, e.g. "sinh". */
  readonly name: string;
  /** x = f(z). */
  forward(z: number): number;
  /** z = f⁻¹(x); NaN outside the image of f (e.g. outside (0, 1) for the logistic map). */
  inverse(x: number): number;
  /** log f'(z), the log of the derivative at the base point. */
  logDerivative(z: number): number;
}

/** log N(z; 0, 1) = −z²/2 − ½ log 2π. */
export function standardNormalLogPdf(z: number): number {
  return -0.5 * z * z - HALF_LOG_2PI;
}

/** ½ log 2π = 0.91893853320467274178… */
export const HALF_LOG_2PI = 0.9189385332046727;

/** out[i] = f(z[i]): push-forward of samples. Returns out. */
export function pushSamples(map: Map1D, out: Float64Array, z: ArrayLike<number>): Float64Array {
  if (out.length !== z.length) throw new RangeError(`shape mismatch: [${out.length}] vs [${z.length}]`);
  for (let i = 0; i < z.length; i++) out[i] = map.forward(z[i]!);
  return out;
}

/**
 * out[i] = log p_X(x[i]) for the push-forward of the base log-density `baseLogPdf` (standard normal by default):
 * log p_Z(f⁻¹(x)) − log f'(f⁻¹(x)); −Infinity outside the image of f. Returns out.
 */
export function pushLogDensity(
  map: Map1D,
  out: Float64Array,
  x: ArrayLike<number>,
  baseLogPdf: (z: number) => number = standardNormalLogPdf
): Float64Array {
  if (out.length !== x.length) throw new RangeError(`shape mismatch: [${out.length}] vs [${x.length}]`);
  for (let i = 0; i < x.length; i++) {
    const z = map.inverse(x[i]!);
    out[i] = Number.isNaN(z) ? -Infinity : baseLogPdf(z) - map.logDerivative(z);
  }
  return out;
}

/** A density curve: abscissae and density values (not logs), both of one length. */
export interface Curve {
  x: Float64Array;
  density: Float64Array;
}

/**
 * The push-forward of a density curve given on base points z (e.g. a grid): each point moves to x = f(z) and its
 * density becomes p_Z(z) / f'(z). The image of an even grid is uneven, which is what the slides show (points bunch
 * where f' is small and the density rises there).
 */
export function pushCurve(map: Map1D, z: ArrayLike<number>, baseDensity: ArrayLike<number>): Curve {
  if (z.length !== baseDensity.length) throw new RangeError(`shape mismatch: [${z.length}] vs [${baseDensity.length}]`);
  const x = new Float64Array(z.length);
  const density = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) {
    x[i] = map.forward(z[i]!);
    density[i] = baseDensity[i]! * Math.exp(-map.logDerivative(z[i]!));
  }
  return {x, density};
}

/** n evenly spaced points from lo to hi inclusive (n ≥ 2). */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`invalid grid size: ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + ((hi - lo) * i) / (n - 1);
  return out;
}

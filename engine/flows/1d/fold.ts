/**
 * A 1D map that can fold, x = f(z) = z + k sin(ωz) (deck 1, "when the map is not invertible"), and the change of
 * variables summed over every preimage: p_X(x) = Σ_{z: f(z) = x} p_Z(z) / |f'(z)|.
 *
 * f'(z) = 1 + kω cos(ωz) takes every value in [1 − |k|ω, 1 + |k|ω], so the map folds (f' < 0 somewhere, several z
 * land on one x) exactly when |k|ω > 1. At a fold point f' = 0 and the density has an integrable 1/√ spike (a
 * caustic): near it x − x_c ≈ ½ f''(z_c)(z − z_c)², so p_X ∝ 1/√|x − x_c| on one side.
 */
import {normalPdf} from "../../stats/normal.ts";

/** x = z + k sin(ωz), its derivative, every preimage of a point and its fold points. */
export interface FoldMap {
  readonly k: number;
  readonly omega: number;
  /** |k|ω > 1: f' changes sign and the map is not invertible. */
  readonly folded: boolean;
  forward(z: number): number;
  /** f'(z) = 1 + kω cos(ωz). */
  derivative(z: number): number;
  /** Every z with f(z) = x, increasing (one when not folded; 1, 2 or more when folded, 2 only at a caustic). */
  preimages(x: number): number[];
  /** The fold points (f'(z) = 0) in [lo, hi], increasing; none when not folded. */
  foldPoints(lo: number, hi: number): number[];
}

/** f(z) = z + k sin(ωz) with ω > 0 and k any finite number (k = 0 is the identity). */
export function sineFold(k: number, omega: number): FoldMap {
  if (!Number.isFinite(k)) throw new RangeError(`invalid fold strength k: ${k}`);
  if (!(omega > 0 && Number.isFinite(omega))) throw new RangeError(`invalid fold frequency ω: ${omega} (ω > 0)`);
  const folded = Math.abs(k) * omega > 1;
  const forward = (z: number) => z + k * Math.sin(omega * z);
  const derivative = (z: number) => 1 + k * omega * Math.cos(omega * z);

  function foldPoints(lo: number, hi: number): number[] {
    if (!folded || !(hi >= lo)) return [];
    // cos(ωz) = −1/(kω): ωz = ±θ + 2πn with θ = acos(−1/(kω)) ∈ (0, π).
    const theta = Math.acos(-1 / (k * omega));
    const out: number[] = [];
    const first = Math.floor((omega * lo - theta) / (2 * Math.PI)) - 1;
    const last = Math.ceil((omega * hi + theta) / (2 * Math.PI)) + 1;
    for (let n = first; n <= last; n++) {
      for (const phase of [-theta, theta]) {
        const z = (phase + 2 * Math.PI * n) / omega;
        if (z >= lo && z <= hi) out.push(z);
      }
    }
    return out.sort((a, b) => a - b);
  }

  function preimages(x: number): number[] {
    // |f(z) − z| ≤ |k|, so every root lies in [x − |k|, x + |k|]; between fold points f is monotone: one bisection
    // per piece whose ends straddle x.
    const lo = x - Math.abs(k) - 1e-9;
    const hi = x + Math.abs(k) + 1e-9;
    const ends = [lo, ...foldPoints(lo, hi), hi];
    const out: number[] = [];
    for (let i = 0; i + 1 < ends.length; i++) {
      const a = ends[i]!;
      const b = ends[i + 1]!;
      const fa = forward(a) - x;
      const fb = forward(b) - x;
      if (fa === 0) pushUnique(out, a);
      if (fa * fb < 0) pushUnique(out, bisect(forward, x, a, b, fa));
      if (fb === 0 && i + 2 === ends.length) pushUnique(out, b);
    }
    return out;
  }

  return {k, omega, folded, forward, derivative, preimages, foldPoints};
}

/** p_X(x) = Σ over the preimages z of x of p_Z(z) / |f'(z)|, with p_Z = N(0, 1) (Infinity exactly on a caustic). */
export function foldDensity(map: FoldMap, x: number): number {
  let sum = 0;
  for (const z of map.preimages(x)) sum += normalPdf(z) / Math.abs(map.derivative(z));
  return sum;
}

/** The root of f(z) = x in [a, b], where f − x changes sign (fa = f(a) − x), to machine precision. */
function bisect(f: (z: number) => number, x: number, a: number, b: number, fa: number): number {
  for (let i = 0; i < 200; i++) {
    const m = 0.5 * (a + b);
    if (m === a || m === b) break;
    const fm = f(m) - x;
    if (fm === 0) return m;
    if (fm * fa < 0) b = m;
    else [a, fa] = [m, fm];
  }
  return 0.5 * (a + b);
}

function pushUnique(out: number[], z: number): void {
  if (out.length === 0 || Math.abs(out[out.length - 1]! - z) > 1e-12) out.push(z);
}

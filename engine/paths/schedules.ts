/**
 * Two more one-sided Gaussian schedules of the lecture's §8.9 table, x_t = α_t x1 + σ_t ε with ε ~ N(0, I)
 * (t = 0 noise, t = 1 data), next to CondOT / Lipman (cfm.ts) and VP / VE (diffusion.ts):
 * - cosine (trigonometric interpolant, one-sided): α_t = sin(πt/2), σ_t = cos(πt/2);
 * - polynomial n (the FM Guide's family): α_t = tⁿ, σ_t = 1 − tⁿ.
 * Both reach σ_1 = 0, so training times stop at 1 − 1e-3 (the §8.9 guard), and both start exactly at N(0, I).
 * `logSnr` gives λ_t = log(α_t² / σ_t²) of any path (one-sided: α is the path's b coefficient).
 */
import {affinePath, type ProbabilityPath} from "./path.ts";

/** The one-sided cosine schedule α_t = sin(πt/2), σ_t = cos(πt/2). */
export function cosinePath(): ProbabilityPath {
  const h = Math.PI / 2;
  return affinePath({
    name: "cosine",
    oneSided: true,
    tMax: 1 - 1e-3,
    coefficients: (t) => {
      const [sin, cos] = [Math.sin(h * t), Math.cos(h * t)];
      return {a: 0, b: sin, s: cos, da: 0, db: h * cos, dlogs: (-h * sin) / cos};
    }
  });
}

/** The polynomial schedule α_t = tⁿ, σ_t = 1 − tⁿ (n = 1 is CondOT). */
export function polynomialPath(n = 2): ProbabilityPath {
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`invalid polynomial degree: ${n} (must be > 0)`);
  return affinePath({
    name: "polynomial",
    oneSided: true,
    tMax: 1 - 1e-3,
    coefficients: (t) => {
      const tn = t ** n;
      const dtn = n * t ** (n - 1);
      return {a: 0, b: tn, s: 1 - tn, da: 0, db: dtn, dlogs: -dtn / (1 - tn)};
    }
  });
}

/** λ_t = log(α_t² / σ_t²), the log signal-to-noise ratio of a one-sided path at time t (±∞ at its ends). */
export function logSnr(path: ProbabilityPath, t: number): number {
  const {b, s} = path.coefficients(t);
  return 2 * (Math.log(Math.abs(b)) - Math.log(s));
}

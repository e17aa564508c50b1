/**
 * Diffusion paths written as flow matching (lecture §8.9), one-sided: x_t = α_t x1 + σ_t ε with ε ~ N(0, I), in flow
 * time (t = 0 noise, t = 1 data), i.e. the SDE's diffusion time is reversed, s = 1 − t.
 * - VP (Song et al.; Lipman et al.'s reversed VP): α_t = exp(−½ T(1 − t)), σ_t = √(1 − α_t²), with
 *   β(s) = βmin + s(βmax − βmin) and T(s) = βmin s + ½(βmax − βmin) s²; α̇_t = ½ β(1 − t) α_t, σ̇_t = −α_t α̇_t / σ_t.
 * - VE (geometric): α_t = 1, σ_t = σmin (σmax / σmin)^(1 − t), σ̇_t / σ_t = −ln(σmax / σmin).
 * At t = 0 VP is N(α_0 x1, σ_0²) ≈ N(0, I) and VE is ≈ N(0, σmax² I): `priorStd` says which scale to start from.
 */
import {affinePath, type ProbabilityPath} from "./path.ts";

export interface VpDiffusionOptions {
  /** @defaultValue 0.1 */
  betaMin?: number;
  /** @defaultValue 20 */
  betaMax?: number;
}

export interface VeDiffusionOptions {
  /** @defaultValue 0.01 */
  sigmaMin?: number;
  /** Choose about the data diameter. @defaultValue 5 */
  sigmaMax?: number;
}

/** VP diffusion path; σ_t vanishes at t = 1, so training times stop at 1 − 1e-3 (lecture §8.9 guard). */
export function vpDiffusionPath(options: VpDiffusionOptions = {}): ProbabilityPath {
  const {betaMin = 0.1, betaMax = 20} = options;
  if (!(betaMin >= 0 && betaMax > betaMin)) throw new RangeError(`invalid beta range: [${betaMin},${betaMax}]`);
  const beta = (s: number) => betaMin + s * (betaMax - betaMin);
  const integral = (s: number) => betaMin * s + 0.5 * (betaMax - betaMin) * s * s;
  return affinePath({
    name: "vp-diffusion",
    oneSided: true,
    tMax: 1 - 1e-3,
    coefficients: (t) => {
      const alpha = Math.exp(-0.5 * integral(1 - t));
      const s = Math.sqrt(Math.max(0, 1 - alpha * alpha));
      const dAlpha = 0.5 * beta(1 - t) * alpha;
      return {a: 0, b: alpha, s, da: 0, db: dAlpha, dlogs: (-alpha * dAlpha) / (s * s)};
    }
  });
}

/** VE diffusion path; the flow starts from N(0, σmax² I) (priorStd = σmax). */
export function veDiffusionPath(options: VeDiffusionOptions = {}): ProbabilityPath {
  const {sigmaMin = 0.01, sigmaMax = 5} = options;
  if (!(sigmaMin > 0 && sigmaMax > sigmaMin)) throw new RangeError(`invalid sigma range: [${sigmaMin},${sigmaMax}]`);
  const rate = Math.log(sigmaMax / sigmaMin);
  return affinePath({
    name: "ve-diffusion",
    oneSided: true,
    priorStd: sigmaMax,
    coefficients: (t) => ({a: 0, b: 1, s: sigmaMin * Math.exp(rate * (1 - t)), da: 0, db: 0, dlogs: -rate})
  });
}

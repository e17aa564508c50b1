/**
 * The four conditional paths of TorchCFM's `conditional_flow_matching.py` (engine-reference §1.1), written as
 * coefficient functions of {@link affinePath}:
 * - I-CFM (also OT-CFM, which only changes the coupling): μ_t = t x1 + (1 − t) x0, σ_t = σ, u_t = x1 − x0;
 * - Lipman's "target" CFM: μ_t = t x1, σ_t = 1 − (1 − σ) t, u_t = (x1 − (1 − σ) x_t) / (1 − (1 − σ) t), x0 ignored;
 * - VP-CFM (trigonometric interpolant): μ_t = cos(πt/2) x0 + sin(πt/2) x1, σ_t = σ,
 *   u_t = (π/2)(cos(πt/2) x1 − sin(πt/2) x0);
 * - SB-CFM: μ_t as I-CFM, σ_t = σ √(t(1 − t)), u_t = (1 − 2t) / (2t(1 − t) + 1e-8) (x_t − μ_t) + x1 − x0.
 */
import {affinePath, type ProbabilityPath} from "./path.ts";

function checkSigma(sigma: number): void {
  if (!(Number.isFinite(sigma) && sigma >= 0)) throw new RangeError(`invalid sigma: ${sigma}`);
}

/** I-CFM with constant σ (TorchCFM `ConditionalFlowMatcher`, default σ = 0). */
export function iCfmPath(sigma = 0): ProbabilityPath {
  checkSigma(sigma);
  return affinePath({
    name: "i-cfm",
    oneSided: false,
    coefficients: (t) => ({a: 1 - t, b: t, s: sigma, da: -1, db: 1, dlogs: 0})
  });
}

/**
 * Lipman et al.'s conditional OT path with σ_min (TorchCFM `TargetConditionalFlowMatcher`). With σ_min = 0 the
 * conditional std vanishes at t = 1, so training times stop at 1 − 1e-3 (lecture §8.9 guard).
 */
export function lipmanPath(sigmaMin = 0): ProbabilityPath {
  checkSigma(sigmaMin);
  const c = 1 - sigmaMin;
  return affinePath({
    name: "lipman",
    oneSided: true,
    tMax: sigmaMin > 0 ? 1 : 1 - 1e-3,
    coefficients: (t) => {
      const s = 1 - c * t;
      return {a: 0, b: t, s, da: 0, db: 1, dlogs: -c / s};
    }
  });
}

/** The variance-preserving (trigonometric) interpolant with constant σ (TorchCFM `VariancePreserving...Matcher`). */
export function vpCfmPath(sigma = 0): ProbabilityPath {
  checkSigma(sigma);
  const h = Math.PI / 2;
  return affinePath({
    name: "vp",
    oneSided: false,
    coefficients: (t) => {
      const cos = Math.cos(h * t);
      const sin = Math.sin(h * t);
      return {a: cos, b: sin, s: sigma, da: -h * sin, db: h * cos, dlogs: 0};
    }
  });
}

/** TorchCFM's guard in the SB velocity: (1 − 2t) / (2t(1 − t) + 1e-8). */
const SB_EPS = 1e-8;

/**
 * The Schrödinger-bridge (Brownian bridge) path of SB-CFM, σ_t = σ √(t(1 − t)); σ ≤ 0 is rejected as in TorchCFM.
 * Pair it with a Sinkhorn coupling of reg = 2σ² (see couplings/).
 */
export function sbPath(sigma = 1): ProbabilityPath {
  if (!(Number.isFinite(sigma) && sigma > 0)) throw new RangeError(`invalid sigma: ${sigma} (sb needs sigma > 0)`);
  return affinePath({
    name: "sb",
    oneSided: false,
    coefficients: (t) => ({
      a: 1 - t,
      b: t,
      s: sigma * Math.sqrt(Math.max(0, t * (1 - t))),
      da: -1,
      db: 1,
      dlogs: (1 - 2 * t) / (2 * t * (1 - t) + SB_EPS)
    })
  });
}

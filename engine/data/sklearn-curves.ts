/**
 * scikit-learn's curve generators as noisy curves (curve-density.ts) in the large-n limit, columns and scales as the
 * registry uses them, with their entropies. Each draws its curve parameter uniformly (moons: the linspace angles,
 * whose spacing π/(n/2) is far below the noise for any useful n) and adds isotropic Gaussian noise; picking two
 * columns of a 3D generator keeps the noise isotropic in 2D.
 */
import {type NoisyCurve} from "./curve-density.ts";

/** make_moons(noise), unscaled: half the mass on (cos θ, sin θ), half on (1 − cos θ, ½ − sin θ), θ ∈ [0, π]. */
export function moonsCurve(noise: number): NoisyCurve {
  return {
    noise,
    pieces: [
      {point: (t) => [Math.cos(t), Math.sin(t)], t0: 0, t1: Math.PI, weight: 1},
      {point: (t) => [1 - Math.cos(t), 0.5 - Math.sin(t)], t0: 0, t1: Math.PI, weight: 1}
    ]
  };
}

/** make_swiss_roll(noise) columns (0, 2), times `scale`: t (cos t, sin t), t ∈ [1.5π, 4.5π]. */
export function swissRollCurve(noise: number, scale: number): NoisyCurve {
  return {
    noise: noise * scale,
    pieces: [
      {
        point: (t) => [scale * t * Math.cos(t), scale * t * Math.sin(t)],
        t0: 1.5 * Math.PI,
        t1: 4.5 * Math.PI,
        weight: 1
      }
    ]
  };
}

/**
 * make_s_curve(noise) columns (0, 2), times `scale`: (sin t, sign(t)(cos t − 1)), t ∈ [−1.5π, 1.5π], in two pieces
 * at the sign change (equal masses).
 */
export function sCurveCurve(noise: number, scale: number): NoisyCurve {
  return {
    noise: noise * scale,
    pieces: [
      {point: (t) => [scale * Math.sin(t), scale * (1 - Math.cos(t))], t0: -1.5 * Math.PI, t1: 0, weight: 1},
      {point: (t) => [scale * Math.sin(t), scale * (Math.cos(t) - 1)], t0: 0, t1: 1.5 * Math.PI, weight: 1}
    ]
  };
}

/**
 * Entropies in nats of the registry's curves from curveEntropy(curve) at its default step σ/4, which agrees with
 * step σ/2 to 1e-7 on each. Kept as constants because each takes about a second;
 * test/engine/data/sklearn-curves.test.ts recomputes them. Scaled copies add 2 ln|scale|.
 */
export const CURVE_ENTROPY = {
  /** make_moons(noise = 0.1), unscaled (sklearn-moons; FFJORD moons is ·2). */
  moons01: 1.0075848,
  /** make_moons(noise = 0.05), unscaled (the runner's moons is ·2). */
  moons005: 0.2892337,
  /** swissRollCurve(1.0, 1/5) (FFJORD swissroll). */
  swissroll: 2.6696462,
  /** sCurveCurve(0.05, 1.5) (the runner's scurve). */
  scurve: 1.4864482
} as const;

/** Bound on the constants' error (rounding and quadrature). */
export const CURVE_ENTROPY_ERROR = 1e-6;

/** How the curves' entropies are obtained, for Dataset2D.entropyMethod. */
export const CURVE_ENTROPY_METHOD = "exact density (quadrature along the curve), grid quadrature";

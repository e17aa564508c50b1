/**
 * The exact density of concentric noisy rings (sklearn's make_circles, FFJORD's rings) in the large-n limit: ring c
 * holds mass w_c spread uniformly over the circle of radius r_c (the linspace angles), blurred by N(0, σ²I). Averaging
 * the Gaussian over the angle gives a Bessel function, so the density is radial and closed-form:
 *
 *   p(x) = Σ_c w_c/(2πσ²) · exp(−(ρ − r_c)²/2σ²) · e^{−ρ r_c/σ²} I₀(ρ r_c/σ²),   ρ = |x|,
 *
 * and the entropy is a 1D integral, H = −∫_0^∞ 2πρ p log p dρ, done by composite Gauss-Legendre (panels of σ/2).
 */
import type {LogDensityFn} from "./affine-density.ts";
import {checkDensityShapes} from "./dataset.ts";
import {composite, gaussLegendre} from "./quadrature.ts";

/** Noisy rings: radii, their masses (normalised here) and the noise σ. */
export interface Rings {
  readonly radii: readonly number[];
  readonly weights: readonly number[];
  readonly noise: number;
}

/**
 * e^{−x} I₀(x) for x ≥ 0: the power series Σ (x²/4)^k/(k!)² up to x = 20 (positive terms, no cancellation), the
 * asymptotic series e^{−x}I₀(x) ~ (2πx)^{−1/2} Σ ((2k − 1)!!)²/(k! (8x)^k) beyond, cut at its smallest term (< 1e-16
 * of the sum for x > 20).
 */
export function besselI0Scaled(x: number): number {
  if (!(x >= 0)) throw new RangeError(`invalid x: ${x} (a number ≥ 0)`);
  if (x <= 20) {
    const q = (x * x) / 4;
    let term = 1;
    let sum = 1;
    for (let k = 1; term > 1e-17 * sum; k++) {
      term *= q / (k * k);
      sum += term;
    }
    return sum * Math.exp(-x);
  }
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 60; k++) {
    const next = (term * (2 * k + 1) ** 2) / (8 * (k + 1) * x);
    if (next >= term || next < 1e-17 * sum) break;
    term = next;
    sum += term;
  }
  return sum / Math.sqrt(2 * Math.PI * x);
}

/** log p at radius ρ of the rings. */
function radialLogDensity(rho: number, rings: Rings, total: number): number {
  const s2 = rings.noise * rings.noise;
  let p = 0;
  for (let c = 0; c < rings.radii.length; c++) {
    const r = rings.radii[c]!;
    p += rings.weights[c]! * Math.exp(-((rho - r) ** 2) / (2 * s2)) * besselI0Scaled((rho * r) / s2);
  }
  return Math.log(p / (2 * Math.PI * s2 * total));
}

/** The exact log-density of noisy rings centred on the origin. */
export function ringsLogDensity(rings: Rings): LogDensityFn {
  const total = checkRings(rings);
  return (out, x, n) => {
    checkDensityShapes(out, x, n);
    for (let i = 0; i < n; i++) out[i] = radialLogDensity(Math.hypot(x[2 * i]!, x[2 * i + 1]!), rings, total);
    return out;
  };
}

/** ringsEntropy's error: doubling its panels changes the registry's rings by less than 1e-12. */
export const RINGS_ENTROPY_ERROR = 1e-9;

/** H in nats of noisy rings: the radial integral (p is smooth in ρ and decays like a Gaussian). */
export function ringsEntropy(rings: Rings): number {
  const total = checkRings(rings);
  const reach = Math.max(...rings.radii) + 12 * rings.noise;
  const {x, w} = composite(gaussLegendre(8), 0, reach, Math.ceil(reach / (rings.noise / 2)));
  let h = 0;
  for (let i = 0; i < x.length; i++) {
    const logp = radialLogDensity(x[i]!, rings, total);
    h -= w[i]! * 2 * Math.PI * x[i]! * Math.exp(logp) * logp;
  }
  return h;
}

/** ringsEntropy(rings) computed on the first call only (a few ms that the engine need not spend at start-up). */
export function lazyRingsEntropy(rings: Rings): () => number {
  let h: number | undefined;
  return () => (h ??= ringsEntropy(rings));
}

function checkRings(rings: Rings): number {
  const {radii, weights, noise} = rings;
  if (radii.length === 0 || radii.length !== weights.length) {
    throw new RangeError(`shape mismatch: ${radii.length} radii vs ${weights.length} weights`);
  }
  if (!(noise > 0 && Number.isFinite(noise))) throw new RangeError(`invalid noise: ${noise}`);
  for (const r of radii) if (!(r >= 0 && Number.isFinite(r))) throw new RangeError(`invalid radius: ${r}`);
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`invalid weight: ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError("invalid weights: they sum to zero");
  return total;
}

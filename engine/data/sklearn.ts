/**
 * scikit-learn's toy generators (sklearn/datasets/_samples_generator.py), re-derived: moons and circles put points on
 * deterministic linspace angles, shuffle the rows, then add Gaussian noise; the S-curve and the swiss roll draw their
 * curve parameter uniformly. The 3D generators return flat [n, 3] arrays like sklearn; 2D datasets pick columns.
 */
import type {Rng} from "../random.ts";
import {addGaussianNoise, checkCount, shuffleRows} from "./dataset.ts";

/** numpy.linspace(start, stop, count, endpoint) as the k-th value. */
function linspace(start: number, stop: number, count: number, k: number, endpoint = true): number {
  const intervals = endpoint ? count - 1 : count;
  return intervals <= 0 ? start : start + ((stop - start) * k) / intervals;
}

/**
 * make_moons(n, noise): ⌊n/2⌋ points on the upper unit half-circle (cos θ, sin θ) and the rest on the lower moon
 * (1 − cos θ, 0.5 − sin θ), θ = linspace(0, π) per moon; rows shuffled; then N(0, noise²) on both coordinates.
 */
export function makeMoons(n: number, noise: number, rng: Rng, shuffle = true): Float64Array {
  checkCount(n);
  const outer = Math.floor(n / 2);
  const inner = n - outer;
  const x = new Float64Array(2 * n);
  for (let k = 0; k < outer; k++) {
    const t = linspace(0, Math.PI, outer, k);
    x[2 * k] = Math.cos(t);
    x[2 * k + 1] = Math.sin(t);
  }
  for (let k = 0; k < inner; k++) {
    const t = linspace(0, Math.PI, inner, k);
    x[2 * (outer + k)] = 1 - Math.cos(t);
    x[2 * (outer + k) + 1] = 1 - Math.sin(t) - 0.5;
  }
  if (shuffle) shuffleRows(x, rng);
  return noise > 0 ? addGaussianNoise(x, noise, rng) : x;
}

/**
 * make_circles(n, factor, noise): ⌊n/2⌋ points on the unit circle and the rest on the circle of radius `factor`, at
 * angles linspace(0, 2π, endpoint=False); rows shuffled; then N(0, noise²) on both coordinates.
 */
export function makeCircles(n: number, factor: number, noise: number, rng: Rng): Float64Array {
  checkCount(n);
  if (!(factor >= 0 && factor < 1)) throw new RangeError(`invalid factor: ${factor}`);
  const outer = Math.floor(n / 2);
  const x = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const onOuter = k < outer;
    const count = onOuter ? outer : n - outer;
    const t = linspace(0, 2 * Math.PI, count, onOuter ? k : k - outer, false);
    const r = onOuter ? 1 : factor;
    x[2 * k] = r * Math.cos(t);
    x[2 * k + 1] = r * Math.sin(t);
  }
  shuffleRows(x, rng);
  return noise > 0 ? addGaussianNoise(x, noise, rng) : x;
}

/** make_s_curve(n, noise) → flat [n, 3]: t = 3π(U − ½), (sin t, 2U, sign(t)(cos t − 1)) + noise·N(0, I₃). */
export function makeSCurve(n: number, noise: number, rng: Rng): Float64Array {
  checkCount(n);
  const x = new Float64Array(3 * n);
  for (let k = 0; k < n; k++) {
    const t = 3 * Math.PI * (rng.uniform() - 0.5);
    x[3 * k] = Math.sin(t);
    x[3 * k + 1] = 2 * rng.uniform();
    x[3 * k + 2] = Math.sign(t) * (Math.cos(t) - 1);
  }
  return noise > 0 ? addGaussianNoise(x, noise, rng) : x;
}

/** make_swiss_roll(n, noise) → flat [n, 3]: t = 1.5π(1 + 2U), (t cos t, 21U, t sin t) + noise·N(0, I₃). */
export function makeSwissRoll(n: number, noise: number, rng: Rng): Float64Array {
  checkCount(n);
  const x = new Float64Array(3 * n);
  for (let k = 0; k < n; k++) {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    x[3 * k] = t * Math.cos(t);
    x[3 * k + 1] = 21 * rng.uniform();
    x[3 * k + 2] = t * Math.sin(t);
  }
  return noise > 0 ? addGaussianNoise(x, noise, rng) : x;
}

/** Columns (a, b) of a flat [n, 3] array as a flat [n, 2] array, times `scale`. */
export function pickColumns(x3: Float64Array, a: number, b: number, scale = 1): Float64Array {
  const n = x3.length / 3;
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    out[2 * k] = scale * x3[3 * k + a]!;
    out[2 * k + 1] = scale * x3[3 * k + b]!;
  }
  return out;
}

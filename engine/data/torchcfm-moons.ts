/**
 * TorchCFM's sample_moons = 3·torchdyn.generate_moons(n, noise = 0.2) − 1, and its exact density.
 *
 * The recipe puts sklearn's linspace arcs, unshuffled, and adds ONE uniform u ~ U[0, 0.2) to both coordinates of a
 * row: y = c_a(θ) + u·(1, 1), with c₁(θ) = (cos θ, sin θ), c₂(θ) = (1 − cos θ, ½ − sin θ), θ uniform on [0, π] and
 * half the rows on each arc (the large-n limit). That map from (arc, θ, u) is not one-to-one: the jitter runs along
 * (1, 1), which is tangent to both arcs at θ = 3π/4, so the strips fold there and the density has 1/√distance edges.
 * The density of y is the sum over its preimages, each weighted by the inverse Jacobian |det[c_a'(θ), (1, 1)]| =
 * |sin θ + cos θ|:
 *
 *   p(y) = Σ_{(a, θ, u) ↦ y} (1/2)·(1/π)·(1/0.2) / |sin θ + cos θ|.
 *
 * All preimages of y lie on its diagonal y_x − y_y = d, where c_a(θ) must satisfy c_x − c_y = d: √2 cos(θ + π/4) = d
 * on the upper arc and = ½ − d on the lower one, two angles at most per arc. Along the diagonal p is a sum of boxes
 * of length 0.2, one per angle, so the entropy is an exact sum along each diagonal and a 1D quadrature across them.
 */
import type {Rng} from "../random.ts";
import {checkDensityShapes, type Dataset2D} from "./dataset.ts";
import {composite, gaussLegendre} from "./quadrature.ts";
import {makeMoons} from "./sklearn.ts";

const JITTER = 0.2;
/** (1/2)·(1/π)·(1/0.2): the density of (arc, θ, u). */
const PARAM_DENSITY = 1 / (2 * Math.PI * JITTER);
/** The range of d over which some arc has a preimage: [−√2, 1] for the upper arc, [−½, ½ + √2] for the lower. */
const D_MIN = -Math.SQRT2;
const D_MAX = 0.5 + Math.SQRT2;

/**
 * The preimages of the diagonal y_x − y_y = d: for each, the x-coordinate where its jitter box starts (the arc point)
 * and the density of the box, written into start and height; returns how many (at most 4).
 */
function diagonalBoxes(d: number, start: Float64Array, height: Float64Array): number {
  let count = 0;
  for (let arc = 0; arc < 2; arc++) {
    const q = (arc === 0 ? d : 0.5 - d) / Math.SQRT2; // cos(θ + π/4)
    if (!(q >= -1 && q <= 1)) continue;
    const a = Math.acos(q);
    // θ + π/4 = a or 2π − a; the second root lies in [0, π] (θ ∈ [3π/4, π]) only when q ≤ −1/√2: d ≤ −1 on the
    // upper arc, d ≥ 1.5 on the lower one.
    for (const theta of [a - Math.PI / 4, (7 * Math.PI) / 4 - a]) {
      if (theta < 0 || theta > Math.PI) continue;
      start[count] = arc === 0 ? Math.cos(theta) : 1 - Math.cos(theta);
      height[count] = PARAM_DENSITY / Math.abs(Math.sin(theta) + Math.cos(theta));
      count++;
    }
  }
  return count;
}

/** Density of the unscaled y at (yx, yy): the sum over the preimages whose jitter lands in [0, 0.2). */
function unscaledDensity(yx: number, yy: number, start: Float64Array, height: Float64Array): number {
  const count = diagonalBoxes(yx - yy, start, height);
  let p = 0;
  for (let k = 0; k < count; k++) {
    const u = yx - start[k]!;
    if (u >= 0 && u < JITTER) p += height[k]!;
  }
  return p;
}

/**
 * ∫ p log p along the diagonal y_x − y_y = d (unscaled y, with unit Jacobian from (d, y_x) to y): p is piecewise
 * constant there, so the integral is an exact sum over the pieces between box edges.
 */
function diagonalEntropyDensity(d: number, start: Float64Array, height: Float64Array, edges: Float64Array): number {
  const count = diagonalBoxes(d, start, height);
  for (let k = 0; k < count; k++) {
    edges[2 * k] = start[k]!;
    edges[2 * k + 1] = start[k]! + JITTER;
  }
  const sorted = edges.subarray(0, 2 * count).sort();
  let f = 0;
  for (let e = 0; e + 1 < sorted.length; e++) {
    const mid = (sorted[e]! + sorted[e + 1]!) / 2;
    let p = 0;
    for (let k = 0; k < count; k++) if (mid >= start[k]! && mid < start[k]! + JITTER) p += height[k]!;
    if (p > 0) f += (sorted[e + 1]! - sorted[e]!) * p * Math.log(p);
  }
  return f;
}

/**
 * H in nats of sample_moons (the large-n limit): −∫ dd ∫ p log p along each diagonal, the outer integral by composite
 * Gauss-Legendre over the pieces of [D_MIN, D_MAX] between the points where a preimage appears, with d = D_MIN + s²
 * and d = D_MAX − s² at the two ends, where the box heights blow up like 1/√(d − D_MIN); + 2 ln 3 for the ·3 − 1.
 * The rule converges linearly in 1/panels (kinks where box edges cross), so the result is Richardson-extrapolated
 * from `panels` and 2·`panels`: 2.04783524 at 400, 800, 1600 and 6400 panels alike (to 2e-9).
 */
export function torchcfmMoonsEntropy(panels = 800): number {
  return 2 * diagonalQuadrature(2 * panels) - diagonalQuadrature(panels);
}

function diagonalQuadrature(panels: number): number {
  const start = new Float64Array(4);
  const height = new Float64Array(4);
  const edges = new Float64Array(8);
  const f = (d: number) => diagonalEntropyDensity(d, start, height, edges);
  const rule = gaussLegendre(8);
  const integrate = (g: (s: number) => number, a: number, b: number) => {
    const {x, w} = composite(rule, a, b, panels);
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += w[i]! * g(x[i]!);
    return sum;
  };
  // Breakpoints: the upper arc's second angle appears below d = −1, the lower arc's range is [−½, ½ + √2] and its
  // second angle appears above d = 1.5.
  let total = integrate((s) => 2 * s * f(D_MIN + s * s), 0, Math.sqrt(-1 - D_MIN));
  for (const [a, b] of [
    [-1, -0.5],
    [-0.5, 1],
    [1, 1.5]
  ] as const)
    total += integrate(f, a, b);
  total += integrate((s) => 2 * s * f(D_MAX - s * s), 0, Math.sqrt(D_MAX - 1.5));
  return -total + 2 * Math.log(3);
}

/**
 * H of sample_moons from torchcfmMoonsEntropy(), kept as a constant so that the engine does not spend 0.1 s on it at
 * start-up; test/engine/data/torchcfm-moons.test.ts recomputes it, and checks it against a midpoint rule over the
 * recipe's own (θ, u) and against −mean log p of samples.
 */
export const TORCHCFM_MOONS_ENTROPY = 2.0478352;

export const torchcfmMoons: Dataset2D = {
  name: "torchcfm-moons",
  description: "TorchCFM sample_moons: 3·(unshuffled sklearn arcs + U[0,0.2)·(1,1)) − 1 (exact density: preimage sum)",
  entropy: TORCHCFM_MOONS_ENTROPY,
  entropyError: 1e-6,
  entropyMethod: "exact density, summed along diagonals (quadrature)",
  extent: [-4.5, 6, -3, 3.5],
  sample(n: number, rng: Rng): Float64Array {
    const x = makeMoons(n, 0, rng, false);
    for (let i = 0; i < n; i++) {
      const jitter = JITTER * rng.uniform();
      x[2 * i] = 3 * (x[2 * i]! + jitter) - 1;
      x[2 * i + 1] = 3 * (x[2 * i + 1]! + jitter) - 1;
    }
    return x;
  },
  logDensity(out: Float64Array, x: Float64Array, n: number): Float64Array {
    checkDensityShapes(out, x, n);
    const start = new Float64Array(4);
    const height = new Float64Array(4);
    for (let i = 0; i < n; i++) {
      const p = unscaledDensity((x[2 * i]! + 1) / 3, (x[2 * i + 1]! + 1) / 3, start, height);
      out[i] = Math.log(p / 9); // −Infinity off the support
    }
    return out;
  }
};

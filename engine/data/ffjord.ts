/**
 * The FFJORD toy set (rtqichen/ffjord lib/toy_data.py, identical in residual-flows), at FFJORD's scale (about
 * [−4, 4]²). Entropies come from each recipe's exact density where it has one (8 gaussians, checkerboard, moons,
 * circles, rings, swissroll); k-NN estimates where marked (pinwheel, 2spirals).
 */
import type {Rng} from "../random.ts";
import {affineEntropy, affineLogDensity} from "./affine-density.ts";
import {checkerboard} from "./checkerboard.ts";
import {addGaussianNoise, affineInPlace, checkCount, shuffleRows, type Dataset2D} from "./dataset.ts";
import {C8, gaussianMixture} from "./gaussian-mixture.ts";
import {KNN_ERROR, KNN_METHOD} from "./knn-floor.ts";
import {curveLogDensity} from "./curve-density.ts";
import {lazyRingsEntropy, RINGS_ENTROPY_ERROR, ringsLogDensity, type Rings} from "./ring-density.ts";
import {makeCircles, makeMoons, makeSwissRoll, pickColumns} from "./sklearn.ts";
import {
  CURVE_ENTROPY,
  CURVE_ENTROPY_ERROR,
  CURVE_ENTROPY_METHOD,
  moonsCurve,
  swissRollCurve
} from "./sklearn-curves.ts";

const box4: Dataset2D["extent"] = [-4.5, 4.5, -4.5, 4.5];

/** (4·C8[k] + 0.5·N(0, I)) / 1.414: radius 2.83, std 0.354 (1.414 is FFJORD's literal, not √2). */
export const ffjord8Gaussians = gaussianMixture({
  name: "ffjord-8gaussians",
  description: "FFJORD 8 gaussians: (4·c_k + 0.5·N(0,I))/1.414, k ~ randint(8)",
  means: C8.map(([x, y]) => [(4 * x) / 1.414, (4 * y) / 1.414] as const),
  cov: (0.5 / 1.414) ** 2,
  extent: box4
});

export const ffjordCheckerboard = checkerboard(
  2,
  "ffjord-checkerboard",
  "FFJORD checkerboard ×2: 8 squares in [−4,4]², density 1/32"
);

/** sklearn moons ·2 + (−1, −0.2): its exact density, and its entropy + 2 ln 2. */
export const ffjordMoons: Dataset2D = {
  name: "ffjord-moons",
  description: "FFJORD moons: sklearn make_moons(noise=0.1)·2 + (−1, −0.2)",
  entropy: affineEntropy(CURVE_ENTROPY.moons01, 2),
  entropyError: CURVE_ENTROPY_ERROR,
  entropyMethod: CURVE_ENTROPY_METHOD,
  extent: [-4, 4, -2.5, 3],
  sample: (n, rng) => affineInPlace(makeMoons(n, 0.1, rng), 2, 2, -1, -0.2),
  logDensity: affineLogDensity(curveLogDensity(moonsCurve(0.1)), 2, -1, -0.2)
};

/** make_circles(factor 0.5, noise 0.08)·3: radii 3 and 1.5, half the mass each, noise 0.24. */
const circles: Rings = {radii: [3, 1.5], weights: [1, 1], noise: 0.24};
const circlesEntropy = lazyRingsEntropy(circles);

export const ffjordCircles: Dataset2D = {
  name: "ffjord-circles",
  description: "FFJORD circles: sklearn make_circles(factor=0.5, noise=0.08)·3",
  get entropy() {
    return circlesEntropy();
  },
  entropyError: RINGS_ENTROPY_ERROR,
  entropyMethod: "exact density (Bessel I₀), radial quadrature",
  extent: box4,
  sample: (n, rng) => affineInPlace(makeCircles(n, 0.5, 0.08, rng), 3, 3),
  logDensity: ringsLogDensity(circles)
};

/** Radii 3·(1, 0.75, 0.5, 0.25), a quarter of the points each, noise 0.08. */
const rings: Rings = {radii: [3, 2.25, 1.5, 0.75], weights: [1, 1, 1, 1], noise: 0.08};
const ringsEntropy = lazyRingsEntropy(rings);

export const ffjordRings: Dataset2D = {
  name: "ffjord-rings",
  description: "FFJORD rings: radii (1, 0.75, 0.5, 0.25)·3 at linspace angles, n/4 each, shuffled, + N(0, 0.08²)",
  get entropy() {
    return ringsEntropy();
  },
  entropyError: RINGS_ENTROPY_ERROR,
  entropyMethod: "exact density (Bessel I₀), radial quadrature",
  extent: box4,
  logDensity: ringsLogDensity(rings),
  sample(n: number, rng: Rng): Float64Array {
    checkCount(n);
    const quarter = Math.floor(n / 4);
    const sizes = [quarter, quarter, quarter, n - 3 * quarter]; // the innermost ring takes the remainder
    const radii = [1, 0.75, 0.5, 0.25];
    const x = new Float64Array(2 * n);
    let row = 0;
    for (let r = 0; r < 4; r++) {
      for (let k = 0; k < sizes[r]!; k++, row++) {
        const t = (2 * Math.PI * k) / sizes[r]!;
        x[2 * row] = 3 * radii[r]! * Math.cos(t);
        x[2 * row + 1] = 3 * radii[r]! * Math.sin(t);
      }
    }
    return addGaussianNoise(shuffleRows(x, rng), 0.08, rng);
  }
};

export const ffjordSwissroll: Dataset2D = {
  name: "ffjord-swissroll",
  description: "FFJORD swissroll: sklearn make_swiss_roll(noise=1.0), columns (0, 2), ÷5",
  entropy: CURVE_ENTROPY.swissroll,
  entropyError: CURVE_ENTROPY_ERROR,
  entropyMethod: CURVE_ENTROPY_METHOD,
  extent: [-3, 3.5, -3.5, 3.5],
  sample: (n, rng) => pickColumns(makeSwissRoll(n, 1.0, rng), 0, 2, 1 / 5),
  logDensity: curveLogDensity(swissRollCurve(1.0, 1 / 5))
};

export const ffjordPinwheel: Dataset2D = {
  name: "ffjord-pinwheel",
  description:
    "FFJORD pinwheel: 5 arms, f = (1 + 0.3N, 0.1N) turned by −(2πc/5 + 0.25·e^{f1}), ·2, permuted (H by k-NN)",
  entropy: 2.316,
  entropyError: KNN_ERROR,
  entropyMethod: KNN_METHOD,
  extent: box4,
  sample(n: number, rng: Rng): Float64Array {
    checkCount(n);
    // FFJORD returns 5·⌊n/5⌋ points; the n mod 5 extra points here go to the first arms.
    const per = Math.floor(n / 5);
    const big = (n % 5) * (per + 1); // rows of the arms that hold per + 1 points
    const x = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const arm = i < big ? Math.floor(i / (per + 1)) : (n % 5) + Math.floor((i - big) / per);
      const f1 = 0.3 * rng.normal() + 1;
      const f2 = 0.1 * rng.normal();
      const a = (2 * Math.PI * arm) / 5 + 0.25 * Math.exp(f1);
      // FFJORD multiplies the row vector f by [[cos, −sin], [sin, cos]] on the right: a rotation by −a.
      x[2 * i] = 2 * (f1 * Math.cos(a) + f2 * Math.sin(a));
      x[2 * i + 1] = 2 * (-f1 * Math.sin(a) + f2 * Math.cos(a));
    }
    return shuffleRows(x, rng);
  }
};

export const ffjord2Spirals: Dataset2D = {
  name: "ffjord-2spirals",
  description:
    "FFJORD 2spirals: t = √U·3π, d = (−t cos t + U/2, t sin t + U/2), stack d and −d, ÷3, + N(0, 0.1²) (H by k-NN)",
  entropy: 2.643,
  entropyError: KNN_ERROR,
  entropyMethod: KNN_METHOD,
  extent: box4,
  sample(n: number, rng: Rng): Float64Array {
    checkCount(n);
    const half = Math.ceil(n / 2);
    const x = new Float64Array(2 * n);
    for (let k = 0; k < half; k++) {
      const t = (Math.sqrt(rng.uniform()) * 540 * 2 * Math.PI) / 360;
      const dx = (-Math.cos(t) * t + 0.5 * rng.uniform()) / 3;
      const dy = (Math.sin(t) * t + 0.5 * rng.uniform()) / 3;
      x[2 * k] = dx;
      x[2 * k + 1] = dy;
      // The second arm is the first one mirrored point by point, as in FFJORD (unshuffled).
      if (half + k < n) {
        x[2 * (half + k)] = -dx;
        x[2 * (half + k) + 1] = -dy;
      }
    }
    return addGaussianNoise(x, 0.1, rng);
  }
};

export const ffjordLine: Dataset2D = {
  name: "ffjord-line",
  description: "FFJORD line: x = 5U − 2.5, y = x (degenerate, no density)",
  extent: [-3, 3, -3, 3],
  sample: (n, rng) => curve(n, rng, (x) => x)
};

export const ffjordCos: Dataset2D = {
  name: "ffjord-cos",
  description: "FFJORD cos: x = 5U − 2.5, y = 2.5 sin x (named cos, uses sin; degenerate, no density)",
  extent: [-3, 3, -3, 3],
  sample: (n, rng) => curve(n, rng, (x) => 2.5 * Math.sin(x))
};

function curve(n: number, rng: Rng, y: (x: number) => number): Float64Array {
  checkCount(n);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x = 5 * rng.uniform() - 2.5;
    out[2 * i] = x;
    out[2 * i + 1] = y(x);
  }
  return out;
}

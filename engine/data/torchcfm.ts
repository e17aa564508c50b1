/**
 * TorchCFM's datasets: the tutorial samplers of torchcfm/utils.py (with their two quirks) and the runner's
 * datamodules (OT-CFM paper Table 2, protocol P1), including the DSB "twodim" moon and 8 gaussians.
 * Recipes: engine-reference (c). Entropies come from the exact densities (mixtures, moons, circles, S-curve).
 */
import type {Rng} from "../random.ts";
import {affineEntropy, affineLogDensity} from "./affine-density.ts";
import {affineInPlace, checkCount, shuffleRows, type Dataset2D} from "./dataset.ts";
import {C8, gaussianMixture} from "./gaussian-mixture.ts";
import {curveLogDensity} from "./curve-density.ts";
import {lazyRingsEntropy, RINGS_ENTROPY_ERROR, ringsLogDensity, type Rings} from "./ring-density.ts";
import {makeCircles, makeMoons, makeSCurve, pickColumns} from "./sklearn.ts";
import {CURVE_ENTROPY, CURVE_ENTROPY_ERROR, CURVE_ENTROPY_METHOD, moonsCurve, sCurveCurve} from "./sklearn-curves.ts";

export {torchcfmMoons} from "./torchcfm-moons.ts";

/**
 * sample_8gaussians: centres 5·c_k, noise from MultivariateNormal(0, √0.1·I), whose second argument is the
 * covariance: per-axis variance √0.1 = 0.316, std 0.1^{1/4} = 0.562 (not 0.316).
 */
export const torchcfm8Gaussians = gaussianMixture({
  name: "torchcfm-8gaussians",
  description: "TorchCFM sample_8gaussians: 5·c_k + N(0, √0.1·I) (covariance √0.1, std 0.562)",
  means: C8.map(([x, y]) => [5 * x, 5 * y] as const),
  cov: Math.sqrt(0.1),
  extent: [-7.5, 7.5, -7.5, 7.5]
});

/** make_moons(noise = 0.05)·2 − (1, 0): the exact moons density, and its entropy + 2 ln 2. */
export const runnerMoons: Dataset2D = {
  name: "runner-moons",
  description: "TorchCFM runner moons: make_moons(noise=0.05)·2, then x −= 1",
  entropy: affineEntropy(CURVE_ENTROPY.moons005, 2),
  entropyError: CURVE_ENTROPY_ERROR,
  entropyMethod: CURVE_ENTROPY_METHOD,
  extent: [-3.5, 3.5, -2.5, 2.5],
  sample: (n, rng) => affineInPlace(makeMoons(n, 0.05, rng), 2, 2, -1, 0),
  logDensity: affineLogDensity(curveLogDensity(moonsCurve(0.05)), 2, -1, 0)
};

export const runnerSCurve: Dataset2D = {
  name: "runner-scurve",
  description: "TorchCFM runner scurve: make_s_curve(noise=0.05), columns (0, 2), ·1.5",
  entropy: CURVE_ENTROPY.scurve,
  entropyError: CURVE_ENTROPY_ERROR,
  entropyMethod: CURVE_ENTROPY_METHOD,
  extent: [-2, 2, -3.5, 3.5],
  sample: (n, rng) => pickColumns(makeSCurve(n, 0.05, rng), 0, 2, 1.5),
  logDensity: curveLogDensity(sCurveCurve(0.05, 1.5))
};

/** make_circles(factor 0.5, noise 0.05)·3.5: radii 3.5 and 1.75, half the mass each, noise 0.175. */
const runnerRings: Rings = {radii: [3.5, 1.75], weights: [1, 1], noise: 0.175};
const runnerRingsEntropy = lazyRingsEntropy(runnerRings);

export const runnerCircles: Dataset2D = {
  name: "runner-circles",
  description: "TorchCFM runner circles: make_circles(factor=0.5, noise=0.05)·3.5",
  get entropy() {
    return runnerRingsEntropy();
  },
  entropyError: RINGS_ENTROPY_ERROR,
  entropyMethod: "exact density (Bessel I₀), radial quadrature",
  extent: [-4.5, 4.5, -4.5, 4.5],
  sample: (n, rng) => affineInPlace(makeCircles(n, 0.5, 0.05, rng), 3.5, 3.5),
  logDensity: ringsLogDensity(runnerRings)
};

const runnerGaussianMixture = gaussianMixture({
  means: Array.from(
    {length: 8},
    (_, k) => [5 * Math.cos((2 * Math.PI * (k + 1)) / 8), 5 * Math.sin((2 * Math.PI * (k + 1)) / 8)] as const
  ),
  cov: 1
});

/**
 * torchdyn generate_gaussians(N/8, 8, radius 5, std 1, noise 1e-4): exactly N/8 points per mode (the n mod 8 extra
 * points go to the first modes), each mode shifted by one shared N(0, 1e-4²) offset, rows shuffled (the runner's
 * random split shuffles). logDensity is the equal-weight mixture; the 1e-4 offsets are ignored. Balanced samples have
 * a lower W2 floor (0.69 at n = 256 here) than the 0.90 of engine-reference §3.2; presumably that one was computed
 * like the runner's batches, random subsets of one balanced pool whose mode counts vary (not verified).
 */
export const runnerGaussians: Dataset2D = {
  name: "runner-gaussians",
  description: "TorchCFM runner gaussians (torchdyn): 8 balanced modes at radius 5, std 1",
  get entropy() {
    return runnerGaussianMixture.entropy;
  },
  entropyError: runnerGaussianMixture.entropyError,
  entropyMethod: runnerGaussianMixture.entropyMethod,
  extent: [-9, 9, -9, 9],
  logDensity: runnerGaussianMixture.logDensity,
  sample(n: number, rng: Rng): Float64Array {
    checkCount(n);
    const x = new Float64Array(2 * n);
    const m = runnerGaussianMixture.means;
    let row = 0;
    for (let k = 0; k < 8; k++) {
      const size = Math.floor(n / 8) + (k < n % 8 ? 1 : 0);
      const ox = 1e-4 * rng.normal();
      const oy = 1e-4 * rng.normal();
      for (let s = 0; s < size; s++, row++) {
        x[2 * row] = m[2 * k]! + rng.normal() + ox;
        x[2 * row + 1] = m[2 * k + 1]! + rng.normal() + oy;
      }
    }
    return shuffleRows(x, rng);
  }
};

/** DSB "moon" (runner two_dim.py): make_moons(noise=0.1) standardised by the sample's scalar mean and std, ·7. */
export const dsbMoon: Dataset2D = {
  name: "dsb-moon",
  description: "TorchCFM runner twodim (DSB) moon: make_moons(noise=0.1), (X − mean)/std over all entries, ·7",
  extent: [-18, 20, -13, 11],
  sample(n: number, rng: Rng): Float64Array {
    const x = makeMoons(n, 0.1, rng);
    let mean = 0;
    for (const v of x) mean += v / x.length;
    let variance = 0;
    for (const v of x) variance += (v - mean) ** 2 / x.length; // numpy's std: ddof = 0
    const s = 7 / Math.sqrt(variance);
    return affineInPlace(x, s, s, -mean * s, -mean * s);
  }
};

export const dsb8Gaussians = gaussianMixture({
  name: "dsb-8gaussians",
  description: "TorchCFM runner twodim (DSB) 8gaussians: (4·c_k + 0.5·N(0,I))·3: radius 12, std 1.5",
  means: C8.map(([x, y]) => [12 * x, 12 * y] as const),
  cov: 1.5 ** 2,
  extent: [-18, 18, -18, 18]
});

import {describe, expect, it} from "vitest";
import {assertAllClose, assertInDelta} from "../../assert.ts";
import {affineEntropy, affineLogDensity} from "../../../engine/data/affine-density.ts";
import {ffjordCheckerboard, ffjordMoons} from "../../../engine/data/ffjord.ts";
import {gaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {sklearnMoons, fmCheckerboard} from "../../../engine/data/registry.ts";
import {runnerMoons} from "../../../engine/data/torchcfm.ts";
import {curveLogDensity} from "../../../engine/data/curve-density.ts";
import {CURVE_ENTROPY, moonsCurve} from "../../../engine/data/sklearn-curves.ts";
import {rng} from "../../../engine/random.ts";

describe("affine copies", () => {
  it("affineLogDensity of a Gaussian is the Gaussian of the image: N(a·m + b, a²S)", () => {
    const g = gaussianMixture({means: [[1, -1]], cov: [1, 0.3, 0.3, 2]});
    const a = -2.5;
    const image = gaussianMixture({means: [[a + 0.5, -a - 3]], cov: [a * a, 0.3 * a * a, 0.3 * a * a, 2 * a * a]});
    const x = g.sample(50, rng(1)).map((v, i) => a * v + (i % 2 === 0 ? 0.5 : -3));
    const out = affineLogDensity(g.logDensity, a, 0.5, -3)(new Float64Array(50), x, 50);
    assertAllClose(out, image.logDensity(new Float64Array(50), x, 50), {rtol: 1e-12, atol: 1e-12});
    assertInDelta(affineEntropy(g.entropy!, a), image.entropy!, 1e-12, "H");
    expect(() => affineLogDensity(g.logDensity, 0)).toThrow(/invalid scale: 0/);
  });

  it("ties the registry's scaled copies: FFJORD moons = sklearn moons + 2 ln 2, checkerboards by 2 ln(2·0.45)", () => {
    assertInDelta(ffjordMoons.entropy! - sklearnMoons.entropy!, 2 * Math.log(2), 1e-12, "moons");
    assertInDelta(runnerMoons.entropy! - CURVE_ENTROPY.moons005, 2 * Math.log(2), 1e-12, "runner moons");
    assertInDelta(ffjordCheckerboard.entropy! - fmCheckerboard.entropy!, 2 * Math.log(2 * 0.45), 1e-12, "boards");
    // and the densities: FFJORD moons at 2y + (−1, −0.2) is make_moons(0.1)'s at y, over 2² = 4
    const y = Float64Array.from([0, 0, 1, 0.2, -0.5, 0.7, 2, 0.4]);
    const x = y.map((v, i) => 2 * v + (i % 2 === 0 ? -1 : -0.2));
    const unscaled = curveLogDensity(moonsCurve(0.1))(new Float64Array(4), y, 4);
    assertAllClose(
      ffjordMoons.logDensity!(new Float64Array(4), x, 4),
      unscaled.map((v) => v - 2 * Math.log(2)),
      {
        rtol: 1e-12
      }
    );
  });
});

import {describe, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {curveEntropy, curveLogDensity} from "../../../engine/data/curve-density.ts";
import {gaussHermite, gaussLegendre, composite} from "../../../engine/data/quadrature.ts";
import {
  CURVE_ENTROPY,
  CURVE_ENTROPY_ERROR,
  moonsCurve,
  sCurveCurve,
  swissRollCurve
} from "../../../engine/data/sklearn-curves.ts";

/**
 * H of make_moons(noise) by quadrature over the arc angle and the noise, independent of the grid rule: the arcs are
 * images of each other under x ↦ (1, ½) − x, which leaves p unchanged, so H = −(1/π) ∫_0^π E_z log p(c₁(θ) + σz) dθ,
 * with composite Gauss-Legendre in θ and tensor Gauss-Hermite in z.
 */
function moonsEntropyOverNoise(noise: number, panels: number, nodes: number): number {
  const logp = curveLogDensity(moonsCurve(noise));
  const theta = composite(gaussLegendre(8), 0, Math.PI, panels);
  const {x: z, w} = gaussHermite(nodes);
  const m = nodes * nodes;
  const pts = new Float64Array(2 * m);
  const out = new Float64Array(m);
  let h = 0;
  for (let t = 0; t < theta.x.length; t++) {
    for (let i = 0; i < nodes; i++) {
      for (let j = 0; j < nodes; j++) {
        pts[2 * (i * nodes + j)] = Math.cos(theta.x[t]!) + noise * z[i]!;
        pts[2 * (i * nodes + j) + 1] = Math.sin(theta.x[t]!) + noise * z[j]!;
      }
    }
    logp(out, pts, m);
    for (let k = 0; k < m; k++) h -= (theta.w[t]! / Math.PI) * w[Math.floor(k / nodes)]! * w[k % nodes]! * out[k]!;
  }
  return h;
}

describe("sklearn curves' entropies", () => {
  it("recompute: each stored constant is curveEntropy at step σ/2 within its stated error", () => {
    assertInDelta(curveEntropy(moonsCurve(0.1), 0.5), CURVE_ENTROPY.moons01, CURVE_ENTROPY_ERROR, "moons 0.1");
    assertInDelta(curveEntropy(moonsCurve(0.05), 0.5), CURVE_ENTROPY.moons005, CURVE_ENTROPY_ERROR, "moons 0.05");
    assertInDelta(curveEntropy(swissRollCurve(1, 1 / 5), 0.5), CURVE_ENTROPY.swissroll, CURVE_ENTROPY_ERROR, "swiss");
    assertInDelta(curveEntropy(sCurveCurve(0.05, 1.5), 0.75), CURVE_ENTROPY.scurve, CURVE_ENTROPY_ERROR, "s-curve");
  });

  it("sklearn moons (noise 0.1): the quadrature over the noise agrees with the grid to 2e-5 (1.008, not 1.004)", () => {
    assertInDelta(moonsEntropyOverNoise(0.1, 32, 16), CURVE_ENTROPY.moons01, 2e-5, "H over the noise");
  });
});

import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {ffjordCircles, ffjordRings} from "../../../engine/data/ffjord.ts";
import {
  besselI0Scaled,
  RINGS_ENTROPY_ERROR,
  ringsEntropy,
  ringsLogDensity,
  type Rings
} from "../../../engine/data/ring-density.ts";
import {runnerCircles} from "../../../engine/data/torchcfm.ts";

const rings: Rings = {radii: [3, 2.25, 1.5, 0.75], weights: [1, 1, 1, 1], noise: 0.08};

/** −∫ p log p and ∫ p by the midpoint rule on a square grid of step h over [−r, r]². */
function gridIntegrals(logp: ReturnType<typeof ringsLogDensity>, r: number, h: number): {h: number; mass: number} {
  const m = Math.ceil((2 * r) / h);
  const pts = new Float64Array(2 * m);
  const out = new Float64Array(m);
  let [ent, mass] = [0, 0];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) pts.set([-r + (i + 0.5) * h, -r + (j + 0.5) * h], 2 * j);
    logp(out, pts, m);
    for (let j = 0; j < m; j++) {
      const p = Math.exp(out[j]!);
      mass += p * h * h;
      if (p > 0) ent -= p * out[j]! * h * h;
    }
  }
  return {h: ent, mass};
}

describe("noisy rings (Bessel I₀ density)", () => {
  it("besselI0Scaled matches the periodic trapezoid rule for (1/2π)∫ e^{x(cos t − 1)} dt on both sides of x = 20", () => {
    for (const x of [0, 0.5, 5, 19.99, 20, 20.01, 50, 300, 2000]) {
      const m = 4000; // spectrally accurate for a periodic integrand
      let s = 0;
      for (let k = 0; k < m; k++) s += Math.exp(x * (Math.cos((2 * Math.PI * k) / m) - 1)) / m;
      assertInDelta(besselI0Scaled(x) / s, 1, 1e-13, `x = ${x}`);
    }
    expect(() => besselI0Scaled(-1)).toThrow(/invalid x: -1/);
  });

  it("ringsEntropy agrees with a 2D grid quadrature of the density to 1e-9, and the density integrates to 1", () => {
    const grid = gridIntegrals(ringsLogDensity(rings), 4, 0.02);
    assertInDelta(grid.mass, 1, 1e-10, "∫ p");
    assertInDelta(ringsEntropy(rings), grid.h, RINGS_ENTROPY_ERROR, "H");
  });

  it("gives FFJORD rings 2.623 (not §3.3's 2.629), FFJORD circles 3.268 and runner circles 3.112", () => {
    assertInDelta(ffjordRings.entropy!, 2.6232, 5e-5, "rings");
    assertInDelta(ffjordCircles.entropy!, 3.2681, 5e-5, "circles");
    assertInDelta(runnerCircles.entropy!, 3.1116, 5e-5, "runner circles");
  });

  it("obeys the scaling law: rings scaled by 2 (radii and noise) gain 2 ln 2", () => {
    const doubled: Rings = {...rings, radii: rings.radii.map((r) => 2 * r), noise: 2 * rings.noise};
    assertInDelta(ringsEntropy(doubled) - ringsEntropy(rings), 2 * Math.log(2), 1e-9, "H(2X) − H(X)");
  });

  it("rejects bad rings", () => {
    expect(() => ringsLogDensity({radii: [1], weights: [], noise: 0.1})).toThrow(/shape mismatch/);
    expect(() => ringsEntropy({radii: [1], weights: [1], noise: 0})).toThrow(/invalid noise: 0/);
    expect(() => ringsEntropy({radii: [1], weights: [0], noise: 0.1})).toThrow(/invalid weights/);
  });
});

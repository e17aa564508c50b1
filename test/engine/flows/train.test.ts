import {describe, expect, it} from "vitest";
import {dataset} from "../../../engine/data/registry.ts";
import type {ActNorm} from "../../../engine/flows/actnorm.ts";
import {affineLayer} from "../../../engine/flows/affine.ts";
import {flow} from "../../../engine/flows/flow.ts";
import {flowPreset} from "../../../engine/flows/presets.ts";
import {diagonalGaussianTarget, twoMoonsTarget} from "../../../engine/flows/targets.ts";
import {maximumLikelihood, reverseKl} from "../../../engine/flows/train.ts";
import {tensor} from "../../../engine/autodiff/tensor.ts";
import {rng} from "../../../engine/random.ts";

/** Mean −log p over a fresh test sample. */
function testNll(f: ReturnType<typeof flow>, x: Float64Array, n: number): number {
  return -f.logDensity(new Float64Array(n), x, n).reduce((s, v) => s + v, 0) / n;
}

describe("flow training", () => {
  it("reverse KL drives an affine flow onto a Gaussian target (known only up to log Z)", () => {
    const f = flow([affineLayer()]);
    const layer = f.layers[0] as ReturnType<typeof affineLayer>;
    const trainer = reverseKl(f, diagonalGaussianTarget([1, -2], [0.5, 2]), {lr: 5e-2, batch: 256, decaySteps: 400});
    trainer.step(400);
    const {lower, shift} = layer.values();
    expect(Math.abs(lower[0] - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(lower[1])).toBeLessThan(0.05);
    expect(Math.abs(lower[2] - 2)).toBeLessThan(0.05);
    expect(Math.abs(shift[0] - 1)).toBeLessThan(0.03);
    expect(Math.abs(shift[1] + 2)).toBeLessThan(0.1);
    // At the optimum the loss is −log Z = −log(2π·0.5·2).
    const last = trainer.losses.slice(-50).reduce((s, v) => s + v, 0) / 50;
    expect(last).toBeCloseTo(-Math.log(2 * Math.PI), 1);
  });

  it("normflows TwoMoons matches its log-sum-exp definition", () => {
    const x = [0.3, 1.9, -2.1, 0.2, 0, 0, 5, -1];
    const got = twoMoonsTarget(tensor(x, 4, 2)).data;
    for (let i = 0; i < 4; i++) {
      const [a, b] = [x[2 * i]!, x[2 * i + 1]!];
      const ring = -0.5 * ((Math.hypot(a, b) - 2) / 0.2) ** 2;
      const modes = Math.log(Math.exp(-0.5 * ((a - 2) / 0.3) ** 2) + Math.exp(-0.5 * ((a + 2) / 0.3) ** 2));
      expect(got[i]).toBeCloseTo(ring + modes, 10);
    }
  });

  it("reverse KL on TwoMoons lowers the loss with a RealNVP", () => {
    const f = flowPreset("realnvp", {layers: 4, width: 16, seed: 2});
    (f.layers[f.layers.length - 1] as ActNorm).initialized = true;
    const trainer = reverseKl(f, twoMoonsTarget, {lr: 5e-3, batch: 128, seed: 1});
    trainer.step(150);
    const first = trainer.losses.slice(0, 10).reduce((s, v) => s + v, 0) / 10;
    const last = trainer.losses.slice(-10).reduce((s, v) => s + v, 0) / 10;
    expect(last).toBeLessThan(first - 5);
  });

  // Margin: 8 couplings of width 16 trained 1500 steps (lr 1e-2, cosine decay, batch 256; ~20 s on one core) reach a
  // test NLL of 1.0402 nats on these 5000 fresh points (standard error 0.011), a gap of 0.033 to the 1.008-nat floor.
  // The 0.07 bound is that gap plus about 3 standard errors of the test sample; the lower bound (floor − 0.05, ~4.5 SE)
  // catches a density that does not integrate to 1. Longer runs close the gap further (see the CLI table).
  it(
    "seeded RealNVP on sklearn moons (noise 0.1) reaches a test NLL within 0.07 nats of the 1.008 floor",
    {timeout: 60_000},
    () => {
      const moons = dataset("moons");
      const f = flowPreset("realnvp", {layers: 8, width: 16, seed: 0});
      const trainer = maximumLikelihood(f, (n, r) => moons.sample(n, r), {
        lr: 1e-2,
        batch: 256,
        seed: 0,
        decaySteps: 1500
      });
      const before = testNll(f, moons.sample(5000, rng(99)), 5000);
      trainer.step(1500);
      const nll = testNll(f, moons.sample(5000, rng(99)), 5000);
      expect(before).toBeGreaterThan(1.3);
      expect(nll).toBeLessThan(moons.entropy! + 0.07);
      expect(nll).toBeGreaterThan(moons.entropy! - 0.05);
    }
  );
});

import {describe, expect, it} from "vitest";
import {cloudStats, neuralOde, positionsAt} from "../../demos/neural-ode.ts";
import {checkValues, defaults} from "../../engine/options/schema.ts";
import {neuralSceneNow} from "../../engine/tasks/neural-ode-scene.ts";
import {assertAllClose} from "../assert.ts";

describe("neural-ode demo", () => {
  const scene = neuralSceneNow(0, 2, 200);
  const n = scene.starts + scene.cloud;

  it("positionsAt() is the RK4 record at step times and interpolates between them", () => {
    const last = scene.paths.subarray(2 * scene.steps * n, 2 * (scene.steps + 1) * n);
    assertAllClose(positionsAt(scene, 1, 0, n), last, {atol: 0});
    const k = 5;
    const a = scene.paths.subarray(2 * k * n, 2 * (k + 1) * n);
    const b = scene.paths.subarray(2 * (k + 1) * n, 2 * (k + 2) * n);
    const mid = positionsAt(scene, (k + 0.5) / scene.steps, 0, n);
    assertAllClose(
      mid,
      a.map((v, i) => (v + b[i]!) / 2),
      {atol: 1e-6}
    );
  });

  it("cloudStats() is the mean and RMS spread of the cloud; at t = 0 about that of N(0, I)", () => {
    const {mean, spread} = cloudStats(scene, 0);
    expect(Math.hypot(...mean)).toBeLessThan(0.3);
    expect(spread).toBeGreaterThan(1.2);
    expect(spread).toBeLessThan(1.6);
    const p = positionsAt(scene, 1, scene.starts, scene.cloud);
    let mx = 0;
    for (let i = 0; i < scene.cloud; i++) mx += p[2 * i]! / scene.cloud;
    expect(cloudStats(scene, 1).mean[0]).toBeCloseTo(mx, 10);
  });

  it("the still and the description report the cloud pushed by the seeded network", () => {
    const o = checkValues(neuralOde.options, {seed: 0, scale: 2});
    const still = neuralOde.snapshot!(o, defaults(neuralOde.state));
    expect(still.cloud).toBe(100);
    const text = neuralOde.describe!(still, o, {t: 1, start: "gaussian"});
    const {spread} = cloudStats(still, 1);
    expect(text).toContain(`spread ${spread.toFixed(2)}`);
  });
});

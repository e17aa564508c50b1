import {describe, expect, it} from "vitest";
import {randomNeuralField} from "../../../engine/cnf/random-field.ts";
import {kernels} from "../../../engine/kernels/index.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {rng} from "../../../engine/random.ts";
import {NEURAL_CLOUD, neuralOde} from "../../../engine/tasks/neural-ode.ts";
import {NEURAL_ARROWS, NEURAL_STEPS} from "../../../engine/tasks/neural-ode-scene.ts";
import {assertAllClose} from "../../assert.ts";
import {collectFrames} from "./collect-frames.ts";

describe("neural-ode task", () => {
  it("neural-ode pushes N(0, I) draws and a grid through the network by RK4, as integrate() does", async () => {
    const job = await neuralOde.start(checkValues(neuralOde.options, {seed: 2, scale: 1.5}), {
      kernels: await kernels()
    });
    const last = collectFrames(job, 1).at(-1)!;
    const {starts, cloud, paths, fields, steps} = last;
    expect(cloud).toBe(NEURAL_CLOUD);
    expect(steps).toBe(NEURAL_STEPS);
    const n = starts + cloud;
    const x0 = new Float64Array(2 * cloud);
    rng(3).fillNormal(x0);
    assertAllClose(paths.subarray(2 * starts, 2 * n), x0, {atol: 1e-6});
    const {field} = randomNeuralField({seed: 2, scale: 1.5});
    const start = Float64Array.from(paths.subarray(0, 2 * n));
    const {y} = integrate((out, x, t) => field.velocity(out, x, n, t), start, {solver: "rk4", steps: NEURAL_STEPS});
    assertAllClose(paths.subarray(2 * NEURAL_STEPS * n, 2 * (NEURAL_STEPS + 1) * n), y, {atol: 1e-4});
    // The arrows at step k are the network at t = k / N on the arrow grid's first cell (−4 + 4/15, −4 + 4/15).
    const u = new Float64Array(2);
    field.velocity(u, new Float64Array([-4 + 4 / 15, -4 + 4 / 15]), 1, 0.5);
    const k = NEURAL_STEPS / 2;
    assertAllClose(fields.subarray(2 * k * NEURAL_ARROWS ** 2, 2 * k * NEURAL_ARROWS ** 2 + 2), u, {atol: 1e-6});
  });
});

import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {cfmFloor as floorOf} from "../../engine/fm/floor.ts";
import {marginalField} from "../../engine/fm/marginal.ts";
import {lipmanPath} from "../../engine/paths/cfm.ts";
import {rng} from "../../engine/random.ts";
import {floorMixture} from "../../engine/tasks/cfm-floor-options.ts";
import type {CfmFloorFrame} from "../../engine/tasks/cfm-floor.ts";
import {cfmFloor, tailGap} from "../../demos/cfm-floor.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = defaults(cfmFloor.options);
const state = defaults(cfmFloor.state);

/** A seeded frame of the task's shape: L_FM decays, L_CFM = L_FM + 2.5 + noise. */
function frame(): CfmFloorFrame {
  const random = rng(9);
  const steps = Float64Array.from({length: 40}, (_, i) => 20 * (i + 1));
  const fm = steps.map((s) => 2 * Math.exp(-s / 150) + 0.05);
  const cfm = fm.map((v) => v + 2.5 + 0.1 * random.normal());
  return {
    progress: {steps: 800, total: 800, stepsPerSecond: 200, loss: cfm.at(-1)!},
    lossSteps: steps,
    cfm,
    fm,
    spread: fm.map(() => 2.5),
    floor: 2.5,
    floorStderr: 0.03
  };
}

describe("cfm-floor", () => {
  it("draws C from the engine's closed-form variance in a still (the same seeded estimate)", () => {
    const still = cfmFloor.snapshot!(options, state);
    const path = lipmanPath(options.sigma);
    const q = floorMixture(options.dataset);
    const c = floorOf(path, marginalField(path, q, q), q, 500, rng(options.seed + 777));
    expect(still.floor).toBe(c.value);
    const figure = cfmFloor.render(still, options, state);
    expect(figure.textContent).toContain(`C = ${c.value.toFixed(2)} ± ${c.stderr.toFixed(2)}`);
    expect(figure.textContent).toContain("800 steps train live");
    expectSvgSnapshot("cfmFloorStill", figure);
  });

  it("prints L_CFM − L_FM over the run's last quarter next to C, per coordinate (snapshot)", () => {
    const f = frame();
    let gap = 0;
    for (let i = 30; i < 40; i++) gap += f.cfm[i]! - f.fm[i]!;
    expect(tailGap(f)).toBeCloseTo(gap / 10, 12);
    const figure = cfmFloor.render(f, options, {lifted: true});
    expect(figure.textContent).toContain(`L_CFM − L_FM = ${(gap / 10).toFixed(2)}`);
    expect(figure.textContent).toContain("C = 2.50 ± 0.03");
    expect(figure.textContent).toContain("per coordinate");
    expect(cfmFloor.describe!(f, options, state)).toMatch(/floor C = 2\.500 ± 0\.030 per coordinate/);
    expectSvgSnapshot("cfmFloorTrained", figure);
  });
});

import {beforeAll, describe, expect, it} from "vitest";
import {collectFrames} from "./collect-frames.ts";
import {kernels, type Kernels} from "../../../engine/kernels/index.ts";
import {mlpFromJSON} from "../../../engine/nn/serialize.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {hitsObstacle, leftProbability, meanAction} from "../../../engine/policy/demonstrations.ts";
import {eulerActions} from "../../../engine/policy/sample.ts";
import {rng} from "../../../engine/random.ts";
import {policyToy, policyToyJob, type PolicyToyFrame} from "../../../engine/tasks/policy-toy.ts";

let k: Kernels;
// The defaults, as the slide trains them: one run shared by the tests below.
let frames: PolicyToyFrame[];
let last: PolicyToyFrame;
// Two networks trained for 1200 steps: about 45 s on the reference kernels alone, more beside the other test files.
beforeAll(async () => {
  k = await kernels();
  frames = drive({});
  last = frames.at(-1)!;
}, 240_000);

function drive(o: Record<string, unknown>): PolicyToyFrame[] {
  const job = policyToyJob(checkValues(policyToy.options, o), {kernels: k});
  const frames: PolicyToyFrame[] = collectFrames(job, 20);
  return frames;
}

const allFinite = (a: ArrayLike<number>) => Array.prototype.every.call(a, Number.isFinite);

describe("policy-toy", () => {
  it("streams progress, both loss curves and the demonstrations, then both networks' weights", () => {
    expect(frames.length).toBeGreaterThan(2);
    for (const f of frames) {
      expect(f.progress.total).toBe(1200);
      expect(f.observations.length).toBe(2000);
      expect(allFinite(f.lossValues) && allFinite(f.regressorValues)).toBe(true);
      expect(f.regressorSteps.length).toBe(f.lossSteps.length);
    }
    expect(last.phase).toBe("done");
    expect(last.progress.steps).toBe(1200);
    expect(last.policy?.sizes).toEqual([2, 64, 64, 64, 1]);
    expect(last.regressor?.sizes).toEqual([1, 64, 64, 64, 1]);
    // Both losses fell from their first points.
    expect(last.lossValues.at(-1)!).toBeLessThan(0.8 * last.lossValues[0]!);
    expect(last.regressorValues.at(-1)!).toBeLessThan(0.8 * last.regressorValues[0]!);
  });

  it("the regressor learns the mean action E[a | o] (closed form), which hits the obstacle straight ahead", () => {
    const regressor = mlpFromJSON(last.regressor!);
    for (const o of [-0.6, -0.3, 0, 0.3, 0.6]) {
      const out = new Float64Array(1);
      regressor.evaluate(out, Float64Array.of(o), 1);
      expect(Math.abs(out[0]! - meanAction(o))).toBeLessThan(0.15);
    }
    const ahead = new Float64Array(1);
    regressor.evaluate(ahead, Float64Array.of(0), 1);
    expect(hitsObstacle(ahead[0]!, 0)).toBe(true);
  });

  it("flow-matching samples pick a side with the demonstrators' odds P(left | o) and rarely hit", () => {
    const policy = mlpFromJSON(last.policy!);
    const noise = rng(11).fillNormal(new Float64Array(1000));
    for (const o of [-0.3, 0, 0.3]) {
      const {actions} = eulerActions((u, x, n, t) => policy.evaluate(u, x, n, t), o, noise, 10);
      let left = 0;
      let hits = 0;
      for (const a of actions) {
        if (hitsObstacle(a, o)) hits++;
        else if (a < o) left++;
      }
      expect(Math.abs(left / 1000 - leftProbability(o))).toBeLessThan(0.12);
      expect(hits / 1000).toBeLessThan(0.08);
    }
  });

  it("one Euler step lands every flow-matching sample on the mean action E[a | o]: the regressor's answer", () => {
    // At t = 0 the exact field is E[a₁ − a₀ | a₀, o] = E[a | o] − a₀, so a₀ + u₀ = E[a | o] for every a₀.
    const policy = mlpFromJSON(last.policy!);
    const noise = rng(12).fillNormal(new Float64Array(200));
    const {actions} = eulerActions((u, x, n, t) => policy.evaluate(u, x, n, t), 0, noise, 1);
    const gaps = Array.from(actions, (a) => Math.abs(a - meanAction(0))).sort((x, y) => x - y);
    expect(gaps[100]!).toBeLessThan(0.1); // the median sample, within 0.1 of E[a | o]
    expect(actions.filter((a) => hitsObstacle(a, 0)).length).toBeGreaterThan(190);
  });

  it("refuses bad options with a RangeError naming the option", () => {
    expect(() => checkValues(policyToy.options, {training: 0})).toThrow(/training/);
    expect(() => checkValues(policyToy.options, {width: 1000})).toThrow(/width/);
  });
});

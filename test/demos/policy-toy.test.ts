import {beforeAll, describe, expect, it} from "vitest";
import {policyReadout, policyToy} from "../../demos/policy-toy.ts";
import {referenceKernels} from "../../engine/kernels/index.ts";
import {mlp} from "../../engine/nn/mlp.ts";
import {mlpFromJSON} from "../../engine/nn/serialize.ts";
import {defaults, checkValues} from "../../engine/options/schema.ts";
import {hitsObstacle, leftProbability, meanAction, sampleDemonstrations} from "../../engine/policy/demonstrations.ts";
import {rng} from "../../engine/random.ts";
import {policyToyJob, type PolicyToyFrame} from "../../engine/tasks/policy-toy.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = defaults(policyToy.options);
const state = defaults(policyToy.state);

/** A frame of the task's shape with seeded, untrained weights (a stable snapshot on any machine). */
function untrainedFrame(): PolicyToyFrame {
  const {observations, actions} = sampleDemonstrations(300, rng(2));
  const steps = Float64Array.from({length: 10}, (_, i) => 50 * (i + 1));
  return {
    phase: "training",
    progress: {steps: 500, total: 1200, stepsPerSecond: 300, loss: 1},
    lossSteps: steps,
    lossValues: steps.map((s) => 1 / Math.sqrt(s)),
    regressorSteps: steps,
    regressorValues: steps.map((s) => 0.5 / Math.sqrt(s)),
    observations: new Float32Array(observations),
    actions: new Float32Array(actions),
    policy: mlp({sizes: [2, 8, 8, 1], time: "concat", seed: 4}).toJSON(),
    regressor: mlp({sizes: [1, 8, 8, 1], seed: 5}).toJSON()
  };
}

/** The slide's readout, computed again here without the demo: the regressor's output, and Euler by hand. */
function independent(frame: PolicyToyFrame, o: number, samples: number, steps: number) {
  const regressor = mlpFromJSON(frame.regressor!);
  const policy = mlpFromJSON(frame.policy!);
  const out = new Float64Array(1);
  regressor.evaluate(out, Float64Array.of(o), 1);
  const a = rng(options.seed + 99).fillNormal(new Float64Array(samples)) as Float64Array;
  const u = new Float64Array(1);
  for (let i = 0; i < samples; i++) {
    for (let k = 0; k < steps; k++) {
      policy.evaluate(u, Float64Array.of(a[i]!, o), 1, k / steps);
      a[i] = a[i]! + u[0]! / steps;
    }
  }
  let left = 0;
  let right = 0;
  let hits = 0;
  for (const x of a) {
    if (hitsObstacle(x, o)) hits++;
    else if (x < o) left++;
    else right++;
  }
  return {regressorAction: out[0]!, actions: a, left, right, hits};
}

describe("policy-toy", () => {
  let trained: PolicyToyFrame;
  beforeAll(() => {
    // A short run of the task on the TypeScript kernels (jsdom has no WebAssembly loader here); the slide's own
    // defaults are checked against the closed forms in test/engine/tasks/policy-toy.test.ts.
    const small = {training: 600, width: 16, batch: 128};
    const job = policyToyJob(checkValues(policyToy.options, small), {kernels: referenceKernels()});
    let slice;
    do slice = job.run(50);
    while (!slice.done);
    trained = slice.frame!;
    job.dispose?.();
  });

  it("prints the regressor's action and the flow-matching counts exactly as computed without the demo", () => {
    for (const [o, samples, steps] of [
      [0, 40, 10],
      [0.4, 25, 3]
    ] as const) {
      const s = {observation: o, samples, steps};
      const readout = policyReadout(trained, options, s)!;
      const check = independent(trained, o, samples, steps);
      expect(readout.regressorAction).toBeCloseTo(check.regressorAction, 10);
      Array.from(readout.actions).forEach((a, i) => expect(a).toBeCloseTo(check.actions[i]!, 9));
      expect([readout.left, readout.right, readout.hits]).toEqual([check.left, check.right, check.hits]);
      const text = policyToy.render(trained, options, s).textContent!;
      expect(text).toContain(`a = ${check.regressorAction.toFixed(2)}`);
      expect(text).toContain(`${check.left} left · ${check.right} right · ${check.hits} hit`);
      expect(readout.actions.length).toBe(samples);
      const description = policyToy.describe!(trained, options, s);
      expect(description).toContain(`${check.left} pass left, ${check.right} pass right and ${check.hits} hit`);
    }
  });

  it("trained, shows what the slide claims: the mean action hits the obstacle ahead, FM samples pick a side", () => {
    const ahead = policyReadout(trained, options, {...state, observation: 0, samples: 100})!;
    expect(Math.abs(ahead.regressorAction - meanAction(0))).toBeLessThan(0.15);
    expect(ahead.regressorHits).toBe(true);
    expect(ahead.hits).toBeLessThanOrEqual(8);
    expect(Math.abs(ahead.left / 100 - leftProbability(0))).toBeLessThan(0.2);
    expect(policyToy.render(trained, options, {...state, observation: 0}).textContent).toContain("hits the obstacle");
  });

  it("renders the scene and the (o, a) plane with the readout (snapshot)", () => {
    const figure = policyToy.render(untrainedFrame(), options, {...state, samples: 12, steps: 4});
    expect(figure.querySelectorAll("svg").length).toBeGreaterThanOrEqual(2);
    expectSvgSnapshot("policyToyUntrained", figure);
  });

  it("before training, shows the demonstrations and says that both policies train live", () => {
    const still = policyToy.snapshot!(options, state);
    expect(still.observations.length).toBe(options.demonstrations);
    expect(policyToy.render(still, options, state).textContent).toContain("train live");
    expect(policyToy.describe!(still, options, state)).toMatch(/both policies train live/);
  });
});

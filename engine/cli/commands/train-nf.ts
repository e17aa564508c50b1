import type {Flow} from "../../flows/flow.ts";
import {flowKinds, flowPreset, presetDefaults} from "../../flows/presets.ts";
import {maximumLikelihood} from "../../flows/train.ts";
import {rng} from "../../random.ts";
import {command} from "../command.ts";
import {choice, integer, number, seed, text} from "../../options/schema.ts";
import {resolveDataset} from "./datasets.ts";
import {round} from "./sample.ts";

/**
 * `train-nf`: maximum-likelihood training of a discrete normalizing flow (deck 2), headless and seeded, with Adam and
 * a cosine learning-rate decay over the run; reports the NLL of a fresh test sample against the dataset's entropy.
 * `--layers`, `--width` and `--lr` at 0 take the kind's defaults (engine/flows/presets.ts).
 */
export const trainNfCommand = command({
  name: "train-nf",
  summary: "train a normalizing flow by maximum likelihood; report test NLL vs the dataset's entropy floor",
  options: {
    flow: choice(flowKinds, "realnvp", "flow kind"),
    dataset: text("moons", "training data (a registered dataset name)"),
    layers: integer(0, "flow layers (0: the kind's default)", {min: 0, max: 256}),
    width: integer(0, "hidden width (0: the kind's default)", {min: 0, max: 1024}),
    steps: integer(2000, "training steps", {min: 0, max: 1_000_000}),
    lr: number(0, "Adam learning rate, decayed by a cosine (0: the kind's default)", {min: 0}),
    batch: integer(256, "training batch size", {min: 1, max: 100_000}),
    test: integer(5000, "fresh test points for the NLL", {min: 1, max: 1_000_000}),
    seed: seed(0, "seed of the initial weights, batches and test sample")
  },
  run(o) {
    const kind = o.flow;
    const data = resolveDataset(o.dataset);
    const d = presetDefaults[kind];
    const layers = o.layers || d.layers;
    const width = o.width || d.width;
    const lr = o.lr || d.lr;
    const steps = o.steps;
    const seed = o.seed;
    const f = flowPreset(kind, {layers, width, seed});
    const trainer = maximumLikelihood(f, (n, r) => data.sample(n, r), {
      lr,
      batch: o.batch,
      seed,
      decaySteps: steps
    });
    const n = o.test;
    // Its own stream, never the training one, so test points are fresh.
    const test = data.sample(n, rng(seed + 1_000_003));
    // ActNorm's data-dependent init runs on the first normalizing pass: give it a training batch, not test points.
    const warm = data.sample(o.batch, rng(seed + 2_000_003));
    f.logDensity(new Float64Array(o.batch), warm, o.batch);
    const initial = testNll(f, test, n);
    const start = performance.now();
    const history: {step: number; loss: number}[] = [];
    const every = Math.max(1, Math.round(steps / 10));
    for (let k = 0; k < steps; k += every) {
      const r = trainer.step(Math.min(every, steps - k));
      history.push({step: r.steps, loss: round(r.lastLoss)});
    }
    const seconds = (performance.now() - start) / 1000;
    const nll = testNll(f, test, n);
    const json = {
      flow: kind,
      dataset: data.name,
      layers,
      width,
      steps,
      lr,
      batch: o.batch,
      seed,
      parameters: f.parameters().reduce((s, p) => s + p.data.length, 0),
      initial_nll: round(initial),
      nll: round(nll),
      entropy_floor: data.entropy ?? null,
      gap: data.entropy === undefined ? null : round(nll - data.entropy),
      train_seconds: round(seconds, 2),
      steps_per_second: seconds > 0 ? round(steps / seconds, 2) : null,
      history
    };
    return {json, text: format(json)};
  }
});

function testNll(f: Flow, x: Float64Array, n: number): number {
  const lp = f.logDensity(new Float64Array(n), x, n);
  let s = 0;
  for (const v of lp) s -= v;
  return s / n;
}

function format(j: Record<string, unknown>): string {
  const s = (k: string) => String(j[k]);
  return [
    `train-nf ${s("flow")} on ${s("dataset")}: ${s("layers")} layers, width ${s("width")}, ${s("parameters")} parameters, ${s("steps")} steps, lr ${s("lr")}, batch ${s("batch")}`,
    `  test NLL ${s("nll")} nats (from ${s("initial_nll")}); entropy floor ${s("entropy_floor")}; gap ${s("gap")}`,
    `  ${s("train_seconds")} s, ${s("steps_per_second")} steps/s`
  ].join("\n");
}

import {normalBase} from "../../cnf/base.ts";
import {logDensity} from "../../cnf/log-density.ts";
import {cnfTrainer, type CnfTrainer} from "../../cnf/train.ts";
import type {Dataset2D} from "../../data/dataset.ts";
import {resolveDataset} from "./datasets.ts";
import {rng} from "../../random.ts";
import {UsageError, type ParsedOptions} from "../args.ts";
import {command} from "../command.ts";
import {choice, integer, number, seed, text} from "../../options/schema.ts";

const options = {
  dataset: text("moons", "target dataset (see `datasets`)"),
  steps: integer(300, "training steps", {min: 0, max: 1_000_000}),
  solver: choice(["rk4", "euler"], "rk4", "fixed-step solver unrolled in training"),
  nsteps: integer(10, "solver steps over [0, 1]", {min: 1, max: 1000}),
  batch: integer(256, "training batch size", {min: 1, max: 100_000}),
  lr: number(5e-3, "Adam learning rate", {min: 0}),
  hidden: text("64,64", "hidden widths, comma-separated"),
  divergence: choice(["exact", "hutchinson"], "exact", "training divergence"),
  probe: choice(["rademacher", "gaussian"], "rademacher", "Hutchinson probes"),
  test: integer(2000, "fresh test points for the NLL", {min: 1, max: 1_000_000}),
  seed: seed(0, "seed of the network, batches, probes and test sample")
};

/**
 * `train-cnf`: maximum-likelihood CNF training, headless (lecture D3.17-3.18). It is meant to be slow: every step
 * unrolls the whole ODE solve with the divergence integral, then backpropagates through it.
 */
export const trainCnfCommand = command({
  name: "train-cnf",
  summary: "train a CNF by maximum likelihood (backprop through an unrolled solver); report test NLL vs the floor",
  options,
  run(o) {
    const data = resolveDataset(o.dataset);
    const trainer = cnfTrainer({
      data,
      hidden: parseHidden(o.hidden),
      solver: o.solver,
      steps: o.nsteps,
      batch: o.batch,
      lr: o.lr,
      divergence: o.divergence,
      probe: o.probe,
      seed: o.seed
    });
    const n = o.test;
    // A different stream from training's (seed + 1) so the test points are never training points.
    const test = data.sample(n, rng(o.seed + 1_000_003));
    const initial = trainer.nll(test, n);
    const adaptiveBefore = adaptive(trainer, test, n);
    const history: {step: number; loss: number}[] = [];
    const every = Math.max(1, Math.round(o.steps / 10));
    let nfe = 0;
    for (let k = 0; k < o.steps; k++) {
      const r = trainer.step();
      nfe = r.nfe;
      if (r.steps % every === 0) history.push({step: r.steps, loss: round(r.lastLoss)});
    }
    const nll = trainer.nll(test, n);
    const adaptiveAfter = adaptive(trainer, test, n);
    const json = report(o, data, {initial, nll, nfe, seconds: trainer.seconds, history, adaptiveBefore, adaptiveAfter});
    return {json, text: format(json)};
  }
});

/**
 * The model in continuous time: NLL and NFE of a dopri5 solve (rtol = atol = 1e-5). The NFE it needs tends to grow
 * as training makes the dynamics more complex (lecture D3.18); the NLL shows how far the unrolled model is from it.
 */
function adaptive(trainer: CnfTrainer, x: Float64Array, n: number): {nll: number; nfe: number} {
  // A trained model needs about ten steps; a diverged one would grind through the solver's default 10 000.
  const options = {solver: "dopri5", rtol: 1e-5, atol: 1e-5, maxSteps: 200} as const;
  try {
    const {logp, nfe} = logDensity(trainer.field(), normalBase(), x, n, options);
    return {nll: -logp.reduce((s, v) => s + v, 0) / n, nfe};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`the CNF cannot be solved adaptively (${message}): training diverged, try a smaller --lr`);
  }
}

function parseHidden(text: string): number[] {
  const widths = text.split(",").map((s) => Number(s.trim()));
  if (widths.length === 0 || !widths.every((w) => Number.isInteger(w) && w >= 1 && w <= 4096)) {
    throw new UsageError(`invalid --hidden: ${text} (expected widths like 64,64)`);
  }
  return widths;
}

interface Outcome {
  initial: number;
  nll: number;
  nfe: number;
  seconds: number;
  history: {step: number; loss: number}[];
  adaptiveBefore: {nll: number; nfe: number};
  adaptiveAfter: {nll: number; nfe: number};
}

function report(o: ParsedOptions<typeof options>, data: Dataset2D, r: Outcome): Record<string, unknown> {
  const steps = o.steps;
  return {
    dataset: data.name,
    steps,
    solver: o.solver,
    nsteps: o.nsteps,
    batch: o.batch,
    hidden: o.hidden,
    divergence: o.divergence,
    seed: o.seed,
    initial_nll: round(r.initial),
    nll: round(r.nll),
    entropy_floor: data.entropy ?? null,
    gap: data.entropy === undefined ? null : round(r.nll - data.entropy),
    nfe: r.nfe,
    nfe_total: r.nfe * steps,
    dopri5_nll: round(r.adaptiveAfter.nll),
    dopri5_nfe: r.adaptiveAfter.nfe,
    dopri5_nfe_initial: r.adaptiveBefore.nfe,
    train_seconds: round(r.seconds, 2),
    steps_per_second: r.seconds > 0 ? round(steps / r.seconds, 2) : null,
    history: r.history
  };
}

function round(v: number, digits = 4): number {
  return +v.toFixed(digits);
}

function format(j: Record<string, unknown>): string {
  const s = (k: string) => String(j[k]);
  return [
    `train-cnf on ${s("dataset")}: ${s("steps")} steps of ${s("solver")} × ${s("nsteps")}, batch ${s("batch")}, hidden ${s("hidden")}, ${s("divergence")} divergence`,
    `  test NLL ${s("nll")} nats (from ${s("initial_nll")}); entropy floor ${s("entropy_floor")}; gap ${s("gap")}`,
    `  nfe ${s("nfe")} per step (${s("nfe_total")} total, forward only); ${s("train_seconds")} s, ${s("steps_per_second")} steps/s`,
    `  continuous time (dopri5 1e-5): NLL ${s("dopri5_nll")}, NFE ${s("dopri5_nfe")} (was ${s("dopri5_nfe_initial")} at init)`
  ].join("\n");
}

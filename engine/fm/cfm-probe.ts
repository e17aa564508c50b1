/**
 * A conditional-flow-matching trainer that shows its work (lecture D4.8-D4.9): each step draws x₁ ~ q, x₀ ~ N(0, I)
 * and t ~ U[0, 1], builds x_t and the conditional target u_t(x_t | x₁) with a one-sided path, and takes one Adam step
 * of a fast MLP on the CFM loss. It keeps the step's minibatch (x₁, t, x_t, target) for drawing, and, given the
 * closed-form marginal field u_t of the same path (marginal.ts), also the FM loss of the same batch and the batch's
 * conditional spread |u_t(x_t | x₁) − u_t(x_t)|², whose expectation is the floor C.
 *
 * Every loss here is a per-coordinate mean, like TorchCFM's `torch.mean((vt - ut) ** 2)`: the squared norm of a 2D
 * error divided by d = 2 (the regression trainer averages over the n × 2 entries). The lecture's C is a trace, so it
 * is divided by d as well wherever it is compared with these losses.
 */
import {dataset as datasetByName} from "../data/registry.ts";
import type {Dataset2D} from "../data/dataset.ts";
import {fastMlp, regressionTrainer, type FastActivation, type FastMlp, type RegressionTrainer} from "../fast/index.ts";
import type {Kernels} from "../kernels/index.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import {rng, type Rng} from "../random.ts";
import {stepLoop, type TrainReport} from "../step-loop.ts";
import type {Steppable} from "../steppable.ts";
import type {MarginalField} from "./marginal.ts";

export interface CfmProbeOptions {
  /** A one-sided path (its noise x₀ ~ N(0, I)), e.g. Lipman's with σ_min. */
  path: ProbabilityPath;
  /** The data q at t = 1, by name or object. */
  target: string | Dataset2D;
  kernels: Kernels;
  /** Pairs per step. @defaultValue 256 */
  batch?: number;
  /** The closed-form marginal field of `path` to `target`: turns on the FM loss and the spread. */
  marginal?: MarginalField;
  /**
   * Points of each batch (its first ones) the FM loss and the spread are measured on: an unbiased estimate of the
   * batch's, at a fraction of the cost (the closed form costs about 25 µs a point). @defaultValue 64
   */
  measured?: number;
  /** Hidden width and layers of the MLP. @defaultValue 64, 3 */
  width?: number;
  depth?: number;
  /** @defaultValue "silu" */
  activation?: FastActivation;
  /** Adam learning rate. @defaultValue 5e-3 */
  lr?: number;
  /** Seed of the initial weights and of every draw. @defaultValue 0 */
  seed?: number;
}

/** The newest step's minibatch, [n, 2] points and [n] times. */
export interface CfmBatch {
  x1: Float64Array;
  t: Float64Array;
  xt: Float64Array;
  /** u_t(x_t | x₁), the conditional target. */
  target: Float64Array;
}

/** A call of `step`: the mean CFM loss, and with a marginal field the mean FM loss and spread of the same batches. */
export interface CfmProbeReport extends TrainReport {
  fm?: number;
  spread?: number;
}

export interface CfmProbe extends Steppable<CfmProbeReport> {
  readonly net: FastMlp;
  readonly batch: CfmBatch;
  step(count?: number): CfmProbeReport;
  dispose(): void;
}

export function cfmProbe(options: CfmProbeOptions): CfmProbe {
  const {path, kernels, marginal} = options;
  if (!path.oneSided) throw new RangeError(`invalid path: ${path.name} (cfm probe needs a one-sided path)`);
  const n = options.batch ?? 256;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid batch: ${n}`);
  const target = typeof options.target === "string" ? datasetByName(options.target) : options.target;
  const seed = options.seed ?? 0;
  const net = fastMlp({
    sizes: [2, ...new Array<number>(options.depth ?? 3).fill(options.width ?? 64), 2],
    activation: options.activation ?? "silu",
    time: "concat",
    seed,
    kernels
  });
  const trainer: RegressionTrainer = regressionTrainer(net, {lr: options.lr ?? 5e-3});
  const random: Rng = rng(seed + 1);
  const batch: CfmBatch = {
    x1: new Float64Array(2 * n),
    t: new Float64Array(n),
    xt: new Float64Array(2 * n),
    target: new Float64Array(2 * n)
  };
  const x0 = new Float64Array(2 * n);
  const input = new Float32Array(n * net.inputWidth);
  const predicted = new Float64Array(2 * n);
  const marginalU = new Float64Array(2);
  const measured = Math.min(n, options.measured ?? 64);
  if (!(Number.isInteger(measured) && measured >= 1)) throw new RangeError(`invalid measured: ${options.measured}`);
  let steps = 0;
  let fmSum = 0;
  let spreadSum = 0;

  function one(): number {
    batch.x1.set(target.sample(n, random));
    random.fillNormal(x0);
    for (let i = 0; i < n; i++) batch.t[i] = Math.min(path.tMax, Math.max(path.tMin, random.uniform()));
    path.sample(batch.xt, x0, batch.x1, batch.t, x0, n);
    path.velocity(batch.target, x0, batch.x1, batch.t, batch.xt, n);
    if (marginal) measure();
    net.features(input, batch.xt, n, batch.t);
    const loss = trainer.step(input, batch.target, n);
    steps++;
    if (!Number.isFinite(loss)) throw new Error(`non-finite loss at step ${steps}`);
    return loss;
  }

  /** The FM loss and the spread of this batch, with the network as it is before the step. */
  function measure(): void {
    net.forward(predicted, batch.xt, measured, batch.t);
    let fm = 0;
    let spread = 0;
    for (let i = 0; i < measured; i++) {
      marginal!.velocity(marginalU, batch.xt.subarray(2 * i, 2 * i + 2), 1, batch.t[i]!);
      for (let k = 0; k < 2; k++) {
        fm += (predicted[2 * i + k]! - marginalU[k]!) ** 2;
        spread += (batch.target[2 * i + k]! - marginalU[k]!) ** 2;
      }
    }
    fmSum += fm / (2 * measured);
    spreadSum += spread / (2 * measured);
  }

  return {
    net,
    batch,
    get steps() {
      return steps;
    },
    step(count = 1) {
      fmSum = spreadSum = 0;
      const report: CfmProbeReport = stepLoop(count, one, () => steps);
      if (marginal) Object.assign(report, {fm: fmSum / count, spread: spreadSum / count});
      return report;
    },
    dispose() {
      trainer.dispose();
      net.dispose();
    }
  };
}

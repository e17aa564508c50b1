import {mean, neg} from "../autodiff/index.ts";
import {tensor} from "../autodiff/tensor.ts";
import type {VelocityField} from "../fields/field.ts";
import type {ActivationName} from "../nn/activation.ts";
import {mlp, type Mlp} from "../nn/mlp.ts";
import {adam, type Optimizer} from "../nn/optim.ts";
import {rng, type Rng} from "../random.ts";
import {stepLoop, type TrainReport} from "../step-loop.ts";
import type {Steppable} from "../steppable.ts";
import {normalBase} from "./base.ts";
import type {DivergenceMethod, ProbeKind} from "./divergence.ts";
import {logDensity} from "./log-density.ts";
import {mlpField} from "./mlp-field.ts";
import {unrolledLogLikelihood} from "./unroll.ts";

export interface CnfTrainerOptions {
  /** Training data: draws n points (n × 2, flat) from the target; a Dataset2D fits. */
  data: {sample(n: number, rng: Rng): Float64Array};
  /** Hidden widths of u_θ(x, t): input [x, t], output 2. @defaultValue [64, 64] */
  hidden?: number[];
  /** @defaultValue "tanh" (smooth, as FFJORD's toy CNF) */
  activation?: ActivationName;
  /** Fixed-step solver unrolled through autodiff. @defaultValue "rk4" */
  solver?: "rk4" | "euler";
  /** Solver steps over [0, 1]. @defaultValue 10 */
  steps?: number;
  /** Points per training step. @defaultValue 256 */
  batch?: number;
  /** Adam learning rate. @defaultValue 5e-3 */
  lr?: number;
  /** Divergence used in training (evaluation always uses the exact trace). @defaultValue "exact" */
  divergence?: DivergenceMethod;
  /** Hutchinson probe distribution. @defaultValue "rademacher" */
  probe?: ProbeKind;
  /** Seeds the network init, the batches and the probes. @defaultValue 0 */
  seed?: number;
}

const defaults = {
  hidden: [64, 64],
  activation: "tanh" as ActivationName,
  solver: "rk4" as "rk4" | "euler",
  steps: 10,
  batch: 256,
  lr: 5e-3,
  divergence: "exact" as DivergenceMethod,
  probe: "rademacher" as ProbeKind,
  seed: 0
};

/**
 * What a call of `step` measured. The loss is the mean −log p1 over a batch, in nats (a Hutchinson run reports its
 * noisy estimate): `loss` averages the steps of the call, `lastLoss` is the last step's.
 */
export interface CnfStepReport extends TrainReport {
  /** Network evaluations of the unrolled solve per step (forward pass only; backprop costs about twice that). */
  nfe: number;
}

export interface CnfTrainer extends Steppable<CnfStepReport> {
  readonly net: Mlp;
  /** Total wall-clock seconds spent in `step`. */
  readonly seconds: number;
  /** Runs k optimisation steps (default 1, synchronously) and reports them. */
  step(k?: number): CnfStepReport;
  /** The current model as a velocity field for solvers, densities and samplers. */
  field(): VelocityField;
  /** Mean −log p1(x) over n points by the same fixed-step solve, exact divergence, no graph. */
  nll(x: Float64Array, n: number): number;
}

/**
 * Maximum-likelihood training of a CNF (lecture D3.17): each step draws a batch, unrolls the solver backward from the
 * data to the base with the divergence integral, and takes one Adam step on −mean log p1. Headless and seeded.
 */
export function cnfTrainer(options: CnfTrainerOptions): CnfTrainer {
  const o = {...defaults, ...options};
  if (!(Number.isInteger(o.batch) && o.batch >= 1)) throw new RangeError(`invalid batch: ${o.batch}`);
  if (!(o.lr > 0)) throw new RangeError(`invalid lr: ${o.lr}`);
  const net = mlp({sizes: [2, ...o.hidden, 2], activation: o.activation, time: "concat", seed: o.seed});
  const optimizer: Optimizer = adam(net.parameters(), {lr: o.lr});
  const random = rng(o.seed + 1);
  let steps = 0;
  let seconds = 0;
  let nfe = 0;
  const once = (): number => {
    const x = tensor(o.data.sample(o.batch, random), o.batch, 2);
    const solved = unrolledLogLikelihood(net, x, {...o, rng: random});
    const loss = neg(mean(solved.logp));
    optimizer.zeroGrad();
    loss.backward();
    const nll = loss.item();
    if (!Number.isFinite(nll)) throw new Error(`non-finite loss at step ${steps + 1}`);
    optimizer.step();
    steps++;
    nfe = solved.nfe;
    return nll;
  };
  return {
    net,
    get steps() {
      return steps;
    },
    get seconds() {
      return seconds;
    },
    step(k = 1) {
      const report = stepLoop(k, once, () => steps);
      seconds += report.seconds;
      return {...report, nfe};
    },
    field: () => mlpField(net),
    nll(x, n) {
      const {logp} = logDensity(mlpField(net), normalBase(), x, n, {solver: o.solver, steps: o.steps});
      return -logp.reduce((s, v) => s + v, 0) / n;
    }
  };
}

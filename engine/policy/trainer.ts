/**
 * The two policies of the toy (lecture D4.27), trained side by side on the same demonstrations with networks of the
 * same size: a flow-matching policy u^θ_t(a | o), an MLP of [a_t, o, t], regressed on the straight-path target a₁ − a₀
 * (CondOT, σ = 0; a₀ ~ N(0, 1), t ~ U[0, 1]), and a plain regressor a = f(o) trained with squared error, whose
 * minimizer is the mean action E[a | o]. One step is one Adam step of each on a fresh minibatch of demonstrations.
 */
import {cosineSchedule} from "../fast/schedule.ts";
import {fastMlp, regressionTrainer, type FastMlp, type MlpJson, type RegressionTrainer} from "../fast/index.ts";
import type {Kernels} from "../kernels/index.ts";
import {rng} from "../random.ts";
import type {StepReport, Steppable} from "../steppable.ts";

export interface PolicyTrainerOptions {
  /** Demonstrated observations and actions (one each per demonstration). */
  observations: Float64Array;
  actions: Float64Array;
  /** Steps of the whole run (the learning rate's cosine decays over them). */
  steps: number;
  /** Peak Adam learning rate. */
  lr: number;
  batch: number;
  /** Width of the 3 hidden layers of both networks. */
  width: number;
  seed: number;
}

export interface PolicyReport extends StepReport {
  /** Mean CFM loss of the flow-matching policy over this call's steps. */
  loss: number;
  /** Mean squared error of the regressor over this call's steps. */
  regressorLoss: number;
}

export interface PolicyTrainer extends Steppable<PolicyReport> {
  readonly policy: FastMlp;
  readonly regressor: FastMlp;
  /** The weights of both networks now, as plain JSON (engine/nn/json.ts). */
  weights(): {policy: MlpJson; regressor: MlpJson};
  dispose(): void;
}

export function policyTrainer(kernels: Kernels, o: PolicyTrainerOptions): PolicyTrainer {
  const n = o.observations.length;
  if (n < 1 || o.actions.length !== n)
    throw new RangeError(`invalid demonstrations: ${n} observations, ${o.actions.length} actions`);
  const schedule = cosineSchedule({peak: o.lr, steps: o.steps, floor: 0.05});
  const hidden = [o.width, o.width, o.width];
  const policy = fastMlp({sizes: [2, ...hidden, 1], activation: "silu", time: "concat", seed: o.seed, kernels});
  const regressor = fastMlp({sizes: [1, ...hidden, 1], activation: "silu", seed: o.seed + 1, kernels});
  const fit: [RegressionTrainer, RegressionTrainer] = [
    regressionTrainer(policy, {lr: schedule}),
    regressionTrainer(regressor, {lr: schedule})
  ];
  const random = rng(o.seed);
  const B = o.batch;
  const policyInput = new Float32Array(3 * B);
  const policyTarget = new Float32Array(B);
  const regressorInput = new Float32Array(B);
  const regressorTarget = new Float32Array(B);
  let steps = 0;

  function one(): [number, number] {
    for (let i = 0; i < B; i++) {
      const j = random.int(n);
      const a1 = o.actions[j]!;
      const a0 = random.normal();
      const t = random.uniform();
      policyInput[3 * i] = (1 - t) * a0 + t * a1;
      policyInput[3 * i + 1] = o.observations[j]!;
      policyInput[3 * i + 2] = t;
      policyTarget[i] = a1 - a0;
      // The regressor sees its own draw of demonstrations.
      const k = random.int(n);
      regressorInput[i] = o.observations[k]!;
      regressorTarget[i] = o.actions[k]!;
    }
    steps++;
    return [fit[0].step(policyInput, policyTarget, B), fit[1].step(regressorInput, regressorTarget, B)];
  }

  return {
    policy,
    regressor,
    get steps() {
      return steps;
    },
    step(count = 1) {
      const start = performance.now();
      let loss = 0;
      let regressorLoss = 0;
      for (let c = 0; c < count; c++) {
        const [l, r] = one();
        if (!Number.isFinite(l) || !Number.isFinite(r)) throw new Error(`non-finite loss at step ${steps}`);
        loss += l;
        regressorLoss += r;
      }
      const seconds = (performance.now() - start) / 1000;
      return {
        steps,
        loss: loss / count,
        regressorLoss: regressorLoss / count,
        seconds,
        stepsPerSecond: count / Math.max(seconds, 1e-9)
      };
    },
    weights: () => ({policy: policy.toJSON(), regressor: regressor.toJSON()}),
    dispose() {
      for (const f of fit) f.dispose();
      policy.dispose();
      regressor.dispose();
    }
  };
}

/**
 * policy-toy: the flow-matching policy and the squared-error regressor of lecture D4.27 trained side by side on the
 * same two-mode demonstrations (engine/policy/), streaming the loss of each and, a few times a second and at the end,
 * the weights of both networks as plain JSON: the page samples the policy for the observation the viewer sets
 * (a few hundred rows through a small MLP) without a round trip to the worker.
 */
import {sampleDemonstrations} from "../policy/demonstrations.ts";
import {policyTrainer, type PolicyReport} from "../policy/trainer.ts";
import type {MlpJson} from "../nn/json.ts";
import {rng} from "../random.ts";
import {lossHistory} from "./loss-history.ts";
import {policyToyOptions, type PolicyToyOptions} from "./policy-toy-options.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job, TaskEnv} from "./task.ts";

export type PolicyToyFrame = {
  phase: "training" | "done";
  progress: Progress;
  /** Loss curves: the last step of each point, the policy's CFM loss and the regressor's squared error. */
  lossSteps: Float64Array;
  lossValues: Float64Array;
  regressorSteps: Float64Array;
  regressorValues: Float64Array;
  /** The demonstrations: observation and action of each. */
  observations: Float32Array;
  actions: Float32Array;
  /** The networks now: the policy u(a_t, o, t) and the regressor f(o). */
  policy?: MlpJson;
  regressor?: MlpJson;
};

/** Milliseconds between two copies of the weights while training. */
const WEIGHTS_EVERY_MS = 250;

export const policyToy: EngineTask<typeof policyToyOptions, PolicyToyFrame> = {
  name: "policy-toy",
  options: policyToyOptions,
  start: (options, env) => policyToyJob(options, env)
};

/** The job of {@link policyToy}. */
export function policyToyJob(o: PolicyToyOptions, env: TaskEnv): Job<PolicyToyFrame> {
  const {observations, actions} = sampleDemonstrations(o.demonstrations, rng(o.seed + 777));
  const trainer = policyTrainer(env.kernels, {
    observations,
    actions,
    steps: o.training,
    lr: o.lr,
    batch: o.batch,
    width: o.width,
    seed: o.seed
  });
  const regressorHistory = lossHistory(256);
  let weights: ReturnType<typeof trainer.weights> | undefined;
  let lastWeights = -Infinity;
  const job = steppingJob<PolicyReport, PolicyToyFrame>(
    {
      get steps() {
        return trainer.steps;
      },
      step(count) {
        const report = trainer.step(count);
        regressorHistory.add(report.regressorLoss, count ?? 1);
        return report;
      }
    },
    {
      total: o.training,
      frame({progress, history, done}) {
        if (done || performance.now() - lastWeights >= WEIGHTS_EVERY_MS) {
          weights = trainer.weights();
          lastWeights = performance.now();
        }
        const fm = history.snapshot();
        const mse = regressorHistory.snapshot();
        return {
          phase: done ? "done" : "training",
          progress,
          lossSteps: fm.steps,
          lossValues: fm.loss,
          regressorSteps: mse.steps,
          regressorValues: mse.loss,
          observations: new Float32Array(observations),
          actions: new Float32Array(actions),
          ...(weights ?? {})
        };
      }
    }
  );
  return {run: (budgetMs) => job.run(budgetMs), dispose: () => trainer.dispose()};
}

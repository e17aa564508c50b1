/**
 * max-likelihood: maximum likelihood on a 2D dataset (lecture D1.9). One Gaussian has its MLE in closed form (the
 * sample mean and covariance); a K-component mixture is fitted by EM, one iteration per step, paced so that the
 * ellipses can be watched moving. Frames carry the data, both fits, and the average NLL of the mixture after each
 * iteration on the training points and on as many held-out points, next to the data's entropy H(q): the held-out
 * NLL estimates E_q[−log p_θ] = H(q) + KL(q ‖ p_θ), so its gap to the floor estimates the KL.
 */
import {dataset} from "../data/registry.ts";
import {rng} from "../random.ts";
import type {StepReport, Steppable} from "../steppable.ts";
import {gaussianMle} from "../stats/gaussian-mle.ts";
import {averageNll, emStep, gmmStart} from "../stats/gmm-em.ts";
import type {MixtureParams} from "../stats/responsibilities.ts";
import {EM_PACE, maxLikelihoodOptions, type MaxLikelihoodOptions} from "./max-likelihood-options.ts";
import {steppingJob, type Progress} from "./stepping.ts";
import type {EngineTask, Job} from "./task.ts";

export type MaxLikelihoodFrame = {
  progress: Progress;
  /** The training points [n, 2]. */
  data: Float64Array;
  /** The single Gaussian's MLE (mean [2], covariance [4]) and its average NLL on the training and held-out points. */
  gaussianMean: Float64Array;
  gaussianCov: Float64Array;
  gaussianNll: number;
  gaussianHeldOut: number;
  /** The mixture after the latest iteration: weights [K], means [K, 2], covariances [K, 4]. */
  weights: Float64Array;
  means: Float64Array;
  covs: Float64Array;
  /** Per iteration 0 (the start) … the latest: its number and the mixture's average NLL, training and held out. */
  iteration: Float64Array;
  trainNll: Float64Array;
  heldOutNll: Float64Array;
  /** The data's entropy H(q) in nats and its error bound (NaN when the dataset has none). */
  entropy: number;
  entropyError: number;
};

export const maxLikelihood: EngineTask<typeof maxLikelihoodOptions, MaxLikelihoodFrame> = {
  name: "max-likelihood",
  options: maxLikelihoodOptions,
  start: (options) => maxLikelihoodJob(options)
};

/**
 * EM as a steppable: one EM iteration a step, its loss the average training NLL of the mixture it starts from.
 * `onStep` sees each new mixture as it is made (a slice may run many iterations: the NLL curve needs every one).
 */
export function emSteppable(
  x: Float64Array,
  n: number,
  start: MixtureParams,
  onStep?: (mixture: MixtureParams) => void
) {
  let current = start;
  let steps = 0;
  const fit = {
    get steps() {
      return steps;
    },
    get mixture() {
      return current;
    },
    step(count = 1): StepReport {
      const t0 = performance.now();
      let loss = 0;
      for (let i = 0; i < count; i++) {
        const s = emStep(current, x, n);
        if (!Number.isFinite(s.nll)) throw new Error(`non-finite nll at iteration ${steps}`);
        loss += s.nll / count;
        current = s.next;
        steps++;
        onStep?.(current);
      }
      const seconds = (performance.now() - t0) / 1000;
      return {steps, loss, seconds, stepsPerSecond: count / Math.max(seconds, 1e-9)};
    }
  };
  return fit satisfies Steppable;
}

/** A gap between two slices longer than this is a pause (or a step of the player), not playing time. */
const GAP_MS = 120;
const IDLE_MS = 40;

export function maxLikelihoodJob(o: MaxLikelihoodOptions, {paced = true} = {}): Job<MaxLikelihoodFrame> {
  const q = dataset(o.dataset);
  const random = rng(o.seed);
  const data = q.sample(o.n, random);
  const heldOut = q.sample(o.n, random);
  if (o.k > o.n) throw new RangeError(`invalid k: ${o.k} (at most n = ${o.n})`);
  const single = gaussianMle(data, o.n);
  const gaussianNll = averageNll(single, data, o.n);
  const gaussianHeldOut = averageNll(single, heldOut, o.n);
  const trainNll: number[] = [];
  const heldOutNll: number[] = [];
  const record = (mixture: MixtureParams) => {
    trainNll.push(averageNll(mixture, data, o.n));
    heldOutNll.push(averageNll(mixture, heldOut, o.n));
  };
  const em = emSteppable(data, o.n, gmmStart(data, o.n, o.k, random), record);
  record(em.mixture);
  let playing = 0;
  let lastRun = -Infinity;

  const fitting = steppingJob(em, {
    total: o.iterations,
    // EM's NLL can only fall, so no run diverges; the check stays for a broken covariance (non-finite NLL).
    frame({progress: measured}) {
      // While paced, the throughput is the pace, not what one slice could do (the page estimates time left from it).
      const progress = paced
        ? {
            ...measured,
            stepsPerSecond: Math.min(measured.stepsPerSecond, EM_PACE),
            secondsLeft: (o.iterations - measured.steps) / EM_PACE
          }
        : measured;
      const m = em.mixture;
      return {
        progress,
        data: Float64Array.from(data),
        gaussianMean: Float64Array.from(single.means),
        gaussianCov: Float64Array.from(single.covs),
        gaussianNll,
        gaussianHeldOut,
        weights: Float64Array.from(m.weights),
        means: Float64Array.from(m.means),
        covs: Float64Array.from(m.covs),
        iteration: Float64Array.from(trainNll, (_, i) => i),
        trainNll: Float64Array.from(trainNll),
        heldOutNll: Float64Array.from(heldOutNll),
        entropy: q.entropy ?? NaN,
        entropyError: q.entropyError ?? NaN
      };
    }
  });

  return {
    run(budgetMs) {
      if (!paced) return fitting.run(budgetMs);
      const now = performance.now();
      const gap = now - lastRun;
      lastRun = now;
      // The first slice and the first after a pause (a step of the player) take one iteration at once.
      if (gap > GAP_MS) {
        playing += Math.min(gap, GAP_MS);
        return fitting.run(0);
      }
      playing += gap;
      const due = Math.floor((EM_PACE * playing) / 1000) - em.steps;
      return due > 0 ? fitting.run(0) : {done: false, idleMs: IDLE_MS};
    }
  };
}

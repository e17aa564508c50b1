/**
 * One job for anything Steppable (engine/steppable.ts): the worker loop drives trainers of every kind through it, with
 * no adapter per trainer. Each `run(budgetMs)` takes as many steps as fit in the budget, judged from the measured time
 * per step (so a slice stays near its budget whether a step takes 20 µs or 20 ms), and never fewer than one; it keeps
 * a bounded loss curve (loss-history.ts), stops a run whose loss blows up with an error that says so, and builds the
 * slice's frame through a callback.
 */
import type {StepReport, Steppable} from "../steppable.ts";
import {lossHistory, type LossHistory} from "./loss-history.ts";
import type {Frame, Job} from "./task.ts";

/** What every training or long task puts in its frames as `progress` (the page shows step, steps/s, time left). */
export interface Progress {
  steps: number;
  total: number;
  /** Throughput of the recent slices (their whole time, frames included). */
  stepsPerSecond: number;
  /** Mean loss of the latest slice (training only). */
  loss?: number;
  /** Seconds to the end when the task knows better than total / stepsPerSecond (a paced run that speeds up). */
  secondsLeft?: number;
}

/** What the frame callback sees. */
export interface SteppingState<R extends StepReport> {
  progress: Progress;
  history: LossHistory;
  /** The newest report of the steppable. */
  report: R;
  /** True on the last slice: the steppable has taken its `total` steps. */
  done: boolean;
}

export interface SteppingOptions<R extends StepReport, F extends Frame> {
  /** Steps of the whole run. */
  total: number;
  /** Builds this slice's frame (or none). */
  frame(state: SteppingState<R>): F | undefined;
  /** Points of the loss curve at most. @defaultValue 256 */
  historyLength?: number;
  /**
   * The run has diverged when the mean loss of a slice exceeds this factor times the first slice's (non-finite
   * losses always count). @defaultValue 1e4
   */
  divergence?: number;
}

/** The stepping job, which also exposes its progress and loss history between slices. */
export interface SteppingJob<F extends Frame> extends Job<F> {
  readonly progress: Progress;
  readonly history: LossHistory;
}

export function steppingJob<R extends StepReport, F extends Frame>(
  steppable: Steppable<R>,
  options: SteppingOptions<R, F>
): SteppingJob<F> {
  const {total, historyLength = 256, divergence = 1e4} = options;
  if (!(Number.isInteger(total) && total >= 1)) throw new RangeError(`invalid total: ${total} (an integer ≥ 1)`);
  const history = lossHistory(historyLength);
  let msPerStep = NaN; // smoothed wall time of one step, from the slices so far
  let stepsPerSecond = 0;
  let firstLoss = NaN;
  let latestLoss: number | undefined;

  /** One call of step(count), with the loss checked and recorded. */
  function take(count: number): R {
    let report: R;
    try {
      report = steppable.step(count);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/non-finite/.test(message)) throw new Error(`training diverged: ${message}; try a smaller learning rate`);
      throw error;
    }
    const {loss} = report;
    if (loss !== undefined) {
      if (!Number.isFinite(loss)) throw new Error(`training diverged: loss ${loss} at step ${report.steps}`);
      if (Number.isNaN(firstLoss)) firstLoss = Math.max(loss, 1e-12);
      if (loss > divergence * firstLoss) {
        throw new Error(
          `training diverged: loss ${loss.toPrecision(3)} at step ${report.steps}, ` +
            `${divergence}× the first ${firstLoss.toPrecision(3)}; try a smaller learning rate`
        );
      }
      history.add(loss, count);
      latestLoss = loss;
    }
    return report;
  }

  let hasLoss = true; // until a report says otherwise: chunks then need not stop at loss-curve points

  const job: SteppingJob<F> = {
    get progress() {
      return progressNow();
    },
    history,
    run(budgetMs) {
      if (steppable.steps >= total) return {done: true};
      const start = performance.now();
      let report: R | undefined;
      let taken = 0;
      let lossSum = 0;
      // At least one step; then chunks sized from the measured time per step.
      do {
        const left = budgetMs - (performance.now() - start);
        // A step faster than the clock's resolution measures 0 ms: then as many as are left (0 / 0 would be NaN).
        const fit = Number.isNaN(msPerStep)
          ? 1
          : msPerStep > 0
            ? Math.floor(left / msPerStep)
            : left > 0
              ? Infinity
              : 1;
        const count = Math.max(1, Math.min(fit, total - steppable.steps, hasLoss ? history.room : Infinity));
        const before = performance.now();
        report = take(count);
        hasLoss = report.loss !== undefined;
        taken += count;
        lossSum += (report.loss ?? 0) * count;
        // A chunk slowed by the OS (a shared machine, a busy page) may at most double the estimate at once.
        const ms = Math.min((performance.now() - before) / count, 2 * msPerStep || Infinity);
        msPerStep = Number.isNaN(msPerStep) ? ms : 0.7 * msPerStep + 0.3 * ms;
      } while (steppable.steps < total && performance.now() - start + msPerStep <= budgetMs);
      if (hasLoss) latestLoss = lossSum / taken;
      // The first slice's throughput counts its steps only; later slices' also the frames (one slice late).
      if (stepsPerSecond === 0) stepsPerSecond = taken / Math.max((performance.now() - start) / 1000, 1e-6);
      const done = steppable.steps >= total;
      const frame = options.frame({progress: progressNow(), history, report, done});
      const rate = taken / Math.max((performance.now() - start) / 1000, 1e-6);
      stepsPerSecond = 0.7 * stepsPerSecond + 0.3 * rate;
      return frame ? {frame, done} : {done};
    }
  };

  function progressNow(): Progress {
    const p: Progress = {steps: steppable.steps, total, stepsPerSecond};
    if (latestLoss !== undefined) p.loss = latestLoss;
    return p;
  }

  return job;
}

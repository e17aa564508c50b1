import type {StepReport} from "./steppable.ts";

/** The report of a training call: the mean and last loss are always there. */
export interface TrainReport extends StepReport {
  loss: number;
  lastLoss: number;
}

/**
 * Takes `count` steps of `one` (which takes one step and returns its loss) and reports them in the one shape of
 * engine/steppable.ts, so every trainer counts, averages and times the same way. `steps` reads the total afterwards.
 */
export function stepLoop(count: number, one: () => number, steps: () => number): TrainReport {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`invalid count: ${count}`);
  const start = performance.now();
  let sum = 0;
  let last = NaN;
  for (let k = 0; k < count; k++) sum += last = one();
  const seconds = (performance.now() - start) / 1000;
  return {steps: steps(), loss: sum / count, lastLoss: last, seconds, stepsPerSecond: count / seconds};
}

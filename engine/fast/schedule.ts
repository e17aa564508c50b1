/**
 * Learning-rate schedules: a function of the 1-based step count. A short run at a high peak rate that decays to a
 * small one reaches a given loss in far fewer steps than a constant rate (measured for the fm-train task: see
 * engine/tasks/fm-train.ts), which is what a live demo needs.
 */

/** The learning rate of step `step` (1-based). */
export type LrSchedule = (step: number) => number;

export interface CosineScheduleOptions {
  /** The highest rate, reached at the end of the warm-up. */
  peak: number;
  /** Steps of the whole schedule; after them the rate stays at `floor`. */
  steps: number;
  /** Steps of a linear warm-up from peak/warmup to peak. @defaultValue 0 */
  warmup?: number;
  /** The rate at the end, as a fraction of the peak. @defaultValue 0.05 */
  floor?: number;
}

/**
 * Linear warm-up, then a half cosine from `peak` down to `floor · peak` (SGDR without restarts, Loshchilov & Hutter
 * 2017, eq. 5).
 */
export function cosineSchedule(options: CosineScheduleOptions): LrSchedule {
  const {peak, steps, warmup = 0, floor = 0.05} = options;
  if (!(Number.isFinite(peak) && peak > 0)) throw new RangeError(`invalid peak: ${peak}`);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`invalid steps: ${steps}`);
  if (!(Number.isInteger(warmup) && warmup >= 0 && warmup < steps)) throw new RangeError(`invalid warmup: ${warmup}`);
  if (!(floor >= 0 && floor <= 1)) throw new RangeError(`invalid floor: ${floor}`);
  const low = floor * peak;
  return (step) => {
    if (step <= warmup) return (peak * step) / warmup;
    if (step >= steps) return low;
    const progress = (step - warmup) / (steps - warmup);
    return low + 0.5 * (peak - low) * (1 + Math.cos(Math.PI * progress));
  };
}

/** A constant rate as a schedule. */
export function constantSchedule(lr: number): LrSchedule {
  if (!(Number.isFinite(lr) && lr > 0)) throw new RangeError(`invalid lr: ${lr}`);
  return () => lr;
}

/**
 * The one shape of every headless, stepped computation in the engine (trainers of flow matching, flows and CNFs,
 * progressive integrations): synchronous `step(count)` returning one report type, so a test, the command line and the
 * worker loop drive any of them the same way and the worker needs no adapter per trainer (style.md §5).
 */
export interface StepReport {
  /** Steps taken so far in total. */
  steps: number;
  /** Mean loss over the steps of this call (training only; absent for an integration). */
  loss?: number;
  /** The last step's loss (training only). */
  lastLoss?: number;
  /** Wall-clock seconds of this call and its throughput. */
  seconds: number;
  stepsPerSecond: number;
}

export interface Steppable<R extends StepReport = StepReport> {
  /** Steps taken so far. */
  readonly steps: number;
  /** Takes `count` steps (default 1); throws an `Error` that says what went wrong (e.g. `non-finite loss at step 12`). */
  step(count?: number): R;
}

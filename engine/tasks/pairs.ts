/**
 * pairs: the batch of the `pairs` demo (lecture D4.14-D4.16), off the page. One frame: B source and target points,
 * their random and exact-OT pairings with each one's mean squared length, the closed-form marginal trajectories of the
 * I-CFM path between the two mixtures with their energy, straightness and crossings (pairs-batch.ts). The exact
 * assignment of B = 256 and the crossings of 30 traces of 40 steps (~700,000 segment pairs) take tens to hundreds of
 * milliseconds in a browser, over the page's budget for one animation frame. The work is split in units (the batch
 * and its traces, then the crossings of one trajectory at a time) so that no slice holds the worker for long.
 */
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {addCrossingsOf, pairsBatchWithoutCrossings, type PairsBatch} from "./pairs-batch.ts";
import {pairsOptions, type PairsTaskOptions} from "./pairs-options.ts";
import type {EngineTask, Job} from "./task.ts";
import {runUnits} from "./units.ts";

/** The task's one frame. */
export type PairsTaskFrame = {batch: PairsBatch};

export const pairsTask: EngineTask<typeof pairsOptions, PairsTaskFrame> = {
  name: "pairs",
  options: pairsOptions,
  async start(options) {
    // The same exact matching either way; WebAssembly when it loads, else the reference solver.
    await loadAssignmentKernels();
    return pairsJob(options);
  }
};

/** The job: units run in order, the frame posted once the last one is done. */
export function pairsJob(options: PairsTaskOptions): Job<PairsTaskFrame> {
  let batch: PairsBatch | undefined;
  const queue: (() => void)[] = [
    () => {
      batch = pairsBatchWithoutCrossings(options);
      const {traces, m, steps, crossings} = batch;
      for (let i = 0; i < m; i++) queue.push(() => addCrossingsOf(traces, m, steps, i, crossings));
    }
  ];
  return {
    run(budgetMs) {
      if (!runUnits(queue, budgetMs)) return {done: false};
      return {frame: {batch: batch!}, done: true};
    }
  };
}

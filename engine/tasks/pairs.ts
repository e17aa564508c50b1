/**
 * pairs: the batch of the `pairs` demo (lecture D4.14-D4.16), off the page. One frame: B source and target points,
 * their random and exact-OT pairings with each one's mean squared length, the closed-form marginal trajectories of the
 * I-CFM path between the two mixtures with their energy, straightness and crossings (pairs-batch.ts). The exact
 * assignment of B = 256 and the crossings of 30 traces of 40 steps (~700,000 segment pairs) take tens to hundreds of
 * milliseconds in a browser, over the page's budget for one animation frame.
 */
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {pairsBatch, type PairsBatch} from "./pairs-batch.ts";
import {pairsOptions} from "./pairs-options.ts";
import type {EngineTask} from "./task.ts";

/** The task's one frame. */
export type PairsTaskFrame = {batch: PairsBatch};

export const pairsTask: EngineTask<typeof pairsOptions, PairsTaskFrame> = {
  name: "pairs",
  options: pairsOptions,
  async start(options) {
    // The same exact matching either way; WebAssembly when it loads, else the reference solver.
    await loadAssignmentKernels();
    return {run: () => ({frame: {batch: pairsBatch(options)}, done: true})};
  }
};

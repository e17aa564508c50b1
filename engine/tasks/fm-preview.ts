/**
 * fm-preview: flow matching in one picture (lecture D1.16). The shipped I-CFM model (engine/weights/i-cfm.json, trained
 * on exactly the loss of the slide: straight lines x_t = (1 − t) x₀ + t x₁ between independent x₀ ~ N(0, I) and
 * x₁ ~ moons, regression onto x₁ − x₀) is sampled by Euler with N steps from seeded N(0, I) points. Every frame holds
 * the random training pairs, the Euler paths (exact straight segments between the steps), the network's field on a
 * grid at each step's time t_k = k/N (what the arrows show while the Euler clock runs), and once measured, the W2 of
 * the samples to held-out moons and the W2 between two fresh moons samples of the same size (what a perfect model scores).
 */
import {steppedFlow} from "../fields/stepped-flow.ts";
import type {VelocityField} from "../fields/field.ts";
import {fastModel} from "../fm/model.ts";
import {w2} from "../metrics/w2.ts";
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {rng} from "../random.ts";
import {evaluationData, EVAL, loadWeights, shippedTarget} from "../weights/index.ts";
import {fmPreviewOptions} from "./fm-preview-options.ts";
import {gridPoints, previewPairs} from "./fm-preview-scene.ts";
import type {Values} from "../options/schema.ts";
import type {EngineTask, Job} from "./task.ts";
import {runUnits} from "./units.ts";

type Options = Values<typeof fmPreviewOptions>;

export type FmPreviewFrame = {
  steps: number;
  n: number;
  /** [PREVIEW_PAIRS, 4] (fm-preview-scene.ts): x₀ (2), x₁ (2) of each random training pair. */
  pairs: Float32Array;
  /** Euler paths [steps + 1, n, 2]: row k is the state at t = k/N. */
  trajectories: Float32Array;
  /** The field u^θ at t_k = k/N on the grid, [steps + 1, nx·ny, 2] (row N is t = 1, shown once the clock stops). */
  fields: Float32Array;
  /** Held-out moons [n, 2]. */
  heldOut: Float32Array;
  /** W2 of the N-step samples to the held-out points, and the floor (mean W2 of two fresh n-point moons samples). */
  w2: number;
  w2Floor: number;
  done: boolean;
};

/** Repetitions of the floor's W2. */
const FLOOR_REPS = 3;

export const fmPreview: EngineTask<typeof fmPreviewOptions, FmPreviewFrame> = {
  name: "fm-preview",
  options: fmPreviewOptions,
  async start(options, env) {
    await loadAssignmentKernels();
    const weights = await loadWeights("i-cfm");
    const model = fastModel(env.kernels, {}, weights.model);
    return fmPreviewJob(options, model.field(), () => model.dispose());
  }
};

/** The job for a built field: the Euler samples, paths and arrow grids first, then the W2 and the floor's draws. */
export function fmPreviewJob(o: Options, field: VelocityField, dispose?: () => void): Job<FmPreviewFrame> {
  const {source, heldOut, n} = evaluationData(o.n);
  const N = o.steps;
  const grid = gridPoints();
  const cells = grid.length / 2;
  const fields = new Float32Array((N + 1) * cells * 2);
  const velocity = new Float64Array(grid.length);
  let flow: ReturnType<typeof steppedFlow> | undefined;
  let w2Value = NaN;
  const floors: number[] = [];
  const random = rng(EVAL.seed + 1);
  const target = shippedTarget();

  const units: (() => void)[] = [
    () => {
      for (let k = 0; k <= N; k++) {
        field.velocity(velocity, grid, cells, k / N);
        fields.set(velocity, k * cells * 2);
      }
      flow = steppedFlow(field, source, n, {solver: "euler", steps: N});
      flow.step(N);
    },
    () => {
      w2Value = w2(flow!.state, heldOut, n);
    },
    ...Array.from({length: FLOOR_REPS}, () => () => {
      floors.push(w2(target.sample(n, random), target.sample(n, random), n));
    })
  ];
  const pairs = previewPairs(o.seed);
  const held = new Float32Array(heldOut);

  return {
    run(budgetMs) {
      const done = runUnits(units, budgetMs);
      const frame: FmPreviewFrame = {
        steps: N,
        n,
        pairs: pairs.slice(),
        trajectories: flow!.trajectories.slice(),
        fields: fields.slice(),
        heldOut: held.slice(),
        w2: w2Value,
        w2Floor: done ? floors.reduce((a, b) => a + b, 0) / floors.length : NaN,
        done
      };
      return {frame, done};
    },
    dispose
  };
}

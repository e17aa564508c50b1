/**
 * nfe-quality: sample quality against the cost of sampling (lecture D4.20, D4.24). The shipped models (engine/weights)
 * push the same seeded N(0, I) points through their learned field with a fixed-step solver; each curve is the W2 of
 * those samples to held-out data at a few step counts, plotted against the number of field evaluations (NFE). The
 * chosen model's samples and a few of its paths at the chosen steps come with every frame, and its path energy, squared
 * displacement and straightness S (on an accurate RK4 solve) beside them. Curves are cached in the worker per model,
 * solver and n, so moving the steps slider or switching models only measures what is new.
 */
import {flowPaths} from "../fm/flow.ts";
import {fastModel, type VelocityModel} from "../fm/model.ts";
import {steppedFlow} from "../fields/stepped-flow.ts";
import {w2} from "../metrics/w2.ts";
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {rng} from "../random.ts";
import {evaluationData, EVAL, loadWeights, shippedTarget, type ShippedName} from "../weights/index.ts";
import {curveSteps, evaluationsPerStep, nfeComparisons, nfeQualityOptions} from "./nfe-quality-options.ts";
import type {Values} from "../options/schema.ts";
import type {EngineTask, Job} from "./task.ts";
import {runUnits} from "./units.ts";

type Options = Values<typeof nfeQualityOptions>;

export type NfeQualityFrame = {
  /** The compared models, and for each a curve of W2 (NaN where not measured yet) at NFE = steps × evaluations. */
  models: string[];
  nfe: Float64Array;
  /** [models, curveSteps] row-major. */
  curves: Float64Array;
  /** Held-out data [n, 2] and the chosen model's samples [n, 2] at the chosen steps. */
  heldOut: Float32Array;
  samples: Float32Array;
  /** Paths [steps + 1, pathCount, 2] of the first pathCount samples. */
  trajectories: Float32Array;
  pathCount: number;
  /** W2 of the chosen samples, and the floor (mean W2 of two fresh n-point data samples). */
  w2: number;
  w2Floor: number;
  /** The chosen model on an accurate solve (RK4, 32 steps): path energy, E‖x₁ − x₀‖², and S = their difference. */
  energy: number;
  displacement: number;
  straightness: number;
  /** True once every curve is measured. */
  done: boolean;
};

const PATHS = 40;
/** Repetitions of the floor's W2 between two data samples. */
const FLOOR_REPS = 3;
const ACCURATE = {solver: "rk4", steps: 32} as const;

/** Measured numbers, kept across jobs of this worker (key: model, solver, steps, n). */
const cache = new Map<string, number>();
const paths = new Map<string, {energy: number; displacement: number; straightness: number}>();

export const nfeQuality: EngineTask<typeof nfeQualityOptions, NfeQualityFrame> = {
  name: "nfe-quality",
  options: nfeQualityOptions,
  async start(options, env) {
    const names = comparedModels(options);
    await loadAssignmentKernels();
    const weights = await Promise.all(names.map((name) => loadWeights(name)));
    const models = new Map(names.map((name, i) => [name, fastModel(env.kernels, {}, weights[i]!.model)]));
    return nfeQualityJob(options, models);
  }
};

/** The models a comparison draws; the chosen model must be one of them (RangeError naming the option otherwise). */
export function comparedModels(o: Options): ShippedName[] {
  const names: ShippedName[] = [...nfeComparisons[o.compare]];
  if (!names.includes(o.model)) {
    throw new RangeError(`invalid model: ${o.model} is not drawn by compare ${o.compare} (${names.join(", ")})`);
  }
  return names;
}

/** The job once the models are built: the chosen model's samples first, then one curve point per slice. */
export function nfeQualityJob(o: Options, models: Map<ShippedName, VelocityModel>): Job<NfeQualityFrame> {
  const names = [...models.keys()];
  const {source, heldOut, n} = evaluationData(o.n);
  const per = evaluationsPerStep[o.solver];
  const nfe = Float64Array.from(curveSteps, (k) => k * per);
  // The chosen model's curve first, so its line is complete while the others fill in.
  const todo = [o.model, ...names.filter((m) => m !== o.model)].flatMap((m) => curveSteps.map((k) => [m, k] as const));
  let chosen: Omit<NfeQualityFrame, "models" | "nfe" | "curves" | "done"> | undefined;

  const key = (model: string, steps: number) => `${model}|${o.solver}|${steps}|${o.n}`;
  function measure(model: ShippedName, steps: number, keep = 0) {
    const flow = steppedFlow(models.get(model)!.field(), source, n, {solver: o.solver, steps, keep});
    flow.step(steps);
    const value = cache.get(key(model, steps)) ?? w2(flow.state, heldOut, n);
    cache.set(key(model, steps), value);
    return {value, flow};
  }

  function pathNumbers(model: ShippedName) {
    const k = `${model}|${o.n}`;
    let p = paths.get(k);
    if (!p) {
      const r = flowPaths(models.get(model)!.field(), source, n, ACCURATE);
      p = {energy: r.energy, displacement: r.displacement, straightness: r.straightness};
      paths.set(k, p);
    }
    return p;
  }

  function frame(done: boolean): NfeQualityFrame {
    const curves = new Float64Array(names.length * curveSteps.length).fill(NaN);
    names.forEach((m, i) =>
      curveSteps.forEach((k, j) => {
        curves[i * curveSteps.length + j] = cache.get(key(m, k)) ?? NaN;
      })
    );
    const c = chosen!;
    return {
      models: names.slice(),
      nfe: nfe.slice(),
      curves,
      ...c,
      heldOut: c.heldOut.slice(),
      samples: c.samples.slice(),
      trajectories: c.trajectories.slice(),
      done
    };
  }

  // The work in units of at most one W2 each (a few hundred ms), so that no slice keeps the worker from answering:
  // the chosen samples and their W2, the floor, the chosen model's path numbers, then one curve point per unit.
  const floorReps: number[] = [];
  const units: (() => void)[] = [
    () => {
      const keep = Math.min(PATHS, n);
      const {value, flow} = measure(o.model, o.steps, keep);
      chosen = {
        heldOut: new Float32Array(heldOut),
        samples: new Float32Array(flow.state),
        trajectories: flow.trajectories,
        pathCount: keep,
        w2: value,
        w2Floor: NaN,
        energy: NaN,
        displacement: NaN,
        straightness: NaN
      };
    },
    ...floorUnits(),
    () => Object.assign(chosen!, pathNumbers(o.model)),
    ...todo.map(([m, k]) => () => {
      if (!cache.has(key(m, k))) measure(m, k);
    })
  ];

  /** The floor's repetitions, one W2 each (skipped when this worker already knows the floor for this n). */
  function floorUnits(): (() => void)[] {
    const k = `floor|${o.n}`;
    const done = () => {
      chosen!.w2Floor = cache.get(k)!;
    };
    if (cache.has(k)) return [done];
    const random = rng(EVAL.seed + 1);
    const target = shippedTarget();
    return [
      ...Array.from({length: FLOOR_REPS}, () => () => {
        floorReps.push(w2(target.sample(n, random), target.sample(n, random), n));
      }),
      () => {
        cache.set(k, floorReps.reduce((a, b) => a + b, 0) / floorReps.length);
        done();
      }
    ];
  }

  return {
    run(budgetMs) {
      const done = runUnits(units, budgetMs);
      return {frame: frame(done), done};
    },
    dispose() {
      for (const m of models.values()) m.dispose();
    }
  };
}

/**
 * nfe-quality: sample quality against the cost of sampling (lecture D4.20, D4.24). The shipped models (engine/weights)
 * push the same seeded N(0, I) points through their learned field; each curve is the W2 of those samples to held-out
 * data against the number of field evaluations (NFE). A fixed-step solver's curve is measured at a few step counts
 * (NFE = steps × evaluations per step); Dopri5's is a sweep of tolerances, each point at the NFE counted on the field
 * during its solve. With a fixed-step solver every model gets that solver's curve and the chosen model also its Dopri5
 * curve; with Dopri5 every model gets its Dopri5 curve. The chosen model's samples and a few of its paths (one segment
 * per accepted step) come with every frame, and its path energy, squared displacement and straightness S (on an
 * accurate RK4 solve) beside them. Numbers are cached in the worker per model, solver, steps or tolerance and n, so
 * moving a control only measures what is new.
 */
import {flowPaths} from "../fm/flow.ts";
import {fastModel, type VelocityModel} from "../fm/model.ts";
import {fieldDeriv, type VelocityField} from "../fields/field.ts";
import {steppedFlow} from "../fields/stepped-flow.ts";
import {dopri5} from "../ode/dopri5.ts";
import {w2} from "../metrics/w2.ts";
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {rng} from "../random.ts";
import {evaluationData, EVAL, loadWeights, shippedTarget, type ShippedName} from "../weights/index.ts";
import {
  curveSteps,
  evaluationsPerStep,
  isFixedSolver,
  nfeComparisons,
  nfeQualityOptions,
  nfeTolerances
} from "./nfe-quality-options.ts";
import type {Values} from "../options/schema.ts";
import type {EngineTask, Job} from "./task.ts";
import {runUnits} from "./units.ts";

type Options = Values<typeof nfeQualityOptions>;

export type NfeQualityFrame = {
  /**
   * The compared models, and for each the fixed-step solver's curve of W2 (NaN where not measured yet) at
   * NFE = steps × evaluations per step (both empty when the solver is dopri5).
   */
  models: string[];
  nfe: Float64Array;
  /** [models, curveSteps] row-major. */
  curves: Float64Array;
  /**
   * Dopri5's tolerances (rtol = atol, loosest first) and per model [models, tolerances] row-major the NFE counted on
   * the field during that solve and the W2 of its samples; NaN where not measured (with a fixed-step solver only the
   * chosen model's sweep is measured).
   */
  tolerances: Float64Array;
  adaptiveNfe: Float64Array;
  adaptiveW2: Float64Array;
  /** The chosen solve's NFE: steps × evaluations per step, or the evaluations counted during dopri5's solve. */
  chosenNfe: number;
  /** Held-out data [n, 2] and the chosen model's samples [n, 2] at the chosen steps. */
  heldOut: Float32Array;
  samples: Float32Array;
  /** Paths [steps + 1, pathCount, 2] of the first pathCount samples (dopri5: at its accepted steps' ends). */
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

/** Measured numbers, kept across jobs of this worker (key: model, solver, steps or tolerance, n). */
const cache = new Map<string, number>();
const adaptiveCache = new Map<string, {nfe: number; w2: number}>();
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

/**
 * One dopri5 solve (rtol = atol = tol) of n points from t = 0 to t = 1, its NFE counted on the field (each count is
 * one evaluation of the whole batch), and the first `keep` points recorded at the end of every accepted step.
 */
export function adaptiveSample(
  field: VelocityField,
  x0: Float64Array,
  n: number,
  tol: number,
  keep = 0
): {x1: Float64Array; nfe: number; trajectories: Float32Array} {
  let nfe = 0;
  const f = fieldDeriv(field, n);
  const rows: Float32Array[] = [Float32Array.from(x0.subarray(0, 2 * keep))];
  const r = dopri5({rtol: tol, atol: tol}).solve(
    (out, y, t) => (nfe++, f(out, y, t)),
    x0.slice(0, 2 * n),
    0,
    1,
    (_t, _tNext, _y, yNext) => rows.push(Float32Array.from(yNext.subarray(0, 2 * keep)))
  );
  const trajectories = new Float32Array(rows.length * 2 * keep);
  rows.forEach((row, i) => trajectories.set(row, i * 2 * keep));
  return {x1: r.y, nfe, trajectories};
}

/** The job once the models are built: the chosen model's samples first, then one curve point per slice. */
export function nfeQualityJob(o: Options, models: Map<ShippedName, VelocityModel>): Job<NfeQualityFrame> {
  const names = [...models.keys()];
  const {source, heldOut, n} = evaluationData(o.n);
  const fixed = isFixedSolver(o.solver) ? o.solver : undefined;
  const steps: readonly number[] = fixed ? curveSteps : [];
  const nfe = Float64Array.from(steps, (k) => k * evaluationsPerStep[fixed!]);
  const tolerances = nfeTolerances.map(Number);
  // The chosen model's curves first, so they are complete while the others fill in; with a fixed-step solver the
  // other models get only that solver's curve (five more Dopri5 curves would hide the fixed-step ones).
  const others = names.filter((m) => m !== o.model);
  const todo: (() => void)[] = [
    ...steps.map((k) => () => void measure(o.model, k)),
    ...tolerances.map((tol) => () => void measureAdaptive(o.model, tol)),
    ...others.flatMap((m) =>
      fixed ? steps.map((k) => () => void measure(m, k)) : tolerances.map((tol) => () => void measureAdaptive(m, tol))
    )
  ];
  let chosen:
    | Omit<NfeQualityFrame, "models" | "nfe" | "curves" | "tolerances" | "adaptiveNfe" | "adaptiveW2" | "done">
    | undefined;

  const key = (model: string, steps: number) => `${model}|${o.solver}|${steps}|${o.n}`;
  const adaptiveKey = (model: string, tol: number) => `${model}|dopri5|${tol}|${o.n}`;
  function measure(model: ShippedName, steps: number, keep = 0) {
    const cached = cache.get(key(model, steps));
    if (cached !== undefined && keep === 0) return {value: cached, flow: undefined};
    const flow = steppedFlow(models.get(model)!.field(), source, n, {solver: fixed!, steps, keep});
    flow.step(steps);
    const value = cached ?? w2(flow.state, heldOut, n);
    cache.set(key(model, steps), value);
    return {value, flow};
  }
  function measureAdaptive(model: ShippedName, tol: number, keep = 0) {
    const cached = adaptiveCache.get(adaptiveKey(model, tol));
    if (cached !== undefined && keep === 0) return {...cached, sample: undefined};
    const sample = adaptiveSample(models.get(model)!.field(), source, n, tol, keep);
    const value = cached ?? {nfe: sample.nfe, w2: w2(sample.x1, heldOut, n)};
    adaptiveCache.set(adaptiveKey(model, tol), value);
    return {...value, sample};
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
    const curves = new Float64Array(names.length * steps.length).fill(NaN);
    const adaptiveNfe = new Float64Array(names.length * tolerances.length).fill(NaN);
    const adaptiveW2 = adaptiveNfe.slice();
    const c = chosen!;
    names.forEach((m, i) => {
      steps.forEach((k, j) => {
        curves[i * steps.length + j] = cache.get(key(m, k)) ?? NaN;
      });
      tolerances.forEach((tol, j) => {
        const a = adaptiveCache.get(adaptiveKey(m, tol));
        adaptiveNfe[i * tolerances.length + j] = a?.nfe ?? NaN;
        adaptiveW2[i * tolerances.length + j] = a?.w2 ?? NaN;
      });
    });
    return {
      models: names.slice(),
      nfe: nfe.slice(),
      curves,
      tolerances: Float64Array.from(tolerances),
      adaptiveNfe,
      adaptiveW2,
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
      const common = {heldOut: new Float32Array(heldOut), pathCount: keep, w2Floor: NaN, energy: NaN};
      const unknown = {displacement: NaN, straightness: NaN};
      if (fixed) {
        const {value, flow} = measure(o.model, o.steps, keep);
        const per = evaluationsPerStep[fixed];
        chosen = {
          ...common,
          ...unknown,
          samples: new Float32Array(flow!.state),
          trajectories: flow!.trajectories,
          w2: value,
          chosenNfe: o.steps * per
        };
      } else {
        const a = measureAdaptive(o.model, Number(o.tol), keep);
        chosen = {
          ...common,
          ...unknown,
          samples: new Float32Array(a.sample!.x1),
          trajectories: a.sample!.trajectories,
          w2: a.w2,
          chosenNfe: a.nfe
        };
      }
    },
    ...floorUnits(),
    () => Object.assign(chosen!, pathNumbers(o.model)),
    ...todo
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

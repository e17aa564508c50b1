/**
 * curvature-pair: two CNFs that push N(0, I) to nearly the same p₁ (moons) along differently curved trajectories
 * (lecture D3.21): the shipped I-CFM and OT-CFM models (engine/weights). For each, one dopri5 solve of the same seeded
 * start points measures the NFE it needs at one tolerance, the path energy ∫ E‖u_t(x_t)‖² dt, the squared
 * displacement E‖x₁ − x₀‖² and their gap S (0 for straight constant-speed paths), and the W2 of its samples to
 * held-out data; the first few trajectories come with it to be drawn.
 */
import {float64Field} from "../fm/likelihood.ts";
import {flowPaths} from "../fm/flow.ts";
import {fieldDeriv, type VelocityField} from "../fields/field.ts";
import {w2} from "../metrics/w2.ts";
import {integrate} from "../ode/integrate.ts";
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {evaluationData, loadWeights} from "../weights/index.ts";
import {
  curvatureModels,
  curvaturePairOptions,
  PATH_TIMES,
  type CurvaturePairOptions
} from "./curvature-pair-options.ts";
import type {EngineTask, Job} from "./task.ts";

/** One model's measured numbers and drawn paths. */
export interface CurvatureMeasure {
  nfe: number;
  energy: number;
  displacement: number;
  straightness: number;
  w2: number;
  /** Samples x₁ [n, 2]. */
  samples: Float32Array;
  /** Trajectories [PATH_TIMES.length, paths, 2]. */
  trajectories: Float32Array;
}

export type CurvaturePairFrame = {
  models: string[];
  /** One entry per model measured so far (in `models` order). */
  measures: CurvatureMeasure[];
  /** Held-out data [n, 2] the W2 is measured against. */
  heldOut: Float32Array;
  paths: number;
  done: boolean;
};

export const curvaturePair: EngineTask<typeof curvaturePairOptions, CurvaturePairFrame> = {
  name: "curvature-pair",
  options: curvaturePairOptions,
  async start(options) {
    await loadAssignmentKernels();
    const weights = await Promise.all(curvatureModels.map((name) => loadWeights(name)));
    return curvaturePairJob(
      options,
      weights.map((w) => float64Field(w.model))
    );
  }
};

/** The numbers of one field on the evaluation points (exported: the test recomputes them independently). */
export function measure(field: VelocityField, o: CurvaturePairOptions): CurvatureMeasure {
  const tol = Number(o.tolerance);
  const {source, heldOut, n} = evaluationData(o.n);
  const r = flowPaths(field, source, n, {solver: "dopri5", rtol: tol, atol: tol});
  const k = Math.min(o.paths, n);
  const drawn = integrate(fieldDeriv(field, k), source.slice(0, 2 * k), {
    solver: "dopri5",
    rtol: tol,
    atol: tol,
    saveAt: PATH_TIMES
  });
  const trajectories = new Float32Array(PATH_TIMES.length * k * 2);
  drawn.trajectory!.y.forEach((y, i) => trajectories.set(y, i * k * 2));
  return {
    nfe: r.nfe,
    energy: r.energy,
    displacement: r.displacement,
    straightness: r.straightness,
    w2: w2(r.x1, heldOut, n),
    samples: Float32Array.from(r.x1),
    trajectories
  };
}

/** One model per slice, then done (each slice is one model's solves: a few hundred points, well under a second). */
export function curvaturePairJob(o: CurvaturePairOptions, fields: readonly VelocityField[]): Job<CurvaturePairFrame> {
  const {heldOut} = evaluationData(o.n);
  const measures: CurvatureMeasure[] = [];
  return {
    run() {
      if (measures.length >= fields.length) return {done: true};
      measures.push(measure(fields[measures.length]!, o));
      const done = measures.length === fields.length;
      const frame: CurvaturePairFrame = {
        models: [...curvatureModels],
        measures: measures.map((m) => ({...m, samples: m.samples.slice(), trajectories: m.trajectories.slice()})),
        heldOut: Float32Array.from(heldOut),
        paths: Math.min(o.paths, o.n),
        done
      };
      return {frame, done};
    }
  };
}

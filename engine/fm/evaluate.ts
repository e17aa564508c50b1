/**
 * Evaluation of a flow-matching model against its target (engine-reference §3.1-3.3): n samples pushed from the
 * source through the learned field, W2 against n fresh target points with the finite-sample floor (W2 between two
 * independent n-point target samples), path energy and straightness along the same trajectories, NPE against the
 * W2² of the source and target samples, and, where the target has a density or entropy and the source a density,
 * the test NLL (exact 2D divergence of the network in float64) next to the target's entropy floor.
 */
import {normalBase, type BaseDensity} from "../cnf/base.ts";
import type {Dataset2D} from "../data/dataset.ts";
import type {VelocityField} from "../fields/field.ts";
import {w2} from "../metrics/w2.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import {rng as seeded} from "../random.ts";
import {flowPaths, normalisedPathEnergy, type FlowOptions} from "./flow.ts";
import {logLikelihood} from "./likelihood.ts";

export interface EvaluateOptions extends FlowOptions {
  /** Samples generated and target points compared. @defaultValue 1000 */
  n?: number;
  /** Seed of the source and test draws. @defaultValue 12345 */
  seed?: number;
  /** Compute the test NLL where possible (needs `float64Field`). @defaultValue false */
  nll?: boolean;
  /** Test points of the NLL. @defaultValue 500 */
  nllN?: number;
  /** dopri5 rtol = atol of the NLL's backward solve. @defaultValue 1e-5 */
  nllTol?: number;
  /** The model as a float64 field with exact divergence, for the NLL (e.g. the autodiff MLP of its weights). */
  float64Field?: VelocityField;
}

export interface Evaluation {
  n: number;
  /** W2 between the generated samples and n target points. */
  w2: number;
  /** W2 between two independent n-point target samples (what a perfect model would score). */
  w2Floor: number;
  /** W2 between the n source points used and the n target points: the NPE denominator's root. */
  w2SourceTarget: number;
  nfe: number;
  pathEnergy: number;
  straightness: number;
  /** |pathEnergy − W2²(source, target)| / W2²(source, target). */
  npe: number;
  /** Mean test NLL (nats) and the target's entropy (its floor), when available. */
  nll?: number;
  entropyFloor?: number;
}

/** Evaluates `field` as the flow of `path` from `source` to `target`. */
export function evaluateModel(
  field: VelocityField,
  path: ProbabilityPath,
  source: Dataset2D,
  target: Dataset2D,
  options: EvaluateOptions = {}
): Evaluation {
  const {n = 1000, seed = 12345, nll = false, nllN = 500, nllTol = 1e-5} = options;
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`invalid n: ${n}`);
  const random = seeded(seed);
  const x0 = source.sample(n, random).map((v) => v * path.priorStd);
  const test = target.sample(n, random);
  const floor = w2(target.sample(n, random), target.sample(n, random), n);
  const flow = flowPaths(field, x0, n, options);
  const w2st = w2(x0, test, n);
  const out: Evaluation = {
    n,
    w2: w2(flow.x1, test, n),
    w2Floor: floor,
    w2SourceTarget: w2st,
    nfe: flow.nfe,
    pathEnergy: flow.energy,
    straightness: flow.straightness,
    npe: normalisedPathEnergy(flow.energy, w2st * w2st)
  };
  if (target.entropy !== undefined) out.entropyFloor = target.entropy;
  const base = priorDensity(path, source);
  if (nll && options.float64Field && base) {
    const points = target.sample(nllN, random);
    const {logp} = logLikelihood(options.float64Field, base, points, nllN, {rtol: nllTol, atol: nllTol});
    out.nll = -logp.reduce((a, v) => a + v, 0) / nllN;
  }
  return out;
}

/** The density the flow starts from: the source's own (scaled by priorStd for VE), if it has one. */
export function priorDensity(path: ProbabilityPath, source: Dataset2D): BaseDensity | undefined {
  if (path.priorStd !== 1) {
    const v = path.priorStd * path.priorStd;
    return normalBase([0, 0], [v, 0, 0, v]);
  }
  const logDensity = source.logDensity?.bind(source);
  return logDensity ? {logDensity: (out, x, n) => void logDensity(out, x, n)} : undefined;
}

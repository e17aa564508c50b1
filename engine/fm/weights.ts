/**
 * The file a trained flow-matching model is saved to and read back from (CLI `train --out`, `sample --weights`, the
 * demos): the network in the JSON format shared by the fast and autodiff MLPs, plus what is needed to sample it.
 */
import type {MlpJson} from "../fast/json.ts";
import type {FmTrainer} from "./trainer.ts";

export interface FmWeights {
  kind: "flowdeck-fm";
  method: string;
  /** Path name and its σ. */
  path: string;
  sigma: number;
  source: string;
  target: string;
  /** Scale of the N(0, I) source draw that starts sampling (σmax for VE, 1 otherwise). */
  priorStd: number;
  steps: number;
  model: MlpJson;
}

/** Validates a parsed weights object; throws `invalid weights: ...` with the first problem found. */
export function checkWeights(json: unknown): FmWeights {
  const w = json as Partial<FmWeights> | null;
  if (w?.kind !== "flowdeck-fm") throw new Error(`invalid weights: kind ${JSON.stringify(w?.kind)}`);
  for (const key of ["method", "path", "source", "target"] as const) {
    if (typeof w[key] !== "string") throw new Error(`invalid weights: ${key} must be a string`);
  }
  if (!(typeof w.priorStd === "number" && w.priorStd > 0)) throw new Error(`invalid weights: priorStd ${w.priorStd}`);
  if (w.model?.kind !== "mlp") throw new Error("invalid weights: model is not an mlp");
  return w as FmWeights;
}

/** The weights file of a trainer's current model, trained by `method` with path σ = sigma. */
export function fmWeights(trainer: FmTrainer, method: string, sigma: number): FmWeights {
  return {
    kind: "flowdeck-fm",
    method,
    path: trainer.path.name,
    sigma,
    source: trainer.source.name,
    target: trainer.target.name,
    priorStd: trainer.path.priorStd,
    steps: trainer.steps,
    model: trainer.model.toJSON()
  };
}

/**
 * The still of a training demo where a shipped model matches its slide (engine/weights): the model's samples and a
 * few of their paths, computed on the page by a short fixed-step pass of its float64 field. Print view and the
 * speaker previews start no worker, so this is what they show instead of an empty panel; the caption says which
 * model it is, since it is not the run the slide trains live.
 */
import {steppedFlow} from "../../engine/fields/stepped-flow.ts";
import {float64Field} from "../../engine/fm/likelihood.ts";
import type {FixedSolverName} from "../../engine/ode/solvers.ts";
import {
  evaluationData,
  loadWeights,
  SHIPPED_SOURCE,
  SHIPPED_TARGET,
  type ShippedName
} from "../../engine/weights/index.ts";
import {shippedLabel} from "../../engine/weights/names.ts";

/** The shipped model's samples and paths, float32 for the page's layers. */
export interface ShippedFlowStill {
  still: true;
  /** Which model, and its label ("OT-CFM"). */
  shipped: {name: ShippedName; label: string};
  /** The pass: solver and its steps. */
  solver: FixedSolverName;
  steps: number;
  /** [n, 2] source points at t = 0 (the shipped evaluation's stratified N(0, I) draw of n points). */
  source: Float32Array;
  /** [n, 2] where the model takes them at t = 1. */
  samples: Float32Array;
  /** [steps + 1, pathCount, 2] the paths of the first `pathCount` points. */
  trajectories: Float32Array;
  pathCount: number;
  /** [n, 2] held-out target points (the shipped evaluation's). */
  heldOut: Float32Array;
}

export interface ShippedFlowOptions {
  /** Points pushed through the model. @defaultValue 200 */
  n?: number;
  /** Paths kept (the first of the points). @defaultValue 30 */
  paths?: number;
  /** @defaultValue "midpoint" */
  solver?: FixedSolverName;
  /** @defaultValue 4 (8 evaluations: 20-45 ms for 200 points on a loaded machine) */
  steps?: number;
}

/** The shipped model `name` pushed from its evaluation's source points to t = 1 (see {@link ShippedFlowStill}). */
export async function shippedFlowStill(name: ShippedName, options: ShippedFlowOptions = {}): Promise<ShippedFlowStill> {
  const {n = 200, paths = 30, solver = "midpoint", steps = 4} = options;
  const weights = await loadWeights(name);
  const {source, heldOut} = evaluationData(n);
  const flow = steppedFlow(float64Field(weights.model), source, n, {solver, steps, keep: Math.min(paths, n)});
  flow.step(steps);
  return {
    still: true,
    shipped: {name, label: shippedLabel(name)},
    solver,
    steps,
    source: new Float32Array(source),
    samples: new Float32Array(flow.state),
    trajectories: flow.trajectories,
    pathCount: Math.min(paths, n),
    heldOut: new Float32Array(heldOut)
  };
}

/** The caption's words for the still: which model drew it and between what ("shipped OT-CFM, N(0, I) → moons"). */
export function shippedCaption(still: Pick<ShippedFlowStill, "shipped">): string {
  return `shipped ${still.shipped.label}, ${SHIPPED_SOURCE === "normal" ? "N(0, I)" : SHIPPED_SOURCE} → ${
    SHIPPED_TARGET === "torchcfm-moons" ? "moons" : SHIPPED_TARGET
  }`;
}

/**
 * Layer-by-layer views of a flow for the deck-2 sliders ("run the data through g layer by layer", "intermediate
 * distributions z_k with the batch-average log-det per layer"). Graph-free; points are flat n×2.
 */
import {noGrad, tensor} from "../autodiff/tensor.ts";
import type {Flow} from "./flow.ts";

export interface FlowSteps {
  /** points[0] is the input; points[k] is after k layers of this direction. */
  points: Float64Array[];
  /** logDets[k] (length n) is the log|det| of step k + 1 (the direction's own Jacobian). */
  logDets: Float64Array[];
}

/** Normalizing direction x → z: layers from the data side (last) to the base side (first). */
export function normalizeSteps(f: Flow, x: Float64Array, n: number): FlowSteps {
  return run(
    x,
    n,
    [...f.layers].reverse().map((l) => (v) => {
      const r = l.inverse(v);
      return {y: r.z, logDet: r.logDet};
    })
  );
}

/** Generator direction z → x: layers in order. */
export function generateSteps(f: Flow, z: Float64Array, n: number): FlowSteps {
  return run(
    z,
    n,
    f.layers.map((l) => (v) => {
      const r = l.forward(v);
      return {y: r.x, logDet: r.logDet};
    })
  );
}

type Step = (v: ReturnType<typeof tensor>) => {y: ReturnType<typeof tensor>; logDet: ReturnType<typeof tensor>};

function run(start: Float64Array, n: number, steps: Step[]): FlowSteps {
  if (start.length !== 2 * n) throw new RangeError(`shape mismatch: [${start.length}] vs [${n},2]`);
  return noGrad(() => {
    const points = [start.slice()];
    const logDets: Float64Array[] = [];
    let v = tensor(start.slice(), n, 2);
    for (const step of steps) {
      const r = step(v);
      v = r.y;
      points.push(v.data.slice());
      logDets.push(r.logDet.data.slice());
    }
    return {points, logDets};
  });
}

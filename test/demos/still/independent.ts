// An independent recomputation of a shipped model's still for the tests: the float32 fast MLP on the reference
// kernels (not the float64 network the still uses) and fixed-step solvers written out here (not engine/ode).
import {fastMlpFromJSON} from "../../../engine/fast/json.ts";
import {referenceKernels} from "../../../engine/kernels/reference.ts";
import {evaluationData, loadWeights, type ShippedName} from "../../../engine/weights/index.ts";

/** The shipped model's points after `steps` steps of `solver` (euler, midpoint or rk4) from the evaluation's n points. */
export async function recompute(name: ShippedName, n: number, solver: string, steps: number): Promise<Float64Array> {
  if (!["euler", "midpoint", "rk4"].includes(solver)) throw new Error(`no independent ${solver} here`);
  const net = fastMlpFromJSON((await loadWeights(name)).model, referenceKernels());
  const u = (x: Float64Array, t: number) => {
    const out = new Float64Array(2 * n);
    net.forward(out, x, n, t);
    return out;
  };
  const axpy = (x: Float64Array, a: number, v: Float64Array) => x.map((value, i) => value + a * v[i]!);
  let x = Float64Array.from(evaluationData(n).source.subarray(0, 2 * n));
  const h = 1 / steps;
  for (let k = 0; k < steps; k++) {
    const t = k * h;
    if (solver === "euler") x = axpy(x, h, u(x, t));
    else if (solver === "midpoint") x = axpy(x, h, u(axpy(x, h / 2, u(x, t)), t + h / 2));
    else {
      const k1 = u(x, t);
      const k2 = u(axpy(x, h / 2, k1), t + h / 2);
      const k3 = u(axpy(x, h / 2, k2), t + h / 2);
      const k4 = u(axpy(x, h, k3), t + h);
      x = x.map((value, i) => value + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
    }
  }
  net.dispose();
  return x;
}

/** The largest coordinate difference between two point sets. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expectSameLength(a, b);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

function expectSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
}

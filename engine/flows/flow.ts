/**
 * A normalizing flow: a standard normal base N(0, I₂) pushed through layers f = f_K ∘ … ∘ f_1 (layers[0] acts first
 * when sampling; see bijector.ts for the direction convention). log p(x) = log N(g(x); 0, I) + Σ log|det ∂z/∂x| over
 * the normalizing pass; sampling draws z and runs the generator pass. The Tensor methods record a graph (training);
 * the Float64Array methods run graph-free for inference (demos, metrics).
 */
import {add, scale} from "../autodiff/ops/arith.ts";
import {square} from "../autodiff/ops/elementwise.ts";
import {sumCols} from "../autodiff/ops/reduce.ts";
import {noGrad, tensor, zeros, type Tensor} from "../autodiff/tensor.ts";
import type {Module} from "../nn/module.ts";
import type {Rng} from "../random.ts";
import type {Bijector} from "./bijector.ts";

/** log 2π = 1.8378770664093454835606594728112… (the 2D standard normal's constant is −log 2π). */
const LOG_2PI = 1.8378770664093453;

export interface Flow extends Module {
  readonly layers: readonly Bijector[];
  /** x (n×2) → z (n×2) and Σ log|det ∂z/∂x| (n×1), running layers in reverse order. */
  normalize(x: Tensor): {z: Tensor; logDet: Tensor};
  /** z (n×2) → x (n×2) and Σ log|det ∂x/∂z| (n×1). */
  generate(z: Tensor): {x: Tensor; logDet: Tensor};
  /** log p(x) per row, n×1, differentiable (maximum likelihood). */
  logProb(x: Tensor): Tensor;
  /** Samples x = f(z) with their log q(x) = log N(z) − log|det ∂x/∂z|, differentiable (reverse KL). */
  sampleWithLogProb(z: Tensor): {x: Tensor; logProb: Tensor};
  /** Graph-free log p of flat n×2 points into out (n); returns out. */
  logDensity(out: Float64Array, x: Float64Array, n: number): Float64Array;
  /** Graph-free: n fresh samples, flat n×2. */
  sample(n: number, random: Rng): Float64Array;
}

/** log N(z; 0, I₂) per row: −½‖z‖² − log 2π. */
export function standardNormalLogProb(z: Tensor): Tensor {
  return add(scale(sumCols(square(z)), -0.5), -LOG_2PI);
}

/** A flow from a list of layers (generator order). */
export function flow(layers: Bijector[]): Flow {
  const all = layers.slice();
  const normalize = (x: Tensor) => {
    let z = x;
    let logDet: Tensor = zeros(x.rows, 1);
    for (let k = all.length - 1; k >= 0; k--) {
      const r = all[k]!.inverse(z);
      z = r.z;
      logDet = add(logDet, r.logDet);
    }
    return {z, logDet};
  };
  const generate = (z: Tensor) => {
    let x = z;
    let logDet: Tensor = zeros(z.rows, 1);
    for (const layer of all) {
      const r = layer.forward(x);
      x = r.x;
      logDet = add(logDet, r.logDet);
    }
    return {x, logDet};
  };
  const logProb = (x: Tensor) => {
    const {z, logDet} = normalize(x);
    return add(standardNormalLogProb(z), logDet);
  };
  return {
    layers: all,
    parameters: () => all.flatMap((l) => l.parameters()),
    zeroGrad: () => all.forEach((l) => l.zeroGrad()),
    normalize,
    generate,
    logProb,
    sampleWithLogProb(z) {
      const {x, logDet} = generate(z);
      return {x, logProb: add(standardNormalLogProb(z), scale(logDet, -1))};
    },
    logDensity(out, x, n) {
      if (x.length !== 2 * n || out.length !== n) throw new RangeError(`shape mismatch: [${x.length}] vs [${n},2]`);
      out.set(noGrad(() => logProb(tensor(x.slice(), n, 2))).data);
      return out;
    },
    sample(n, random) {
      const z = tensor(random.fillNormal(new Float64Array(2 * n)) as Float64Array, n, 2);
      return noGrad(() => generate(z).x).data.slice();
    }
  };
}

/**
 * The network a flow-matching trainer fits, behind one interface so that the fast float32 MLP (WebAssembly SIMD
 * kernels, fused regression trainer: what the live demos use) and the float64 autodiff MLP (exact, slower: tests,
 * likelihoods) are interchangeable. Both take [x, t] with t as the last input column by default, like TorchCFM's
 * `MLP(dim, time_varying=True)`, and share one JSON format.
 */
import * as ad from "../autodiff/index.ts";
import {mlpField} from "../cnf/mlp-field.ts";
import {parameterEma, type ParameterEma} from "../fast/ema.ts";
import type {LrSchedule} from "../fast/schedule.ts";
import {
  fastMlp,
  fastMlpFromJSON,
  regressionTrainer,
  type FastActivation,
  type FastMlp,
  type MlpJson,
  type RegressionTrainer
} from "../fast/index.ts";
import type {VelocityField} from "../fields/field.ts";
import type {Kernels} from "../kernels/index.ts";
import {mlp, type Mlp} from "../nn/mlp.ts";
import {adam} from "../nn/optim.ts";
import {mlpFromJSON} from "../nn/serialize.ts";

export interface VelocityModel {
  readonly kind: "fast" | "autodiff";
  /**
   * One Adam step on the CFM loss mean((u_θ(x_t, t) − u_t)²), averaged over all n × 2 entries like TorchCFM's
   * `torch.mean((vt - ut) ** 2)`. xt, target: [n, 2]; t: [n]. Returns the loss before the update.
   */
  step(xt: Float64Array, t: Float64Array, target: Float64Array, n: number): number;
  /** The network as a velocity field (float64 in and out; the fast model computes in float32). */
  field(): VelocityField;
  toJSON(): MlpJson;
  dispose(): void;
}

export interface ModelOptions {
  /** Hidden width. @defaultValue 64 */
  width?: number;
  /** Hidden layers. @defaultValue 3 */
  depth?: number;
  /** @defaultValue "selu" (TorchCFM's MLP) */
  activation?: FastActivation;
  /** Adam learning rate. @defaultValue 1e-3 */
  lr?: number;
  /** Initialisation seed (both kinds draw the same initial weights). @defaultValue 0 */
  seed?: number;
  /** Fast model only: a learning-rate schedule, used instead of `lr` (engine/fast/schedule.ts). */
  schedule?: LrSchedule;
  /**
   * Fast model only: decay of an exponential moving average of the weights (engine/fast/ema.ts), which `field()`
   * and `toJSON()` then use; 0 turns it off. @defaultValue 0
   */
  ema?: number;
}

const defaults = {width: 64, depth: 3, activation: "selu" as FastActivation, lr: 1e-3, seed: 0};

function sizesOf(width: number, depth: number): number[] {
  if (!(Number.isInteger(width) && width >= 1)) throw new RangeError(`invalid width: ${width}`);
  if (!(Number.isInteger(depth) && depth >= 1)) throw new RangeError(`invalid depth: ${depth}`);
  return [2, ...new Array<number>(depth).fill(width), 2];
}

/** The float32 model on the given kernels; `from` restores (or warm-starts from) saved weights. */
export function fastModel(kernels: Kernels, options: ModelOptions = {}, from?: MlpJson): VelocityModel {
  const o = {...defaults, ...options};
  const net: FastMlp = from
    ? fastMlpFromJSON(from, kernels)
    : fastMlp({sizes: sizesOf(o.width, o.depth), activation: o.activation, time: "concat", seed: o.seed, kernels});
  let trainer: RegressionTrainer | undefined;
  let input = new Float32Array(0);
  const ema: ParameterEma | undefined = o.ema ? parameterEma(net, o.ema) : undefined;
  const averaged = <T>(fn: () => T): T => (ema ? ema.use(fn) : fn());
  return {
    kind: "fast",
    step(xt, t, target, n) {
      trainer ??= regressionTrainer(net, {lr: o.schedule ?? o.lr});
      if (input.length < n * net.inputWidth) input = new Float32Array(n * net.inputWidth);
      net.features(input, xt, n, t);
      const loss = trainer.step(input, target, n);
      ema?.update();
      return loss;
    },
    field: () => ({dim: 2, velocity: (out, x, n, t) => averaged(() => net.forward(out, x, n, t))}),
    toJSON: () => averaged(() => net.toJSON()),
    dispose() {
      trainer?.dispose();
      net.dispose();
    }
  };
}

/** The float64 autodiff model (engine/nn) with Adam; `from` restores saved weights. */
export function autodiffModel(options: ModelOptions = {}, from?: MlpJson): VelocityModel {
  const o = {...defaults, ...options};
  const net: Mlp = from
    ? mlpFromJSON(from)
    : mlp({sizes: sizesOf(o.width, o.depth), activation: o.activation, time: "concat", seed: o.seed});
  const opt = adam(net.parameters(), {lr: o.lr});
  return {
    kind: "autodiff",
    step(xt, t, target, n) {
      const pred = net.forward(ad.tensor(xt.slice(0, 2 * n), n, 2), ad.tensor(t.slice(0, n), n, 1));
      const loss = ad.mean(ad.square(ad.sub(pred, ad.tensor(target.slice(0, 2 * n), n, 2))));
      opt.zeroGrad();
      loss.backward();
      opt.step();
      return loss.item();
    },
    field: () => mlpField(net),
    toJSON: () => net.toJSON(),
    dispose() {}
  };
}

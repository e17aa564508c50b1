import type {Ptr} from "../kernels/types.ts";
import type {FastMlp} from "./mlp.ts";
import type {LrSchedule} from "./schedule.ts";

export interface RegressionTrainerOptions {
  /** Adam learning rate, or a schedule of it (schedule.ts). @defaultValue 1e-3 */
  lr?: number | LrSchedule;
  /** Adam (β1, β2). @defaultValue [0.9, 0.999] */
  betas?: [number, number];
  /** Adam ε. @defaultValue 1e-8 */
  eps?: number;
}

const defaults = {lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8} as const;

/** Fused forward, mean-squared-error loss, backward and Adam on a fast MLP, in the MLP's own kernels. */
export interface RegressionTrainer {
  /**
   * One Adam step on mean((net(input) − target)²) (mean over all n × outputWidth entries, like torch's
   * `((v - u)**2).mean()`). input: n × mlp.inputWidth (time features included, see FastMlp.features); target:
   * n × mlp.outputWidth; both row-major. Returns the loss before the update (NaN if the run diverged).
   */
  step(input: ArrayLike<number>, target: ArrayLike<number>, n: number): number;
  /** Forward and backward only: returns the loss and leaves its gradient for {@link gradient}; no update. */
  lossAndGradient(input: ArrayLike<number>, target: ArrayLike<number>, n: number): number;
  /** A copy of the last gradient, laid out like the MLP's parameter block (mlp.layers give the offsets). */
  gradient(): Float32Array;
  /** Steps taken so far. */
  readonly steps: number;
  /** Frees the trainer's buffers (gradients, moments, activations); the MLP stays. */
  dispose(): void;
}

export function regressionTrainer(mlp: FastMlp, options: RegressionTrainerOptions = {}): RegressionTrainer {
  const lr = options.lr ?? defaults.lr;
  const [beta1, beta2] = options.betas ?? defaults.betas;
  const eps = options.eps ?? defaults.eps;
  if (typeof lr === "number" && !(lr > 0)) throw new RangeError(`invalid lr: ${lr}`);
  const rate = typeof lr === "number" ? () => lr : lr;
  if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new RangeError(`invalid betas: [${beta1},${beta2}]`);
  if (!(eps > 0)) throw new RangeError(`invalid eps: ${eps}`);
  const k = mlp.kernels;
  const {layers, params} = mlp;
  const L = layers.length;
  // Gradients mirror the parameter block, so one Adam call updates every parameter.
  const grad = k.alloc(params.length);
  const m1 = k.alloc(params.length);
  const m2 = k.alloc(params.length);
  const gradOf = (ptr: Ptr) => grad + (ptr - params.ptr);
  // Per-batch buffers, grown when a larger batch arrives: input, target, and per layer pre-activation z_l and
  // activation h_l (h_L is the output); dh is the gradient of the widest activation, reused layer after layer.
  let rows = 0;
  let buffers: {ptr: Ptr; length: number}[] = [];
  let input = 0,
    target = 0,
    dh = [0, 0];
  let z: Ptr[] = [],
    h: Ptr[] = [];
  let steps = 0;

  function ensure(n: number): void {
    if (n <= rows) return;
    for (const b of buffers) k.free(b.ptr, b.length);
    buffers = [];
    const take = (length: number) => {
      const ptr = k.alloc(length);
      buffers.push({ptr, length});
      return ptr;
    };
    rows = n;
    const widest = Math.max(...layers.map((l) => l.out));
    input = take(n * mlp.inputWidth);
    target = take(n * mlp.outputWidth);
    dh = [take(n * widest), take(n * widest)];
    z = layers.map((l) => take(n * l.out));
    h = layers.map((l) => take(n * l.out));
  }

  function lossAndGradient(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid n: ${n}`);
    if (x.length < n * mlp.inputWidth)
      throw new RangeError(`shape mismatch: input ${x.length} vs [${n},${mlp.inputWidth}]`);
    if (y.length < n * mlp.outputWidth)
      throw new RangeError(`shape mismatch: target ${y.length} vs [${n},${mlp.outputWidth}]`);
    ensure(n);
    copyIn(k.view(input, n * mlp.inputWidth), x);
    copyIn(k.view(target, n * mlp.outputWidth), y);
    for (let l = 0; l < L; l++) {
      const {in: a, out: b, weight, bias, act} = layers[l]!;
      k.matmul(z[l]!, l === 0 ? input : h[l - 1]!, weight, n, a, b);
      k.biasAct(h[l]!, z[l]!, z[l]!, bias, n, b, act);
    }
    const loss = k.mseGrad(dh[L % 2]!, h[L - 1]!, target, n * mlp.outputWidth);
    for (let l = L - 1; l >= 0; l--) {
      const {in: a, out: b, weight, bias, act} = layers[l]!;
      const d = dh[(l + 1) % 2]!; // gradient of h_l, turned in place into the gradient of z_l
      k.biasActBackward(d, gradOf(bias), d, z[l]!, h[l]!, n, b, act);
      k.matmulTA(gradOf(weight), l === 0 ? input : h[l - 1]!, d, a, n, b);
      if (l > 0) k.matmulTB(dh[l % 2]!, d, weight, n, b, a);
    }
    return loss;
  }

  return {
    lossAndGradient,
    gradient: () => k.view(grad, params.length).slice(),
    step(x, y, n) {
      const loss = lossAndGradient(x, y, n);
      steps++;
      const now = rate(steps);
      if (!(now >= 0 && Number.isFinite(now))) throw new RangeError(`invalid lr at step ${steps}: ${now}`);
      k.adam(params.ptr, grad, m1, m2, params.length, {lr: now, beta1, beta2, eps, step: steps});
      return loss;
    },
    get steps() {
      return steps;
    },
    dispose() {
      for (const b of buffers) k.free(b.ptr, b.length);
      for (const ptr of [grad, m1, m2]) k.free(ptr, params.length);
      buffers = [];
      rows = 0;
    }
  };
}

/** Copies (and rounds to float32) the first out.length values of src. */
function copyIn(out: Float32Array, src: ArrayLike<number>): void {
  if (src.length === out.length && (src instanceof Float32Array || src instanceof Float64Array)) out.set(src);
  else for (let i = 0; i < out.length; i++) out[i] = src[i]!;
}

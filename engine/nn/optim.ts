/**
 * First-order optimizers over parameter tensors, following PyTorch's update rules: `sgd` (with optional momentum),
 * `adam` (weight decay added to the gradient as L2) and `adamw` (decoupled decay, Loshchilov & Hutter 2019).
 * Updates write into the parameters' data arrays in place; a parameter whose gradient is null is skipped (its state
 * and step count stay put), as PyTorch skips parameters whose .grad is None.
 */
import type {Tensor} from "../autodiff/tensor.ts";

export interface Optimizer {
  /** Learning rate; may be changed between steps (schedules). */
  lr: number;
  /** Applies one update from the current gradients. */
  step(): void;
  /** Zeroes the gradients of every parameter. */
  zeroGrad(): void;
}

export interface AdamOptions {
  /** @defaultValue 1e-3 */
  lr?: number;
  /** @defaultValue 0.9 */
  beta1?: number;
  /** @defaultValue 0.999 */
  beta2?: number;
  /** @defaultValue 1e-8 */
  eps?: number;
  /** L2 coefficient for adam, decoupled decay for adamw. @defaultValue 0 (adam), 1e-2 (adamw, as in PyTorch) */
  weightDecay?: number;
}

export interface SgdOptions {
  /** @defaultValue 1e-2 */
  lr?: number;
  /** @defaultValue 0 */
  momentum?: number;
  /** L2 added to the gradient. @defaultValue 0 */
  weightDecay?: number;
}

const adamDefaults = {lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0};
const sgdDefaults = {lr: 1e-2, momentum: 0, weightDecay: 0};

function checkNonNegative(options: Record<string, number>): void {
  for (const [k, v] of Object.entries(options))
    if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`invalid ${k}: ${v}`);
}

function zeroAll(params: Tensor[]): void {
  for (const p of params) p.zeroGrad();
}

function makeAdam(params: Tensor[], options: AdamOptions, decoupled: boolean, weightDecay: number): Optimizer {
  const o = {...adamDefaults, ...options, weightDecay: options.weightDecay ?? weightDecay};
  checkNonNegative(o);
  if (o.beta1 >= 1 || o.beta2 >= 1) throw new RangeError(`invalid betas: ${o.beta1}, ${o.beta2}`);
  const m = params.map((p) => new Float64Array(p.data.length));
  const v = params.map((p) => new Float64Array(p.data.length));
  const steps = new Int32Array(params.length);
  const opt: Optimizer = {
    lr: o.lr,
    step() {
      const lr = opt.lr;
      params.forEach((p, i) => {
        const g = p.grad;
        if (!g) return;
        const k = ++steps[i]!;
        const c1 = 1 - o.beta1 ** k;
        const c2 = 1 - o.beta2 ** k;
        const x = p.data;
        const mi = m[i]!;
        const vi = v[i]!;
        if (decoupled && o.weightDecay !== 0) for (let j = 0; j < x.length; j++) x[j]! *= 1 - lr * o.weightDecay;
        for (let j = 0; j < x.length; j++) {
          const gj = decoupled ? g[j]! : g[j]! + o.weightDecay * x[j]!;
          mi[j] = o.beta1 * mi[j]! + (1 - o.beta1) * gj;
          vi[j] = o.beta2 * vi[j]! + (1 - o.beta2) * gj * gj;
          // PyTorch's form: θ ← θ − lr · m̂ / (√v̂ + ε), with m̂ = m/c1 and v̂ = v/c2.
          x[j]! -= (lr * (mi[j]! / c1)) / (Math.sqrt(vi[j]! / c2) + o.eps);
        }
      });
    },
    zeroGrad: () => zeroAll(params)
  };
  return opt;
}

/** Adam (Kingma & Ba 2015) as in torch.optim.Adam: weight decay is L2 added to the gradient. */
export function adam(params: Tensor[], options: AdamOptions = {}): Optimizer {
  return makeAdam(params, options, false, 0);
}

/** AdamW as in torch.optim.AdamW: θ ← θ(1 − lr·λ) before the Adam step; λ defaults to 1e-2. */
export function adamw(params: Tensor[], options: AdamOptions = {}): Optimizer {
  return makeAdam(params, options, true, 1e-2);
}

/** SGD as in torch.optim.SGD: g ← g + λθ; with momentum μ, b ← μb + g (b = g at the first step); θ ← θ − lr·b. */
export function sgd(params: Tensor[], options: SgdOptions = {}): Optimizer {
  const o = {...sgdDefaults, ...options};
  checkNonNegative(o);
  const buf = params.map((p) => new Float64Array(p.data.length));
  let first = true;
  const opt: Optimizer = {
    lr: o.lr,
    step() {
      params.forEach((p, i) => {
        const g = p.grad;
        if (!g) return;
        const x = p.data;
        const b = buf[i]!;
        for (let j = 0; j < x.length; j++) {
          const gj = g[j]! + o.weightDecay * x[j]!;
          b[j] = o.momentum === 0 || first ? gj : o.momentum * b[j]! + gj;
          x[j]! -= opt.lr * b[j]!;
        }
      });
      first = false;
    },
    zeroGrad: () => zeroAll(params)
  };
  return opt;
}

/** Scales all gradients so their joint Euclidean norm is at most maxNorm; returns the norm before clipping. */
export function clipGradNorm(params: Tensor[], maxNorm: number): number {
  if (!(maxNorm > 0)) throw new RangeError(`invalid maxNorm: ${maxNorm}`);
  let sq = 0;
  for (const p of params) if (p.grad) for (let j = 0; j < p.grad.length; j++) sq += p.grad[j]! ** 2;
  const norm = Math.sqrt(sq);
  // PyTorch's clip_grad_norm_: coefficient maxNorm / (norm + 1e-6), applied only when it is below 1.
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) for (const p of params) if (p.grad) for (let j = 0; j < p.grad.length; j++) p.grad[j]! *= coef;
  return norm;
}

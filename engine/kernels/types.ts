/**
 * The kernel interface: the few dense float32 operations that dominate training and evaluating a small MLP.
 *
 * Every buffer lives in the kernels' own memory (one growable linear memory, WebAssembly's or an emulation of it)
 * and is named by a {@link Ptr}: a byte offset, 16-byte aligned, from {@link Kernels.alloc}. Matrices are float32,
 * flat and row-major; shapes are given explicitly. Read or write buffers through {@link Kernels.view}; a view is only
 * valid until the next `alloc` or kernel call (either may grow the memory, which detaches earlier views).
 */
export type Ptr = number;

/** Activation codes shared with the WebAssembly module (engine/wasm/assembly/activation.ts). */
export const activationCodes = {identity: 0, relu: 1, silu: 2, tanh: 3, elu: 4, selu: 5, softplus: 6} as const;

export type ActivationName = keyof typeof activationCodes;

/** One of {@link activationCodes}' values. */
export type Activation = (typeof activationCodes)[ActivationName];

export interface Kernels {
  /** "wasm" (WebAssembly SIMD) or "reference" (plain TypeScript). */
  readonly name: "wasm" | "reference";
  /** Reserves `length` floats (zero-filled) and returns their byte offset. */
  alloc(length: number): Ptr;
  /** Returns a block from `alloc` (same length) for reuse by a later `alloc` of that length. */
  free(ptr: Ptr, length: number): void;
  /** A Float32Array over `length` floats at `ptr`; valid until the next `alloc` or kernel call. */
  view(ptr: Ptr, length: number): Float32Array;
  /** Bytes of memory currently reserved (for tests and the benchmark). */
  bytes(): number;

  /** out[m×n] = a[m×k] · b[k×n]. */
  matmul(out: Ptr, a: Ptr, b: Ptr, m: number, k: number, n: number): void;
  /** out[m×n] = aᵀ · b with a stored [k×m] and b [k×n] (weight gradients: xᵀ δ). */
  matmulTA(out: Ptr, a: Ptr, b: Ptr, m: number, k: number, n: number): void;
  /** out[m×n] = a · bᵀ with a [m×k] and b stored [n×k] (input gradients: δ Wᵀ). */
  matmulTB(out: Ptr, a: Ptr, b: Ptr, m: number, k: number, n: number): void;
  /** pre = x + bias (bias [n] added to each of the m rows), out = act(pre); all [m×n]. pre may alias x. */
  biasAct(out: Ptr, pre: Ptr, x: Ptr, bias: Ptr, m: number, n: number, act: Activation): void;
  /**
   * dPre = dOut ⊙ act'(pre) (out = act(pre) from the forward pass) and dBias[n] = column sums of dPre, overwritten.
   * dPre may alias dOut.
   */
  biasActBackward(dPre: Ptr, dBias: Ptr, dOut: Ptr, pre: Ptr, out: Ptr, m: number, n: number, act: Activation): void;
  /** One PyTorch Adam update (no weight decay) of `length` parameters; `step` counts from 1. */
  adam(param: Ptr, grad: Ptr, m: Ptr, v: Ptr, length: number, o: AdamStep): void;
  /** dOut = 2 (out − target) / length; returns mean((out − target)²), like torch's `((out - target)**2).mean()`. */
  mseGrad(dOut: Ptr, out: Ptr, target: Ptr, length: number): number;
}

/** Adam hyper-parameters of one update. */
export interface AdamStep {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** 1-based step count, for the bias corrections 1 − β^step. */
  step: number;
}

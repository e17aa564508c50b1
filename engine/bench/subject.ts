/** What the benchmark measures on each contender (engine on either kernels, TF.js on either backend). */
export interface BenchSubject {
  name: string;
  /** Makes this contender current before it is measured (TF.js switches its global backend). */
  activate?(): Promise<void>;
  /** One CFM training step on a freshly sampled batch; returns the loss (read back, so the work is finished). */
  trainStep(): number;
  /** A forward pass of the fixed 10,000-point input; returns one output value (read back likewise). */
  forward(): number;
  dispose(): void;
}

/** The benchmark's network and problem sizes (architecture.md §7). */
export const benchShape = {sizes: [2, 128, 128, 128, 2], activation: "silu", batch: 256, forwardPoints: 10000} as const;

/** Multiply-add FLOPs (2 per MAC) of one forward pass of n rows through layers of the given widths. */
export function forwardFlops(widths: readonly number[], n: number): number {
  let macs = 0;
  for (let l = 0; l + 1 < widths.length; l++) macs += widths[l]! * widths[l + 1]!;
  return 2 * n * macs;
}

/** Matmul FLOPs of a training step: forward, then the weight and input gradients (about 3× the forward). */
export function trainFlops(widths: readonly number[], n: number): number {
  return 3 * forwardFlops(widths, n);
}

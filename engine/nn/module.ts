import type {Tensor} from "../autodiff/tensor.ts";

/** Anything with trainable tensors (micrograd's nn.Module). */
export interface Module {
  /** The trainable leaves, in a fixed order (optimizers and serialization rely on it). */
  parameters(): Tensor[];
  /** Sets every parameter's gradient to zero. */
  zeroGrad(): void;
}

import type {Kernels} from "../kernels/types.ts";
import {rng} from "../random.ts";
import {median, sampleFor} from "./measure.ts";

/** GFLOP/s of the kernels' matmul on 128×128 · 128×128 (2·128³ FLOPs a call), repeated for `seconds`. */
export function matmulPeak(kernels: Kernels, seconds: number): number {
  const size = 128;
  const length = size * size;
  const [a, b, out] = [kernels.alloc(length), kernels.alloc(length), kernels.alloc(length)];
  const random = rng(5);
  random.fillNormal(kernels.view(a, length));
  random.fillNormal(kernels.view(b, length));
  kernels.matmul(out, a, b, size, size, size);
  // 10 products per sample so each timed call is long enough for the timer's resolution.
  const ms =
    median(
      sampleFor(
        () => {
          for (let i = 0; i < 10; i++) kernels.matmul(out, a, b, size, size, size);
        },
        seconds,
        2
      )
    ) / 10;
  for (const ptr of [a, b, out]) kernels.free(ptr, length);
  return (2 * size ** 3) / (ms * 1e6);
}

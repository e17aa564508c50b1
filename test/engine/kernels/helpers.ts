import {execFileSync} from "node:child_process";
import {referenceKernels} from "../../../engine/kernels/reference.ts";
import type {Kernels} from "../../../engine/kernels/types.ts";
import {wasmKernels} from "../../../engine/kernels/wasm.ts";
import {loadKernelsWasm} from "../../../engine/wasm/load.ts";

/** Both implementations, building kernels.wasm first if needed (a no-op when it is up to date). */
export async function bothKernels(): Promise<{reference: Kernels; wasm: Kernels}> {
  execFileSync("node", ["scripts/build-wasm.mjs"], {stdio: "ignore"});
  return {reference: referenceKernels(), wasm: await wasmKernels(await loadKernelsWasm())};
}

/**
 * The implementations a test should run on: both, or only the one FLOWDECK_KERNELS names (the test gate runs the
 * suite once under each).
 */
export async function kernelsUnderTest(): Promise<Kernels[]> {
  const both = await bothKernels();
  const forced = process.env.FLOWDECK_KERNELS;
  if (forced === "wasm") return [both.wasm];
  if (forced === "reference") return [both.reference];
  return [both.reference, both.wasm];
}

/** Allocates a buffer in k and fills it from values. */
export function put(k: Kernels, values: ArrayLike<number>): number {
  const ptr = k.alloc(values.length);
  k.view(ptr, values.length).set(values);
  return ptr;
}

/** A copy of length floats at ptr. */
export function get(k: Kernels, ptr: number, length: number): Float32Array {
  return k.view(ptr, length).slice();
}

/** Like assertAllClose, but one expectation for the whole array (fast on 30k-entry matrices). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new Error(`entry ${i}: ${a} vs ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

import {forcedKernels, loadKernelsWasm} from "../wasm/load.ts";
import {referenceKernels} from "./reference.ts";
import type {Kernels} from "./types.ts";
import {wasmKernels} from "./wasm.ts";

export type {Activation, ActivationName, AdamStep, Kernels, Ptr} from "./types.ts";
export {activationCodes} from "./types.ts";
export {referenceKernels} from "./reference.ts";
export {wasmKernels} from "./wasm.ts";

export interface KernelsOptions {
  /**
   * "auto" picks WebAssembly when it instantiates (it needs SIMD) and the reference otherwise; "wasm" fails instead of
   * falling back. In Node, FLOWDECK_KERNELS=reference|wasm overrides "auto".
   * @defaultValue "auto"
   */
  use?: "auto" | "wasm" | "reference";
}

const shared = new Map<string, Promise<Kernels>>();

/**
 * The kernels for this process, chosen once per choice and shared (every model then lives in the same memory).
 * Rejects only when "wasm" is forced and cannot be loaded. In a browser, a Content-Security-Policy must allow
 * `'wasm-unsafe-eval'` in script-src (it does not allow JavaScript eval); without it "auto" quietly falls back to
 * the reference, about 30× slower (checked in headless Chromium).
 */
export function kernels(options: KernelsOptions = {}): Promise<Kernels> {
  const use = options.use === undefined || options.use === "auto" ? (forcedKernels() ?? "auto") : options.use;
  let k = shared.get(use);
  if (!k) {
    k = choose(use);
    shared.set(use, k);
  }
  return k;
}

async function choose(use: "auto" | "wasm" | "reference"): Promise<Kernels> {
  if (use === "reference") return referenceKernels();
  try {
    return await wasmKernels(await loadKernelsWasm());
  } catch (error) {
    if (use === "wasm") throw error;
    return referenceKernels();
  }
}

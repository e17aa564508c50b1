// Entry of the kernels module (built by scripts/build-wasm.mjs). Memory is owned by the host: it allocates from
// heapBase() upwards and grows the exported memory itself; nothing here allocates.
export {gemm, transpose} from "./gemm";
export {gemmDot, gemmTANarrow} from "./narrow";
export {biasAct, biasActBackward} from "./activation";
export {adam, mseGrad} from "./optim";
export {lapFind, lapRelax} from "./assignment";

/** First free byte after the module's static data, 16-byte aligned. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

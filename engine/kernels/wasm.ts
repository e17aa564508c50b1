import {arena} from "./arena.ts";
import type {Activation, AdamStep, Kernels, Ptr} from "./types.ts";

/** The exports of engine/wasm/assembly/index.ts (pointers are byte offsets into `memory`). */
interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  gemm(out: Ptr, a: Ptr, b: Ptr, m: number, k: number, n: number, sai: number, sap: number): void;
  transpose(out: Ptr, a: Ptr, rows: number, cols: number): void;
  gemmDot(out: Ptr, a: Ptr, b: Ptr, m: number, k: number, n: number): void;
  gemmTANarrow(out: Ptr, a: Ptr, b: Ptr, m: number, k: number, n: number): void;
  biasAct(out: Ptr, pre: Ptr, x: Ptr, bias: Ptr, m: number, n: number, act: Activation): void;
  biasActBackward(dPre: Ptr, dBias: Ptr, dOut: Ptr, pre: Ptr, out: Ptr, m: number, n: number, act: Activation): void;
  adam(
    p: Ptr,
    g: Ptr,
    m: Ptr,
    v: Ptr,
    len: number,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
    bc1: number,
    bc2: number
  ): void;
  mseGrad(dOut: Ptr, out: Ptr, target: Ptr, len: number): number;
}

const pageBytes = 65536;
/** Below this many output columns the 4×8 register block of gemm cannot fill its lanes. */
const narrow = 8;

/**
 * The kernels as WebAssembly SIMD (AssemblyScript, f32x4), instantiated from the bytes of kernels.wasm. Rejects if
 * the host cannot compile the module (no SIMD support, for instance). The host owns the module's single memory: an
 * arena allocates above the module's static data and grows the memory by whole pages when needed.
 */
export async function wasmKernels(bytes: BufferSource): Promise<Kernels> {
  const {instance} = await WebAssembly.instantiate(bytes, {env: {abort: wasmAbort}});
  const w = instance.exports as unknown as KernelExports;
  let f = new Float32Array(w.memory.buffer);
  const heap = arena(
    w.heapBase(),
    (bytes) => {
      const missing = bytes - w.memory.buffer.byteLength;
      if (missing > 0) w.memory.grow(Math.ceil(missing / pageBytes));
      if (f.buffer !== w.memory.buffer) f = new Float32Array(w.memory.buffer);
    },
    (ptr, length) => f.fill(0, ptr >> 2, (ptr >> 2) + length)
  );
  // Scratch for a transposed operand: matmulTB transposes b so the product runs through the 4×8 block, and a narrow
  // matmul (n < 8, the last layer) transposes b so every output is a contiguous dot product.
  let scratch = 0;
  let scratchLength = 0;
  function transposed(b: Ptr, rows: number, cols: number): Ptr {
    if (scratchLength < rows * cols) {
      if (scratchLength > 0) heap.free(scratch, scratchLength);
      scratchLength = rows * cols;
      scratch = heap.alloc(scratchLength);
    }
    w.transpose(scratch, b, rows, cols);
    return scratch;
  }

  return {
    name: "wasm",
    alloc: (length) => heap.alloc(length),
    free: (ptr, length) => heap.free(ptr, length),
    view: (ptr, length) => new Float32Array(w.memory.buffer, ptr, length),
    bytes: () => heap.top(),
    matmul(out, a, b, m, k, n) {
      if (n < narrow) w.gemmDot(out, a, transposed(b, k, n), m, k, n);
      else w.gemm(out, a, b, m, k, n, k, 1);
    },
    matmulTA(out, a, b, m, k, n) {
      if (n < narrow) w.gemmTANarrow(out, a, b, m, k, n);
      else w.gemm(out, a, b, m, k, n, 1, m);
    },
    matmulTB: (out, a, b, m, k, n) => w.gemm(out, a, transposed(b, n, k), m, k, n, k, 1),
    biasAct: (out, pre, x, bias, m, n, act) => w.biasAct(out, pre, x, bias, m, n, act),
    biasActBackward: (dPre, dBias, dOut, pre, out, m, n, act) =>
      w.biasActBackward(dPre, dBias, dOut, pre, out, m, n, act),
    adam(param, grad, m, v, length, s: AdamStep) {
      const bc1 = 1 - s.beta1 ** s.step;
      const bc2 = 1 - s.beta2 ** s.step;
      w.adam(param, grad, m, v, length, s.lr, s.beta1, s.beta2, s.eps, bc1, bc2);
    },
    mseGrad: (dOut, out, target, length) => w.mseGrad(dOut, out, target, length)
  };
}

/** AssemblyScript's abort import; with --noAssert and no runtime it is never called, but the module declares it. */
function wasmAbort(): never {
  throw new Error("kernels.wasm aborted");
}

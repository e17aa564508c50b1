/**
 * The assignment kernels of kernels.wasm (engine/wasm/assembly/assignment.ts), in an instance of their own: the
 * solver only needs a few hundred kB of float64 scratch and no allocator, so it does not share memory with the MLP
 * kernels. Loaded once per process; until then (or where WebAssembly or the file is missing, or
 * FLOWDECK_KERNELS=reference) the solvers are plain TypeScript.
 */
import {forcedKernels, loadKernelsWasm} from "../wasm/load.ts";

/** The exports the solver uses, plus a bump allocator over the instance's memory (nothing is ever freed). */
export interface AssignmentKernels {
  memory: WebAssembly.Memory;
  lapRelax(row: number, v: number, dist: number, m4: number, offset: number): number;
  lapFind(dist: number, m4: number, value: number): number;
  /** Byte offset of `bytes` fresh bytes (16-byte aligned), growing the memory if needed. */
  reserve(bytes: number): number;
}

let loading: Promise<AssignmentKernels | undefined> | undefined;
let loaded: AssignmentKernels | undefined;

/**
 * Starts loading (once per process) and resolves to the kernels, or to undefined where they cannot be used
 * (FLOWDECK_KERNELS=reference, no WebAssembly SIMD, missing or stale kernels.wasm).
 */
export function loadAssignmentKernels(): Promise<AssignmentKernels | undefined> {
  loading ??= (async () => {
    if (forcedKernels() === "reference" || typeof WebAssembly === "undefined") return undefined;
    return (loaded = await assignmentKernels(await loadKernelsWasm()));
  })().catch(() => undefined);
  return loading;
}

/** The kernels if they have finished loading, else undefined (and the load is started). */
export function assignmentKernelsIfReady(): AssignmentKernels | undefined {
  if (!loaded) void loadAssignmentKernels();
  return loaded;
}

/** A fresh instance of kernels.wasm (its bytes) as assignment kernels; rejects on a build without them. */
export async function assignmentKernels(bytes: BufferSource): Promise<AssignmentKernels> {
  const e = (await instantiate(bytes)).exports as Record<string, unknown>;
  if (typeof e.lapRelax !== "function" || typeof e.heapBase !== "function")
    throw new Error("kernels.wasm has no assignment kernels: run npm run build:wasm");
  const memory = e.memory as WebAssembly.Memory;
  let top = ((e.heapBase as () => number)() + 15) & ~15;
  return {
    memory,
    lapRelax: e.lapRelax as AssignmentKernels["lapRelax"],
    lapFind: e.lapFind as AssignmentKernels["lapFind"],
    reserve(bytes) {
      const ptr = top;
      top = (top + bytes + 15) & ~15;
      const missing = top - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / 65536));
      return ptr;
    }
  };
}

/**
 * Compiles synchronously where the host allows it (Node, workers: the module is 13 kB), so that a load started just
 * before another await (the CLI awaits the MLP kernels before training) is ready when a synchronous training loop
 * begins; browsers' main threads refuse synchronous compiles of this size, and get the asynchronous one.
 */
async function instantiate(bytes: BufferSource): Promise<WebAssembly.Instance> {
  const imports = {env: {abort: wasmAbort}};
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
  } catch {
    return (await WebAssembly.instantiate(bytes, imports)).instance;
  }
}

/** AssemblyScript's abort import; with --noAssert and no runtime it is never called, but the module declares it. */
function wasmAbort(): never {
  throw new Error("kernels.wasm aborted");
}

/**
 * The one host-specific corner of the kernels: where the bytes of kernels.wasm come from, and which implementation
 * the host asks for. In a browser (or worker) the file is fetched from the URL Vite resolves; in Node it is read from
 * disk and FLOWDECK_KERNELS=reference|wasm may force a choice.
 */
const wasmUrl = new URL("./build/kernels.wasm", import.meta.url);

function isNode(): boolean {
  return typeof process !== "undefined" && typeof process.versions?.node === "string";
}

/** The bytes of engine/wasm/build/kernels.wasm (built by `npm run build:wasm`). */
export async function loadKernelsWasm(): Promise<ArrayBuffer> {
  if (isNode()) {
    // Specifiers in variables keep bundlers from trying to ship Node built-ins to the browser.
    const fsModule = "node:fs/promises";
    const urlModule = "node:url";
    const {readFile} = (await import(/* @vite-ignore */ fsModule)) as typeof import("node:fs/promises");
    const {fileURLToPath} = (await import(/* @vite-ignore */ urlModule)) as typeof import("node:url");
    const path = fileURLToPath(wasmUrl);
    try {
      return new Uint8Array(await readFile(path)).buffer;
    } catch (error) {
      const code = (error as {code?: unknown}).code;
      if (code === "ENOENT") throw new Error(`missing ${path}: run npm run build:wasm`);
      throw error;
    }
  }
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`cannot load ${wasmUrl.href}: ${response.status}`);
  return response.arrayBuffer();
}

/** The implementation the host forces, if any: FLOWDECK_KERNELS in Node, nothing elsewhere. */
export function forcedKernels(): "wasm" | "reference" | undefined {
  if (!isNode()) return undefined;
  const value = process.env.FLOWDECK_KERNELS;
  if (value === undefined || value === "") return undefined;
  if (value !== "wasm" && value !== "reference") throw new Error(`invalid FLOWDECK_KERNELS: ${value}`);
  return value;
}

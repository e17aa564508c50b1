// `npm run build:wasm`: compiles the AssemblyScript kernels (engine/wasm/assembly/*.ts) to
// engine/wasm/build/kernels.wasm with the `assemblyscript` package. Skips the compile when the output is newer than
// every source and than this script (silently). `--force` rebuilds anyway. Progress goes to stderr. Exits non-zero with asc's message on failure.
import {existsSync, mkdirSync, readdirSync, statSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import asc from "assemblyscript/asc";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = join(root, "engine/wasm/assembly");
const output = join(root, "engine/wasm/build/kernels.wasm");
// -O3 with SIMD and no runtime: the host owns memory (see engine/kernels/wasm.ts).
const flags = ["--enable", "simd", "-O3", "--noAssert", "--runtime", "stub", "--initialMemory", "1"];

const sources = readdirSync(sourceDir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => join(sourceDir, f));
const inputs = [...sources, fileURLToPath(import.meta.url)];
const newest = Math.max(...inputs.map((f) => statSync(f).mtimeMs));

// Silent when there is nothing to do: `npm run flow -- ... --json` runs this first and owns stdout.
const upToDate = existsSync(output) && statSync(output).mtimeMs >= newest;
if (process.argv.includes("--force") || !upToDate) {
  mkdirSync(dirname(output), {recursive: true});
  const {error, stderr} = await asc.main([join(sourceDir, "index.ts"), ...flags, "--outFile", output]);
  if (error) {
    console.error(stderr.toString());
    console.error(`build-wasm: ${error.message}`);
    process.exit(1);
  }
  console.error(`build-wasm: wrote engine/wasm/build/kernels.wasm (${statSync(output).size} bytes)`);
}

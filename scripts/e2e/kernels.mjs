// The WebAssembly kernels in a real browser: builds test/e2e/kernels (a page and a module worker that call
// `kernels()` from engine/kernels, as demos will) with Vite, and checks that both picked WebAssembly and that a seeded
// MLP's forward pass there agrees with the TypeScript reference.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {build} from "vite";
import {serve} from "./serve.mjs";

const NAME = "the WebAssembly kernels load and agree with the reference, on the page and in a worker";

export async function checkKernelsInBrowser(context) {
  const outDir = mkdtempSync(join(tmpdir(), "flowdeck-kernels-"));
  const site = await (async () => {
    await build({
      root: "test/e2e/kernels",
      base: "./",
      configFile: false,
      logLevel: "error",
      worker: {format: "es"},
      build: {outDir, emptyOutDir: true, target: "es2022"}
    });
    return serve(outDir, "/");
  })();
  context.allowOrigin(new URL(site.url).origin);
  const page = await context.newPage();
  try {
    await page.goto(site.url);
    const handle = await page.waitForFunction(() => window.kernelsProbe, null, {timeout: 30_000});
    const result = await handle.jsonValue();
    const ok = [result.page, result.worker].every((r) => r.name === "wasm" && r.maxDiff < 1e-4);
    return {name: NAME, ok, detail: JSON.stringify(result)};
  } catch (error) {
    return {name: NAME, ok: false, detail: error instanceof Error ? error.message : String(error)};
  } finally {
    await page.close();
    await site.close();
    rmSync(outDir, {recursive: true, force: true});
  }
}

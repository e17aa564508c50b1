// `npm run memory`: walks every deck of the build five times forward and back in headless Chromium and reports the
// page's JavaScript heap after each pass (after a garbage collection) and what still runs on an idle slide at the
// end (scripts/e2e/memory.mjs). Fails (exit 1) when a deck's heap grew more than 10 % after its first pass or when
// something keeps running where nothing should. Options: --skip-build (reuse dist/), --deck <slug>, --passes <n>,
// --diff (heap snapshots after the third-last and the last pass: what grew, by constructor).
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {chromium} from "playwright-core";
import {ensureChromium} from "./e2e/chromium.mjs";
import {measureMemory, memoryCheck} from "./e2e/memory.mjs";
import {serve} from "./e2e/serve.mjs";

const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const passes = Number(value("--passes") ?? 5);
if (!(Number.isInteger(passes) && passes >= 2)) {
  console.error(`memory: invalid --passes ${value("--passes")} (an integer, at least 2)`);
  process.exit(2);
}
const only = value("--deck");

let failed = 0;
try {
  const executablePath = ensureChromium();
  if (!args.includes("--skip-build") && spawnSync("npm", ["run", "build"], {stdio: "inherit"}).status !== 0) {
    throw new Error("build failed");
  }
  const decks = JSON.parse(readFileSync(join("dist", "decks.json"), "utf8")).filter((d) => !only || d.slug === only);
  if (decks.length === 0) throw new Error(`no deck ${only} in the build`);
  const site = await serve("dist", "/");
  const profile = mkdtempSync(join(tmpdir(), "flowdeck-memory-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
    viewport: {width: 1280, height: 720},
    serviceWorkers: "block"
  });
  try {
    for (const deck of decks) {
      const started = Date.now();
      const result = await measureMemory(context, site.url + deck.page.replace(/index\.html$/, ""), {
        passes,
        diff: args.includes("--diff")
      });
      const check = memoryCheck(result, passes);
      if (!check.ok) failed++;
      console.log(
        `${check.ok ? "✓" : "✗"} ${deck.slug}: ${check.detail} [${((Date.now() - started) / 1000).toFixed(0)} s]`
      );
      if (result.grown)
        console.log(`  grew from pass ${Math.max(1, passes - 2)} to ${passes}:\n    ${result.grown.join("\n    ")}`);
      if (result.largest)
        console.log(`  largest array buffers after the last pass:\n    ${result.largest.join("\n    ")}`);
    }
  } finally {
    await context.close();
    await site.close();
    rmSync(profile, {recursive: true, force: true});
  }
} catch (error) {
  console.error(`memory: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
process.exit(failed > 0 ? 1 : 0);

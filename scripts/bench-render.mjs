// `npm run bench:render`: frame times of the live demos and in-browser training speed, measured in headless Chromium
// and printed (issue 10; nothing is asserted). Builds test/e2e/bench (a page that mounts the reference demos with the
// page's shared engine) with Vite, serves it, and opens a fresh page at 1280×720 for each measurement:
//   idle:   an empty page's animation frames (what the machine's load alone does to them), and flow-hero alone;
//   render: flow-hero (n = 5000, then 20000) played in a loop on its canvas while fm-train trains in the worker;
//           the rAF intervals, the main thread's work per frame, the demo's paint, and the worker's training steps/s
//           over a window after a warm-up; at n = 5000 also the same particles re-rendered per frame as a Plot SVG.
//   train:  a fresh fm-train with its defaults (OT-CFM, 8 gaussians → moons), from its start to its final frame.
// Exits 1 only when the page failed. Options: --measure-ms N (default 5000), --no-dpr2 (skip device scale 2).
import {mkdtempSync, rmSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join} from "node:path";
import {chromium} from "playwright-core";
import {build} from "vite";
import {ensureChromium} from "./e2e/chromium.mjs";
import {serve} from "./e2e/serve.mjs";

const ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"];
const argv = process.argv.slice(2);
const measureMs = Number(argv[argv.indexOf("--measure-ms") + 1]) || 5000;
const scales = argv.includes("--no-dpr2") ? [1] : [1, 2];
const WARMUP_MS = 1500;
const SEEDS = [0, 1];

const load = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(" ");
const triple = (s) => (s.count > 0 ? `${s.p50}/${s.p95}/${s.max}` : "-");
const pad = (text, width) => String(text).padEnd(width);
/** Width of a p50/p95/max column. */
const W = 21;

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), "flowdeck-bench-"));
  await build({
    root: "test/e2e/bench",
    base: "./",
    configFile: false,
    logLevel: "error",
    worker: {format: "es"},
    build: {outDir, emptyOutDir: true, target: "es2022"}
  });
  const site = await serve(outDir, "/");
  const browser = await chromium.launch({executablePath: ensureChromium(), headless: true, args: ARGS});
  let failed = false;

  /** Opens a fresh page at this scale, runs `work(page)` in it, and closes it. */
  async function onPage(deviceScaleFactor, work) {
    const context = await browser.newContext({viewport: {width: 1280, height: 720}, deviceScaleFactor});
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    try {
      await page.goto(site.url);
      await page.waitForFunction(() => document.body.dataset.ready === "true", null, {timeout: 30_000});
      return await work(page);
    } catch (error) {
      failed = true;
      console.log(
        `  failed: ${error instanceof Error ? error.message : error}${errors.length ? ` (${errors[0]})` : ""}`
      );
      return undefined;
    } finally {
      await context.close();
    }
  }

  try {
    console.log(`bench:render  headless Chromium ${browser.version()}, 1280×720, software rendering (--disable-gpu)`);
    console.log(
      `  windows of ${measureMs / 1000} s after ${WARMUP_MS / 1000} s of warm-up; times in ms as p50/p95/max`
    );
    console.log("  interval: between animation frames; main: the main thread's work per frame (rAF callbacks to");
    console.log("  after style, layout and paint); draw: flow-hero's canvas paint, or the peer's Plot SVG re-render;");
    console.log("  fm-train draw: its render (a Plot figure per new worker frame) and paint, per call\n");
    const header = [
      pad("case", 20),
      pad("dpr", 4),
      ...["interval", "main", "draw", "fm-train draw"].map((h) => pad(h, W))
    ];
    const tail = [pad("fm renders/s", 13), pad("long tasks", 11), pad("train steps/s", 14)];
    console.log(`${header.join("")}${tail.join("")}load avg`);
    const row = (name, dpr, w) =>
      console.log(
        `${pad(name, 20)}${pad(dpr, 4)}${[w.interval, w.work, w.draw, w.trainDraw].map((s) => pad(triple(s), W)).join("")}` +
          `${pad(w.trainRenders || "-", 13)}${pad(w.longTasks, 11)}${pad(w.stepsPerSecond || "-", 14)}${load()}`
      );
    const idle = await onPage(1, (page) => page.evaluate((ms) => window.bench.idle(ms), measureMs));
    if (idle) row("empty page", 1, idle);
    const alone = await onPage(1, (page) =>
      page.evaluate((r) => window.bench.render(r), {n: 5000, warmupMs: WARMUP_MS, measureMs, svg: false, train: false})
    );
    if (alone) row("canvas n=5000 alone", 1, alone.canvas);
    let ratio;
    for (const dpr of scales) {
      for (const n of [5000, 20000]) {
        const svg = dpr === 1 && n === 5000;
        const run = {n, warmupMs: WARMUP_MS, measureMs, svg, train: true};
        const result = await onPage(dpr, (page) => page.evaluate((r) => window.bench.render(r), run));
        if (!result) continue;
        row(`canvas n=${n}`, dpr, result.canvas);
        if (result.svg) {
          row(`svg n=${n} (peer)`, dpr, result.svg);
          ratio = {canvas: result.canvas, svg: result.svg};
        }
      }
    }
    if (ratio) {
      const x = (key, q) => (ratio.svg[key][q] / ratio.canvas[key][q]).toFixed(1);
      console.log(
        `\nsvg / canvas at n=5000, dpr 1: draw p50 ×${x("draw", "p50")}, main p50 ×${x("work", "p50")}, ` +
          `main p95 ×${x("work", "p95")}, interval p95 ×${x("interval", "p95")}`
      );
    }

    console.log("\ntraining: fm-train defaults (OT-CFM, 8gaussians → torchcfm-moons, 2000 steps), from start to done");
    console.log(
      `${pad("seed", 6)}${pad("steps", 7)}${pad("1st frame s", 13)}${pad("training s", 12)}${pad("total s", 9)}` +
        `${pad("W2", 8)}${pad("floor", 8)}${pad("gap", 8)}load avg`
    );
    for (const seed of SEEDS) {
      const r = await onPage(1, (page) => page.evaluate((s) => window.bench.train(s), seed));
      if (!r) continue;
      const f = (v, d = 2) => v.toFixed(d);
      console.log(
        `${pad(seed, 6)}${pad(r.steps, 7)}${pad(f(r.firstFrameS), 13)}${pad(f(r.trainingS), 12)}${pad(f(r.totalS), 9)}` +
          `${pad(f(r.w2, 3), 8)}${pad(f(r.floor, 3), 8)}${pad(f(r.w2 - r.floor, 3), 8)}${load()}`
      );
    }
  } finally {
    await browser.close();
    await site.close();
    rmSync(outDir, {recursive: true, force: true});
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench:render: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
);

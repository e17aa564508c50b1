// `npm run thumbnails`: a picture of every deck's title slide for the gallery. Builds the site, opens each deck's
// first slide in headless Chromium at 1280×720 (reduced motion, demos drawn) and writes
// public/thumbnails/<slug>.jpg (480×270) and <slug>.json, the key of the title slide it shows (see
// slides/runtime/build/thumbnails.ts; a test fails when a deck's title slide no longer matches its picture).
// Run with tsx (package.json does), which lets this script read the build's TypeScript.
import {spawnSync} from "node:child_process";
import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium} from "playwright-core";
import {findDecks} from "../slides/runtime/build/decks.ts";
import {THUMBNAIL_DIR, THUMBNAIL_SIZE, titleSlideKey} from "../slides/runtime/build/thumbnails.ts";
import {ensureChromium} from "./e2e/chromium.mjs";
import {demosSettled} from "./e2e/page.mjs";
import {serve} from "./e2e/serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TIMEOUT = 60_000;

const built = spawnSync("npx", ["vite", "build", "--logLevel", "error"], {cwd: ROOT, stdio: "inherit"});
if (built.status !== 0) process.exit(built.status ?? 1);

const browser = await chromium.launch({executablePath: ensureChromium(), args: ["--no-sandbox", "--disable-gpu"]});
const site = await serve(join(ROOT, "dist"));
try {
  const page = await browser.newPage({
    viewport: {width: 1280, height: 720},
    deviceScaleFactor: THUMBNAIL_SIZE[0] / 1280,
    reducedMotion: "reduce"
  });
  mkdirSync(join(ROOT, THUMBNAIL_DIR), {recursive: true});
  for (const deck of findDecks(ROOT)) {
    await page.goto(`${site.url}${deck.page.replace(/index\.html$/, "")}?view=slides#/0`);
    await page.waitForFunction(() => globalThis.flowdeck?.isReady(), null, {timeout: TIMEOUT});
    await page.waitForFunction(demosSettled, null, {timeout: TIMEOUT});
    await page.waitForLoadState("networkidle");
    // The deck's own chrome (arrows, slide number, progress bar) is not part of the slide.
    await page.addStyleTag({content: ".reveal :is(.controls, .progress, .slide-number) { display: none !important; }"});
    const file = join(ROOT, THUMBNAIL_DIR, `${deck.slug}.jpg`);
    await page.screenshot({path: file, type: "jpeg", quality: 85});
    const key = titleSlideKey(readFileSync(join(deck.dir, "slides.html"), "utf8"), deck);
    writeFileSync(join(ROOT, THUMBNAIL_DIR, `${deck.slug}.json`), `${JSON.stringify({key}, null, 2)}\n`);
    console.log(`wrote ${THUMBNAIL_DIR}/${deck.slug}.jpg`);
  }
} finally {
  await browser.close();
  await site.close();
}

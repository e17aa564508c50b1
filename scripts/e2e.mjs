// `npm run test:e2e`: builds the site, serves dist/ on a free localhost port and checks every deck of the build in
// headless Chromium (scripts/e2e/walk.mjs) and then the demo gallery (scripts/e2e/demo-gallery.mjs), builds and opens
// a talk forked from deck 4 by `new-deck --from` (scripts/e2e/fork.mjs), then shows
// that the walk fails on six broken fixture decks (test/e2e/fixtures). Prints one line per check and, last,
// `N passed, N failed`. Screenshots and each deck's PDF go to test/screenshots/<deck>/ (git-ignored).
// Options: --skip-build (reuse dist/), --no-self-test, --deck <slug> (walk that deck only: a quick check while writing it).
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {chromium} from "playwright-core";
import {ensureChromium} from "./e2e/chromium.mjs";
import {axeOnPage} from "./e2e/axe.mjs";
import {listenForCspViolations} from "./e2e/csp.mjs";
import {checkDemoGallery} from "./e2e/demo-gallery.mjs";
import {checkFork, FORK, makeFork} from "./e2e/fork.mjs";
import {checkOffline} from "./e2e/offline.mjs";
import {checkDeterminism} from "./e2e/determinism.mjs";
import {checkKernelsInBrowser} from "./e2e/kernels.mjs";
import {serve} from "./e2e/serve.mjs";
import {checkLiveDemos} from "./e2e/live.mjs";
import {measureMemory, memoryCheck, memoryFaults} from "./e2e/memory.mjs";
import {checkDeck, isOffOrigin} from "./e2e/walk.mjs";
import {watch} from "./e2e/watch.mjs";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];
/** Each fixture deck and the check that must fail on it. */
const FIXTURES = {
  "console-error": "no console error or warning, page error, failed or off-origin request",
  "blank-demo": "every demo drew something, no error overlay",
  "bad-math": "typesets every formula (no .katex-error)",
  "bad-code": "shows every code panel's source (no .code-error)",
  overflow: "nothing sticks out of the 1280×720 slide box",
  "no-name": "axe-core: no serious or critical violation on any slide, every demo has a text alternative"
};

/** Decks walked at once. */
const WALKERS = 2;

const argv = new Set(process.argv.slice(2));
const deckIndex = process.argv.indexOf("--deck");
const onlyDeck = deckIndex > 0 ? process.argv[deckIndex + 1] : undefined;
const results = [];
const record = (scope, checks) => {
  for (const c of checks) {
    results.push(c);
    console.log(`${c.ok ? "✓" : "✗"} ${scope}: ${c.name} (${c.detail})`);
  }
};

function build(outDir, env = {}) {
  const args = outDir ? ["vite", "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"] : null;
  const r = args
    ? spawnSync("npx", args, {stdio: "inherit", env: {...process.env, ...env}})
    : spawnSync("npm", ["run", "build"], {stdio: "inherit"});
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status})`);
}

async function withSite(dir, run) {
  // Served from a sub-path, as on a project page of a static host: the build must not assume it sits at "/".
  const site = await serve(dir, "/some/sub-path/");
  const profile = mkdtempSync(join(tmpdir(), "flowdeck-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: {width: 1280, height: 720},
    // The offline cache would answer the walk's requests (and hide them from its checks): offline.mjs tests it alone.
    serviceWorkers: "block"
  });
  // Nothing may leave the page's origin; abort such requests (the walk reports them) so no test waits on a network.
  // Other local servers of this walk (the kernels probe) are added to `origins`.
  const origins = new Set([new URL(site.url).origin]);
  await context.route(
    (url) => [...origins].every((origin) => isOffOrigin(url.href, origin)),
    (route) => route.abort()
  );
  context.allowOrigin = (origin) => origins.add(origin);
  await listenForCspViolations(context);
  try {
    return await run(context, site.url, JSON.parse(readFileSync(join(dir, "decks.json"), "utf8")));
  } finally {
    await context.close();
    await site.close();
    rmSync(profile, {recursive: true, force: true});
  }
}

async function gallery(context, url, decks) {
  const page = await context.newPage();
  const problems = [];
  watch(page, new URL(url).origin, problems);
  await page.goto(url);
  const links = await page.evaluate(() =>
    [...document.querySelectorAll(".deck-card")].map((a) => [a.dataset.slug, a.href])
  );
  // Thumbnails (issue 15, item 5): every card shows its deck's title slide, a picture that loaded.
  const unpictured = await page.evaluate(() =>
    [...document.querySelectorAll(".deck-card")]
      .filter((a) => {
        const image = a.querySelector("img.deck-card-image");
        return !(image?.complete && image.naturalWidth > 0);
      })
      .map((a) => a.dataset.slug)
  );
  const axe = await axeOnPage(page, "deck gallery");
  await page.close();
  const listed = new Map(links);
  const wrong = decks
    .filter((d) => listed.get(d.slug) !== url + d.page.replace(/index\.html$/, ""))
    .map((d) => `${d.slug} (${listed.get(d.slug) ?? "no card"})`);
  const listing = {
    name: "lists and links every deck of the build, with no console error (CSP violations included)",
    ok: wrong.length === 0 && decks.length > 0 && problems.length === 0,
    detail: wrong.length
      ? `missing or wrong link: ${wrong.join(", ")}`
      : problems.length
        ? problems.slice(0, 5).join("; ")
        : `${listed.size} decks`
  };
  const pictures = {
    name: "every deck's card shows its title-slide thumbnail",
    ok: unpictured.length === 0 && links.length > 0,
    detail: unpictured.length
      ? `no picture: ${unpictured.join(", ")} (run npm run thumbnails)`
      : `${links.length} cards`
  };
  return [listing, pictures, axe];
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel(items, limit, work) {
  const queue = [...items];
  const worker = async () => {
    while (queue.length > 0) await work(queue.shift());
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
}

let executablePath;
try {
  executablePath = ensureChromium();
  const started = Date.now();
  if (!argv.has("--skip-build")) build();
  let builtDecks = [];
  await withSite("dist", async (context, url, decks) => {
    builtDecks = decks;
    record("gallery", await gallery(context, url, decks));
    record("engine", [await checkDeterminism(context, url), await checkKernelsInBrowser(context)]);
    if (decks.some((d) => d.slug === "template"))
      record("live demos", await checkLiveDemos(context, `${url}slides/template/`));
    // Decks are walked side by side in their own pages (two at a time: the machines have two cores), and each
    // deck's checks are printed together once it is done.
    const walked = onlyDeck ? decks.filter((d) => d.slug === onlyDeck) : decks;
    if (walked.length === 0) throw new Error(`no deck ${onlyDeck} in the build`);
    await inParallel(walked, WALKERS, async (deck) =>
      record(
        deck.slug,
        await checkDeck(context, url + deck.page.replace(/index\.html$/, ""), deck, {
          screenshots: join("test", "screenshots", deck.slug)
        })
      )
    );
    // Long sessions (issue 15): a warm-up pass and five passes over every walked deck, two decks at a time, then
    // the measurement's own self-test on the template: it must fail on an injected leak and on an endless loop.
    const memoryStarted = Date.now();
    await inParallel(walked, WALKERS, async (deck) =>
      record(deck.slug, [memoryCheck(await measureMemory(context, url + deck.page.replace(/index\.html$/, "")), 5)])
    );
    if (!argv.has("--no-self-test") && decks.some((d) => d.slug === "template")) {
      for (const [fault, inject] of Object.entries(memoryFaults)) {
        const check = memoryCheck(await measureMemory(context, `${url}slides/template/`, {passes: 3, inject}), 3);
        record("self-test", [
          {name: `the memory check fails on a page with a ${fault}`, ok: !check.ok, detail: check.detail}
        ]);
      }
    }
    console.log(`memory: ${((Date.now() - memoryStarted) / 1000).toFixed(0)} s`);
    record("demo gallery", await checkDemoGallery(context, url));
    record("site", [await checkOffline(executablePath, ARGS, url, decks)]);
  });
  // Forking (issue 15, item 6): a new talk started from the flagship deck, built as a site of its own and opened.
  const source = builtDecks.find((d) => d.slug === FORK.from);
  if (source && (!onlyDeck || onlyDeck === FORK.from)) {
    const decksDir = makeFork(FORK);
    const out = mkdtempSync(join(tmpdir(), "flowdeck-fork-"));
    build(out, {FLOWDECK_DECKS: decksDir});
    await withSite(out, async (context, url, decks) => record("fork", [await checkFork(context, url, decks, source)]));
    rmSync(out, {recursive: true, force: true});
    rmSync(decksDir, {recursive: true, force: true});
  }
  if (!argv.has("--no-self-test")) {
    const out = mkdtempSync(join(tmpdir(), "flowdeck-fixtures-"));
    build(out, {FLOWDECK_DECKS: "test/e2e/fixtures"});
    await withSite(out, async (context, url, decks) => {
      for (const [slug, expected] of Object.entries(FIXTURES)) {
        const deck = decks.find((d) => d.slug === slug);
        const checks = deck
          ? await checkDeck(context, url + deck.page.replace(/index\.html$/, ""), deck, {quick: true})
          : [];
        // Exactly the expected check must fail: a fixture that broke everything would prove nothing.
        const failed = checks.filter((c) => !c.ok);
        const caught = failed.length === 1 && failed[0].name === expected;
        const detail = caught ? failed[0].detail : `failed: ${failed.map((c) => c.name).join("; ") || "nothing"}`;
        record("self-test", [{name: `the walk fails on fixture ${slug}, and only on that`, ok: caught, detail}]);
      }
    });
    rmSync(out, {recursive: true, force: true});
  }
  console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  results.push({ok: false});
  console.error(`e2e: ${error instanceof Error ? error.message : error}`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

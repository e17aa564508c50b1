// After one visit over the network, the site works with the network off: the gallery reloads and every deck opens
// and runs a live demo (its worker, wasm and weights come from the offline cache: slides/runtime/build/service-worker.ts).
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {chromium} from "playwright-core";
import {demosSettled} from "./page.mjs";
import {check} from "./watch.mjs";

const TIMEOUT = 30_000;

/** The first slide of the deck on the page that holds a live demo, shown; resolves to its index (or -1). */
function showFirstDemo() {
  const deck = window.flowdeck;
  const index = deck.getSlides().findIndex((slide) => slide.querySelector("figure[data-demo]"));
  if (index >= 0) {
    const {h, v} = deck.getIndices(deck.getSlides()[index]);
    deck.slide(h, v);
  }
  return index;
}

export async function checkOffline(executablePath, args, url, decks) {
  const profile = mkdtempSync(join(tmpdir(), "flowdeck-offline-"));
  const context = await chromium.launchPersistentContext(profile, {executablePath, headless: true, args});
  const problems = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await page.goto(url);
    // `ready` resolves once the worker is active, which is after it cached every file of the build.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const caches = await page.evaluate(() => window.caches.keys());
    if (caches.filter((name) => name.startsWith("flowdeck-")).length !== 1)
      problems.push(`caches: ${caches.join(", ")}`);
    await context.setOffline(true);
    await page.reload();
    // The network is really off: what the cache does not hold cannot be fetched.
    const uncached = await page.evaluate(() =>
      window.fetch(`./not-cached-${Date.now()}`).then(
        () => "fetched",
        () => "failed"
      )
    );
    if (uncached !== "failed") problems.push("the network is still on");
    const cards = await page.locator(".deck-card").count();
    if (cards !== decks.length) problems.push(`offline, the gallery shows ${cards} of ${decks.length} decks`);
    for (const deck of decks) {
      await page.goto(url + deck.page.replace(/index\.html$/, ""));
      await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: TIMEOUT});
      const index = await page.evaluate(showFirstDemo);
      if (index < 0) continue;
      await page.waitForFunction(demosSettled, null, {timeout: TIMEOUT}).catch(() => {});
      const error = await page.evaluate(() => {
        const figure = window.flowdeck.getCurrentSlide().querySelector("figure[data-demo]");
        if (figure.dataset.demoState === "computing") return "still computing";
        return figure.querySelector(".demo-error")?.textContent ?? null;
      });
      if (error) problems.push(`${deck.slug} slide ${index + 1} offline: ${error}`);
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await context.close();
    rmSync(profile, {recursive: true, force: true});
  }
  return check("offline after one visit: the gallery and a live demo of every deck", problems, `${decks.length} decks`);
}

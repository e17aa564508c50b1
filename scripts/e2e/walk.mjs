// Checks one deck in Chromium: walk every slide and fragment forward then back, speaker view, print to PDF.
// Each check is {name, ok, detail}; the caller counts and prints them.
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {deckState, demosSettled, expectedStates, inspectPresent, slidesWithoutNotes} from "./page.mjs";

const STEP_TIMEOUT = 5000;
const DEMO_TIMEOUT = 15000;
/** Slightly longer than the deck's auto-animate (0.6 s), so screenshots show slides at rest. */
const SETTLE_MS = 700;

/** True for http(s)/ws(s) URLs whose origin is not `origin` (data:, blob: and about: stay on the page). */
export function isOffOrigin(url, origin) {
  const {protocol, origin: other} = new URL(url);
  return /^(https?|wss?):$/.test(protocol) && other !== origin;
}

/** Records every console error or warning, page error, failed or off-origin request of `page` into `problems`. */
export function watch(page, origin, problems) {
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()} (${r.failure()?.errorText ?? "?"})`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on("request", (r) => isOffOrigin(r.url(), origin) && problems.push(`request to another origin: ${r.url()}`));
}

const check = (name, problems, pass = `ok`) => ({
  name,
  ok: problems.length === 0,
  detail: problems.length ? problems.slice(0, 5).join("; ") : pass
});

async function walk(page, key, until, onVisit) {
  const visited = [];
  let state = await page.evaluate(deckState);
  for (let i = 0; i < 1000; i++) {
    visited.push(state.key);
    await onVisit(state);
    if (state[until]) break;
    await page.keyboard.press(key);
    await page.waitForFunction(
      (previous) => {
        const {h, v, f} = window.flowdeck.getIndices();
        return `${h}/${v}/${f ?? -1}` !== previous;
      },
      state.key,
      {timeout: STEP_TIMEOUT}
    );
    state = await page.evaluate(deckState);
  }
  return visited;
}

async function deepLink(context, url, origin, problems) {
  const page = await context.newPage();
  watch(page, origin, problems);
  await page.goto(url);
  await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: DEMO_TIMEOUT});
  const last = await page.evaluate(() => window.flowdeck.getHorizontalSlides().length - 1);
  await page.goto(`${url}#/${last}`);
  await page.reload();
  await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: DEMO_TIMEOUT});
  const h = await page.evaluate(() => window.flowdeck.getIndices().h);
  await page.close();
  return check("a deep link opens its slide", h === last ? [] : [`#/${last} opened slide ${h + 1}`], `#/${last}`);
}

async function speakerView(page, problems) {
  await page.evaluate(() => window.flowdeck.slide(0));
  const [popup] = await Promise.all([page.context().waitForEvent("page"), page.keyboard.press("s")]);
  watch(popup, new URL(page.url()).origin, problems);
  const shown = await popup
    .waitForFunction(() => document.querySelector(".speaker-controls-notes .value")?.textContent.trim(), null, {
      timeout: DEMO_TIMEOUT
    })
    .then(
      (handle) => handle.jsonValue(),
      () => ""
    );
  const expected = await page.evaluate(() =>
    window.flowdeck.getCurrentSlide().querySelector("aside.notes")?.textContent.trim()
  );
  const frames = await popup.evaluate(
    () => [...document.querySelectorAll("iframe")].filter((f) => /receiver/.test(f.src)).length
  );
  await popup.close();
  const squash = (text) => (text ?? "").replace(/\s+/g, " ").trim();
  const failures = [];
  if (!shown || squash(shown) !== squash(expected))
    failures.push(`notes shown "${squash(shown).slice(0, 60)}" ≠ "${squash(expected).slice(0, 60)}"`);
  if (frames < 2) failures.push(`${frames} preview frames (want 2)`);
  return check("speaker view shows the notes", failures, `notes and ${frames} preview frames`);
}

async function printToPdf(context, url, origin, problems, states, out) {
  const page = await context.newPage();
  watch(page, origin, problems);
  await page.addInitScript(() => document.addEventListener("pdf-ready", () => (window.pdfReady = true)));
  await page.goto(`${url}?print-pdf`);
  await page.waitForFunction(() => window.pdfReady === true, null, {timeout: DEMO_TIMEOUT});
  const sheets = await page.evaluate(() => document.querySelectorAll(".pdf-page").length);
  const blank = await page.evaluate(
    () => [...document.querySelectorAll("[data-demo]")].filter((f) => f.dataset.demoState !== "drawn").length
  );
  const pdf = await page.pdf({preferCSSPageSize: true, printBackground: true});
  await page.close();
  if (out) writeFileSync(join(out, "deck.pdf"), pdf);
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  const failures = [];
  if (pages !== states) failures.push(`${pages} PDF pages for ${states} slide and fragment steps`);
  if (sheets !== states) failures.push(`${sheets} print sheets for ${states} steps`);
  if (blank > 0) failures.push(`${blank} demos not drawn in print view`);
  return check("print to PDF: one page per slide and fragment step", failures, `${pages} pages`);
}

/**
 * Runs every check on one deck. Options: `screenshots` (folder for one PNG per slide and deck.pdf),
 * `quick` (walk forward only: no way back, speaker view or PDF; used by the self-test).
 */
export async function checkDeck(context, url, deck, {screenshots, quick = false} = {}) {
  const origin = new URL(url).origin;
  const problems = [];
  const page = await context.newPage();
  watch(page, origin, problems);
  await page.goto(url);
  await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: DEMO_TIMEOUT});
  const checks = [];
  const slides = await page.evaluate(() => window.flowdeck.getSlides().length);
  checks.push(
    check(
      "loads with its slides",
      slides === deck.slideCount ? [] : [`${slides} slides, gallery says ${deck.slideCount}`],
      `${slides} slides`
    )
  );
  const states = await page.evaluate(expectedStates);
  const found = {math: new Set(), demos: new Set(), busy: new Set()};
  if (screenshots) mkdirSync(screenshots, {recursive: true});
  let shoot = Boolean(screenshots);
  const visit = async (state) => {
    await page.waitForTimeout(state.fragment === -1 ? SETTLE_MS : 150);
    await page
      .waitForFunction(demosSettled, null, {timeout: DEMO_TIMEOUT})
      .catch(() => found.demos.add("a demo never finished"));
    const report = await page.evaluate(inspectPresent);
    for (const kind of ["math", "demos", "busy"]) for (const line of report[kind]) found[kind].add(line);
    if (shoot && state.fragment === -1) {
      const [h, v] = state.key.split("/").map(Number);
      const name = `slide-${String(h + 1).padStart(2, "0")}${v > 0 ? `-${v + 1}` : ""}.png`;
      await page.screenshot({path: join(screenshots, name)});
    }
  };
  const forward = await walk(page, "n", "last", visit);
  shoot = false;
  checks.push(
    check(
      "walks every slide and fragment forward",
      forward.length === states ? [] : [`visited ${forward.length} of ${states} steps`],
      `${forward.length} steps`
    )
  );
  if (!quick) {
    const back = await walk(page, "p", "first", visit);
    const same = back.length === forward.length && back.every((key, i) => key === forward[forward.length - 1 - i]);
    checks.push(
      check(
        "walks back through the same steps",
        same ? [] : [`back ${back.length} steps: ${back.join(" ")}`],
        `${back.length} steps`
      )
    );
  }
  checks.push(check("typesets every formula (no .katex-error)", [...found.math]));
  checks.push(check("every demo drew something, no error overlay", [...found.demos]));
  checks.push(check("demos stop working when their slide is left", [...found.busy]));
  checks.push(
    check(
      "notes on every slide",
      (await page.evaluate(slidesWithoutNotes)).map((n) => `slide ${n} has none`)
    )
  );
  if (!quick) {
    checks.push(await deepLink(context, url, origin, problems));
    checks.push(await speakerView(page, problems));
    checks.push(await printToPdf(context, url, origin, problems, states, screenshots));
  }
  await page.close();
  checks.push(check("no console error or warning, page error, failed or off-origin request", problems));
  return checks;
}

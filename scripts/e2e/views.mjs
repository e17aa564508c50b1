// The views of a deck besides walking it: a deep link, the speaker view, print to PDF. Each returns one check.
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {check, watch} from "./watch.mjs";

const TIMEOUT = 15000;
// The speaker view's two preview frames each load the whole deck and draw every demo's still (30 s seen under a load
// of 35 on two cores), and the print view lays out every slide at once (over 15 s under a load of 19): a limit on
// waiting, not a measure of speed.
const WHOLE_DECK_TIMEOUT = 90000;

/** A fresh page opened at `#/<last>` (the last horizontal slide) lands on that slide. */
export async function deepLink(context, url, last, problems) {
  const page = await context.newPage();
  watch(page, new URL(url).origin, problems);
  await page.goto(`${url}#/${last}`);
  await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: TIMEOUT});
  const h = await page.evaluate(() => window.flowdeck.getIndices().h);
  await page.waitForLoadState("networkidle");
  await page.close();
  return check("a deep link opens its slide", h === last ? [] : [`#/${last} opened slide ${h + 1}`], `#/${last}`);
}

/**
 * On a phone (390×844) the deck is an article (slides/runtime/reading-view.ts): a deep link to `#/<id>` scrolls to
 * that slide and keeps it there while the figures above it draw; nothing is wider than the screen, body text is at
 * least 16 px, every fragment shows, notes sit under their slides, the demos on screen draw, the address follows
 * the reader back to the top, and no figure's text is cut at its edge ({@link figuresCut}, every figure in turn).
 */
export async function readingView(context, url, target, problems) {
  const page = await context.newPage();
  await page.setViewportSize({width: 390, height: 844});
  watch(page, new URL(url).origin, problems);
  await page.goto(`${url}#/${target}`);
  await page.waitForFunction(() => window.flowdeckReading, null, {timeout: TIMEOUT});
  await page.evaluate(() => window.flowdeckReading.ready);
  // The demos on screen draw (or fail, which the message says).
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("figure[data-demo], figure[data-stage]")]
        .filter((f) => {
          const r = f.getBoundingClientRect();
          return r.bottom > 0 && r.top < window.innerHeight;
        })
        .every((f) => f.dataset.demoState && f.dataset.demoState !== "computing"),
    null,
    {timeout: TIMEOUT}
  );
  await page.waitForLoadState("networkidle");
  const found = await page.evaluate((target) => {
    const out = [];
    if (!document.documentElement.classList.contains("reading-view")) out.push("no reading view at 390 px");
    const wide = document.documentElement.scrollWidth;
    if (wide > window.innerWidth + 1) out.push(`the page is ${wide} px wide on a ${window.innerWidth} px screen`);
    const slide = document.getElementById(target) ?? document.querySelectorAll(".slides section")[Number(target)];
    const top = slide?.getBoundingClientRect().top;
    if (!(top > -4 && top < 120)) out.push(`#/${target} is at ${Math.round(top)} px, not at the top`);
    if (window.location.hash !== `#/${target}`) out.push(`the address says ${window.location.hash}, not #/${target}`);
    const small = [...document.querySelectorAll(".slides :is(p, li, td, th, figcaption)")].find(
      (e) => e.textContent.trim() && e.getClientRects().length && parseFloat(window.getComputedStyle(e).fontSize) < 16
    );
    if (small)
      out.push(`text at ${window.getComputedStyle(small).fontSize}: "${small.textContent.trim().slice(0, 40)}"`);
    const hidden = [...document.querySelectorAll(".slides .fragment")].find(
      (e) => window.getComputedStyle(e).opacity !== "1"
    );
    if (hidden) out.push(`a fragment is hidden: "${hidden.textContent.trim().slice(0, 40)}"`);
    if (document.querySelector(".slides aside.notes")) out.push("speaker notes left as hidden asides");
    return out;
  }, String(target));
  // The reader scrolls back up (a wheel, as a reader's input: it also releases the pin on the linked slide).
  await page.mouse.move(195, 400);
  for (let i = 0; i < 40 && (await page.evaluate(() => window.scrollY)) > 0; i++) await page.mouse.wheel(0, -20000);
  const first = await page.evaluate(() => document.querySelector(".slides section")?.id ?? "0");
  await page
    .waitForFunction((first) => window.location.hash === `#/${first}`, first, {timeout: TIMEOUT})
    .catch(() => found.push("the address did not follow the reader back to the first slide"));
  found.push(...(await figuresCut(page)));
  await page.close();
  return check("on a phone, the deck reads as an article from a deep link", found, `#/${target} at 390×844`);
}

/**
 * In the reading view, every figure of the article in turn: scrolled into view, given time to draw, then each line
 * of text its SVG draws (readouts, labels, ticks) must lie inside the figure's box, which clips what sticks out
 * (reading.css: a figure scrolls sideways inside itself). On a slide such a line may run past its SVG into the empty
 * slide beside it; at 390 px the figure is the column, and a readout cut at its edge loses its numbers. Returns one
 * text per line cut, e.g. `box-flux (#/box): "mass inside M = …" runs 84 px past the right edge`.
 */
export async function figuresCut(page) {
  const cut = [];
  const count = await page.evaluate(() => document.querySelectorAll("figure[data-demo], figure[data-stage]").length);
  for (let i = 0; i < count; i++) {
    await page.evaluate((i) => {
      document.querySelectorAll("figure[data-demo], figure[data-stage]")[i].scrollIntoView({block: "center"});
    }, i);
    await page
      .waitForFunction(
        (i) => {
          const state = document.querySelectorAll("figure[data-demo], figure[data-stage]")[i].dataset.demoState;
          return state && state !== "computing";
        },
        i,
        {timeout: TIMEOUT}
      )
      .catch(() => {});
    // Two animation frames more, for the layout to settle (text-room.ts gives a render's text its room at once).
    await page.evaluate(
      () => new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve)))
    );
    cut.push(
      ...(await page.evaluate((i) => {
        const figure = document.querySelectorAll("figure[data-demo], figure[data-stage]")[i];
        const box = figure.getBoundingClientRect();
        const slide = figure.closest("section");
        const name = `${figure.dataset.demo ?? figure.dataset.stage} (#/${slide?.id ?? "?"})`;
        const out = [];
        for (const text of figure.querySelectorAll(".demo-output svg text")) {
          const r = text.getBoundingClientRect();
          if (r.width === 0 || !text.textContent.trim()) continue;
          const past = [
            ["left", box.left - r.left],
            ["right", r.right - box.right],
            ["top", box.top - r.top],
            ["bottom", r.bottom - box.bottom]
          ].filter(([, by]) => by > 1);
          for (const [edge, by] of past)
            out.push(
              `${name}: "${text.textContent.trim().slice(0, 36)}" runs ${Math.round(by)} px past the ${edge} edge`
            );
        }
        return out;
      }, i))
    );
  }
  return cut;
}

/** Runs in the speaker page: what it shows (each preview frame's deck position, the notes, the count). */
function speakerShows() {
  const frame = (name) => document.querySelector(`.speaker-${name} iframe`)?.contentWindow;
  const position = (w) => {
    const deck = w?.flowdeck;
    if (!deck?.isReady()) return null;
    const {h, v, f} = deck.getIndices();
    return `${h}/${v}/${f ?? -1}`;
  };
  return {
    current: position(frame("current")),
    upcoming: position(frame("upcoming")),
    // A preview frame that started an engine would run the slide's demos a second time.
    engines: ["current", "upcoming"].filter((name) => frame(name)?.flowdeckEngine !== undefined),
    notes: document.querySelector(".speaker-notes-text")?.textContent.replace(/\s+/g, " ").trim() ?? "",
    count: document.querySelector(".speaker-count")?.textContent ?? "",
    csp: Boolean(document.querySelector('meta[http-equiv="Content-Security-Policy"]'))
  };
}

/** Runs in the deck: its position, the count and the notes of its current slide. */
function deckPosition() {
  const deck = window.flowdeck;
  const key = () => {
    const {h, v, f} = deck.getIndices();
    return `${h}/${v}/${f ?? -1}`;
  };
  return {
    key: key(),
    notes: (deck.getCurrentSlide().querySelector("aside.notes")?.textContent ?? "").replace(/\s+/g, " ").trim(),
    count: `${deck.getSlidePastCount() + 1} / ${deck.getTotalSlides()}`,
    last: deck.isLastSlide() && !deck.availableFragments().next
  };
}

/**
 * The speaker view (key S) is the site's own page (slides/runtime/speaker.html) under the site's CSP: it shows the
 * current slide and the next one in two preview frames that start no engine, the current slide's notes and the count;
 * it follows the deck when the deck moves, and its keys move the deck.
 */
export async function speakerView(page, problems) {
  await page.evaluate(() => window.flowdeck.slide(0));
  // This page's popup, not the context's next page: other decks are walked in the same context at the same time,
  // and a page one of them opens (a PDF, a reading view) could be taken for this deck's speaker view.
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.keyboard.press("s")]);
  watch(popup, new URL(page.url()).origin, problems);
  const failures = [];
  // Waits until the speaker view shows the deck where it stands now, and a step further in the next frame.
  const follows = async (step) => {
    const deck = await page.evaluate(deckPosition);
    const ok = await popup
      .waitForFunction(
        (want) => {
          const shown = window.flowdeckSpeakerShows?.();
          return (
            shown &&
            shown.current === want.key &&
            shown.notes === want.notes &&
            shown.count === want.count &&
            // Until the speaker page sets it, the next frame sits where it loaded (often the same slide).
            (want.last || (shown.upcoming !== null && shown.upcoming !== shown.current))
          );
        },
        deck,
        {timeout: WHOLE_DECK_TIMEOUT}
      )
      .then(
        () => true,
        () => false
      );
    const shown = await popup.evaluate(() => window.flowdeckSpeakerShows?.()).catch(() => undefined);
    if (!ok)
      failures.push(
        `${step}: deck at ${deck.key} (${deck.count}), speaker shows ${shown?.current} (${shown?.count}), ` +
          `next ${shown?.upcoming}, notes "${shown?.notes.slice(0, 40)}" vs "${deck.notes.slice(0, 40)}"`
      );
    return shown;
  };
  await popup.waitForLoadState();
  await popup.evaluate(`window.flowdeckSpeakerShows = ${speakerShows.toString()}`);
  const opened = await follows("on opening");
  if (opened && !opened.csp) failures.push("the speaker page has no Content-Security-Policy");
  if (opened?.engines.length) failures.push(`preview frames started an engine: ${opened.engines.join(", ")}`);
  // The next frame showed where the deck goes next: move the deck (its own key) and the speaker view follows.
  await page.keyboard.press("n");
  const moved = await page.evaluate(deckPosition);
  if (opened && moved.key !== opened.upcoming)
    failures.push(`the next frame showed ${opened.upcoming}, the deck went to ${moved.key}`);
  await follows("after the deck moved");
  // The speaker view's keys move the deck.
  const before = moved.key;
  await popup.keyboard.press("ArrowRight");
  await page
    .waitForFunction(
      (before) => {
        const {h, v, f} = window.flowdeck.getIndices();
        return `${h}/${v}/${f ?? -1}` !== before;
      },
      before,
      {timeout: TIMEOUT}
    )
    .catch(() => failures.push("→ in the speaker view did not move the deck"));
  await follows("after → in the speaker view");
  await popup.keyboard.press("p");
  await page
    .waitForFunction(
      (before) => {
        const {h, v, f} = window.flowdeck.getIndices();
        return `${h}/${v}/${f ?? -1}` === before;
      },
      before,
      {timeout: TIMEOUT}
    )
    .catch(() => failures.push("p in the speaker view did not move the deck back"));
  const back = await follows("after p in the speaker view");
  await popup.close();
  return check(
    "speaker view: its own page under the CSP, current and next slide, notes, follows and drives the deck",
    failures,
    `at ${back?.current}: next ${back?.upcoming}, ${back?.count}`
  );
}

/** `?print-pdf` gives one PDF page per slide and fragment step (an overflowing slide spills onto more). */
export async function printToPdf(context, url, origin, problems, states, out) {
  const page = await context.newPage();
  watch(page, origin, problems);
  await page.addInitScript(() => document.addEventListener("pdf-ready", () => (window.pdfReady = true)));
  await page.goto(`${url}?print-pdf`);
  await page.waitForFunction(() => window.pdfReady === true, null, {timeout: WHOLE_DECK_TIMEOUT});
  // Stills are computed after the print layout is ready (each demo loads its module first): wait for them, as
  // `npm run pdf` does, then count the ones still missing.
  const settled = () =>
    [...document.querySelectorAll("[data-demo]")].every(
      (f) => f.dataset.demoState && f.dataset.demoState !== "computing"
    );
  await page.waitForFunction(settled, null, {timeout: WHOLE_DECK_TIMEOUT}).catch(() => {});
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

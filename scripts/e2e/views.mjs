// The views of a deck besides walking it: a deep link, the speaker view, print to PDF. Each returns one check.
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {check, watch} from "./watch.mjs";

const TIMEOUT = 15000;

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
 * On a phone (390×800: Reveal's scroll view) a deep link to `#/<target>` lands on that slide and stays there once the
 * scroll view has settled.
 */
export async function phoneDeepLink(context, url, target, problems) {
  const page = await context.newPage();
  await page.setViewportSize({width: 390, height: 800});
  watch(page, new URL(url).origin, problems);
  await page.goto(`${url}#/${target}`);
  await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: TIMEOUT});
  await page.waitForTimeout(1000);
  const {h, scroll} = await page.evaluate(() => ({
    h: window.flowdeck.getIndices().h,
    scroll: window.flowdeck.isScrollView()
  }));
  await page.close();
  const problemsFound = [];
  if (!scroll) problemsFound.push("the scroll view did not switch on at 390 px");
  if (h !== target) problemsFound.push(`#/${target} opened slide ${h + 1}`);
  return check("on a phone, a deep link opens its slide", problemsFound, `#/${target} at 390×800`);
}

/** The speaker view (key S) opens with the current slide's notes and two `?receiver` preview frames. */
export async function speakerView(page, problems) {
  await page.evaluate(() => window.flowdeck.slide(0));
  const [popup] = await Promise.all([page.context().waitForEvent("page"), page.keyboard.press("s")]);
  watch(popup, new URL(page.url()).origin, problems);
  const shown = await popup
    .waitForFunction(() => document.querySelector(".speaker-controls-notes .value")?.textContent.trim(), null, {
      timeout: TIMEOUT
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

/** `?print-pdf` gives one PDF page per slide and fragment step (an overflowing slide spills onto more). */
export async function printToPdf(context, url, origin, problems, states, out) {
  const page = await context.newPage();
  watch(page, origin, problems);
  await page.addInitScript(() => document.addEventListener("pdf-ready", () => (window.pdfReady = true)));
  await page.goto(`${url}?print-pdf`);
  await page.waitForFunction(() => window.pdfReady === true, null, {timeout: TIMEOUT});
  // Stills are computed after the print layout is ready (each demo loads its module first): wait for them, as
  // `npm run pdf` does, then count the ones still missing.
  const settled = () =>
    [...document.querySelectorAll("[data-demo]")].every(
      (f) => f.dataset.demoState && f.dataset.demoState !== "computing"
    );
  await page.waitForFunction(settled, null, {timeout: TIMEOUT}).catch(() => {});
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

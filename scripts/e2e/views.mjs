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
    // Two animation frames more: what a demo drew is given its room (text-room.ts) at the next frame.
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

// Checks one deck in Chromium: walk every slide and fragment forward then back (axe-core on each slide at rest),
// speaker view, print to PDF.
// Each check is {name, ok, detail}; the caller counts and prints them.
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import {axeOnSlides} from "./axe.mjs";
import {listenForCspViolations} from "./csp.mjs";
import {animationsDone, deckState, demosSettled, expectedStates, inspectPresent, slidesWithoutNotes} from "./page.mjs";
import {deepLink, printToPdf, readingView, speakerView} from "./views.mjs";
import {check, watch} from "./watch.mjs";

export {isOffOrigin} from "./watch.mjs";

const STEP_TIMEOUT = 5000;
const DEMO_TIMEOUT = 15000;

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

/**
 * Runs every check on one deck. Options: `screenshots` (folder for one PNG per slide and deck.pdf),
 * `quick` (walk forward only: no way back, speaker view or PDF; used by the self-test).
 */
export async function checkDeck(context, url, deck, {screenshots, quick = false} = {}) {
  const origin = new URL(url).origin;
  const problems = [];
  // Every page of the deck (and the speaker view and its frames) reports CSP violations as console errors.
  await listenForCspViolations(context);
  const page = await context.newPage();
  // Walk as a viewer who asked for reduced motion: slides and fragments change at once, so what is measured on each
  // step (the slide box, the demos) is the slide at rest. The morphs themselves are checked by live.mjs.
  await page.emulateMedia({reducedMotion: "reduce"});
  watch(page, origin, problems);
  const checks = [];
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: DEMO_TIMEOUT});
    const slides = await page.evaluate(() => window.flowdeck.getSlides().length);
    checks.push(
      check(
        "loads with its slides",
        slides === deck.slideCount ? [] : [`${slides} slides, gallery says ${deck.slideCount}`],
        `${slides} slides`
      )
    );
    // The theme must win over reveal.css (a stylesheet loaded in the wrong order once left slides white and centred).
    const theme = await page.evaluate(() => ({
      align: window.getComputedStyle(document.querySelector(".reveal .slides")).textAlign,
      background: window.getComputedStyle(document.querySelector(".reveal-viewport") ?? document.body).backgroundColor
    }));
    checks.push(
      check(
        "the deck's theme applies over reveal.css",
        theme.align === "left" && theme.background === "rgb(251, 250, 247)" ? [] : [JSON.stringify(theme)],
        `${theme.align}, ${theme.background}`
      )
    );
    const states = await page.evaluate(expectedStates);
    const found = {math: new Set(), code: new Set(), demos: new Set(), busy: new Set(), overflow: new Set()};
    if (screenshots) mkdirSync(screenshots, {recursive: true});
    let shoot = Boolean(screenshots);
    const axe = axeOnSlides(page);
    const visit = async (state) => {
      // Wait for the slide to come to rest (Reveal's transitions, auto-animate and morphs are CSS animations) rather
      // than for a fixed time; only screenshots need it, the checks below wait for the demos themselves.
      if (shoot) await page.waitForFunction(animationsDone, null, {timeout: STEP_TIMEOUT}).catch(() => {});
      await page
        .waitForFunction(demosSettled, null, {timeout: DEMO_TIMEOUT})
        .catch(() => found.demos.add("a demo never finished"));
      // A figure that just drew changed its slide's height; the demos plugin centres the slide again on the next
      // animation frame (a ResizeObserver): measure the slide as the viewer sees it then, not in between.
      await page.evaluate(
        () => new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve)))
      );
      let report = await page.evaluate(inspectPresent);
      // A figure that grows again (a frame brings a panel, a readout wraps) starts another re-centring: an overflow
      // counts once it is still there after the slide has had a moment to settle.
      if (report.overflow.length > 0) {
        await page.waitForTimeout(250);
        report = {...report, overflow: (await page.evaluate(inspectPresent)).overflow};
      }
      for (const kind of ["math", "code", "demos", "busy", "overflow"])
        for (const line of report[kind]) found[kind].add(line);
      await axe.visit();
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
    checks.push(check("nothing sticks out of the 1280×720 slide box", [...found.overflow]));
    checks.push(check("typesets every formula (no .katex-error)", [...found.math]));
    checks.push(check("shows every code panel's source (no .code-error)", [...found.code]));
    checks.push(check("every demo drew something, no error overlay", [...found.demos]));
    checks.push(check("demos stop working when their slide is left", [...found.busy]));
    checks.push(axe.check());
    checks.push(
      check(
        "notes on every slide",
        (await page.evaluate(slidesWithoutNotes)).map((n) => `slide ${n} has none`)
      )
    );
    if (!quick) {
      const last = await page.evaluate(() => window.flowdeck.getHorizontalSlides().length - 1);
      checks.push(await deepLink(context, url, last, problems));
      // A one-slide deck has nowhere to link to.
      if (last > 0) {
        const target = await page.evaluate((n) => window.flowdeck.getHorizontalSlides()[n].id || String(n), last - 1);
        checks.push(await readingView(context, url, target, problems));
      }
      checks.push(await speakerView(page, problems));
      checks.push(await printToPdf(context, url, origin, problems, states, screenshots));
    }
  } catch (error) {
    // The page crashed or closed under the walk (or a step timed out): fail this deck with where it was, and let the
    // other decks' walks go on.
    const where = await page.evaluate(() => window.location.hash).catch(() => "a closed page");
    checks.push(check("the walk runs to its end", [`at ${where}: ${String(error.message).split("\n")[0]}`]));
  }
  await page.close().catch(() => {});
  checks.push(check("no console error or warning, page error, failed or off-origin request", problems));
  return checks;
}

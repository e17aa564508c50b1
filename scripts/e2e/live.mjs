// The live-demo runtime in Chromium, on the template deck's reference demos (flow-hero as a stage over two slides,
// fm-train training in the worker): each check opens its own page and returns {name, ok, detail}.
import {check, watch} from "./watch.mjs";

const TIMEOUT = 20_000;
const HERO = "noise-flows-into-data";
const HERO_WIDE = "the-same-demo-full-width";
const TRAIN = "a-model-that-trains-on-the-slide";

/**
 * Counts Worker constructions, the workers' frame messages and View Transitions on the page (installed before any
 * script of the page runs). Setting `window.framesDroppedFrom` to a count drops every frame and end message after
 * that many frames while pings are still answered: a task frozen mid-run, for the freeze check's own proof.
 */
function instrument() {
  window.workersMade = 0;
  window.workerFrames = 0;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      window.workersMade++;
    }
    get onmessage() {
      return super.onmessage;
    }
    set onmessage(listener) {
      super.onmessage =
        listener &&
        ((event) => {
          const type = event.data?.type;
          if (type === "frame" || type === "done") {
            if (window.workerFrames >= (window.framesDroppedFrom ?? Infinity)) return;
            if (type === "frame") window.workerFrames++;
          }
          listener.call(this, event);
        });
    }
  };
  window.transitions = 0;
  const start = document.startViewTransition?.bind(document);
  if (start) {
    document.startViewTransition = (...args) => {
      window.transitions++;
      return start(...args);
    };
  }
}

async function open(context, url, problems, {init = true, reducedMotion = false} = {}) {
  const page = await context.newPage();
  if (reducedMotion) await page.emulateMedia({reducedMotion: "reduce"});
  watch(page, new URL(url).origin, problems);
  if (init) await page.addInitScript(instrument);
  await page.goto(url);
  await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: TIMEOUT});
  return page;
}

/** The figure of a demo on the current slide, its state attribute, and its text alternative. */
function currentDemo(selector) {
  const figure = window.flowdeck.getCurrentSlide().querySelector(selector);
  if (!figure) return null;
  const frame = figure.querySelector(".demo-frame");
  return {
    state: figure.dataset.demoState,
    label: frame?.getAttribute("aria-label") ?? "",
    error: figure.querySelector(".demo-error")?.textContent ?? "",
    t: figure.querySelector('input[name="t"]')?.value,
    paths: figure.querySelector('input[name="paths"]')?.checked
  };
}

/** A hash of the demo's canvas pixels on the current slide (read through a copy). */
function canvasHash() {
  const canvas = window.flowdeck.getCurrentSlide().querySelector("canvas.demo-canvas");
  if (!canvas || canvas.width === 0) return "";
  const copy = document.createElement("canvas");
  [copy.width, copy.height] = [canvas.width, canvas.height];
  const context = copy.getContext("2d");
  context.drawImage(canvas, 0, 0);
  const data = context.getImageData(0, 0, copy.width, copy.height).data;
  let hash = 0;
  for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]) | 0;
  return String(hash);
}

/** The text of the error box on the current slide once one shows, or "" if none shows in time. */
function errorShown(page) {
  return page
    .waitForFunction(() => window.flowdeck.getCurrentSlide().querySelector(".demo-error")?.textContent, null, {
      timeout: TIMEOUT
    })
    .then(
      (h) => h.jsonValue(),
      () => ""
    );
}

const steps = (label) => Number(/step (\d+)/.exec(label)?.[1] ?? NaN);

/**
 * The shortest window in which a running demo must show some progress (a frame, a canvas pixel, a readout), in ms:
 * longer than the engine's 4 s watchdog; on a loaded machine the window grows with the page's pace (see keepsMoving).
 */
const STILL_FOR = 5000;

/**
 * What shows progress on the current slide: the worker's frames so far, the running demos' canvases (hashed) and
 * text alternatives; `running` is false once no demo on the slide is running (its job ended, its player stopped).
 */
function progressMarks() {
  const slide = window.flowdeck.getCurrentSlide();
  const running = [...slide.querySelectorAll('[data-demo-state="running"]')];
  let hash = 0;
  // A small copy is enough to see particles move, and cheap: this runs every poll, and must not starve the demo.
  for (const canvas of slide.querySelectorAll("canvas.demo-canvas")) {
    if (canvas.width === 0) continue;
    const copy = document.createElement("canvas");
    [copy.width, copy.height] = [160, 90];
    const context = copy.getContext("2d");
    context.drawImage(canvas, 0, 0, copy.width, copy.height);
    const data = context.getImageData(0, 0, copy.width, copy.height).data;
    for (let i = 0; i < data.length; i++) hash = (hash * 31 + data[i]) | 0;
  }
  const labels = running.map((f) => f.querySelector(".demo-frame")?.getAttribute("aria-label") ?? "").join("|");
  return {
    running: running.length > 0,
    names: running.map((f) => f.dataset.demo ?? f.dataset.stage).join(", "),
    frames: window.workerFrames ?? 0,
    look: `${hash}|${labels}`
  };
}

/**
 * A demo that runs on the current slide keeps moving: in each of two windows in a row (STILL_FOR ms or 20 times the
 * page's time for three animation frames, whichever is longer; each ends as soon as something moves) a new worker frame arrives, a canvas changes or the readout does, unless no
 * demo on the slide runs any more (its job reported its end). Returns the problem, or "" when it kept moving.
 */
export async function keepsMoving(page, where) {
  // The page's pace now: three animation frames take ~50 ms on a quiet machine, seconds on a loaded one.
  const started = Date.now();
  await page.evaluate(
    () =>
      new Promise((r) =>
        window.requestAnimationFrame(() => window.requestAnimationFrame(() => window.requestAnimationFrame(r)))
      )
  );
  const span = Math.max(STILL_FOR, 20 * (Date.now() - started));
  for (const round of [1, 2]) {
    const before = await page.evaluate(progressMarks);
    if (!before.running) return "";
    // Looked at every 250 ms from here (a predicate string evaluated in the page would be an eval, which the site's
    // Content-Security-Policy blocks); the window ends at the first sign of motion.
    const deadline = Date.now() + span;
    let ok = false;
    while (!ok && Date.now() < deadline) {
      const now = await page.evaluate(progressMarks);
      ok = !now.running || now.frames > before.frames || now.look !== before.look;
      if (!ok) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!ok) return `${where}: ${before.names} running, but nothing moved for ${span} ms (window ${round})`;
  }
  return "";
}

/** flow-hero draws and animates; fm-train trains (its step count grows) while its slide is current. */
async function drawsAndAnimates(context, url, problems) {
  const failures = [];
  const page = await open(context, `${url}#/${HERO}`, problems);
  await page.waitForFunction(
    () => {
      const state = window.flowdeck.getCurrentSlide().querySelector("[data-demo]")?.dataset.demoState;
      return state === "running" || state === "drawn";
    },
    null,
    {timeout: TIMEOUT}
  );
  const first = await page.evaluate(canvasHash);
  await page.waitForTimeout(400);
  const second = await page.evaluate(canvasHash);
  if (!first || first === second) failures.push("flow-hero: the canvas did not change while playing");
  await page.evaluate((id) => window.flowdeck.slide(window.flowdeck.getIndices(document.getElementById(id)).h), TRAIN);
  const a = await page
    .waitForFunction(
      (s) => {
        const figure = window.flowdeck.getCurrentSlide().querySelector(s);
        const label = figure?.querySelector(".demo-frame")?.getAttribute("aria-label") ?? "";
        return /step [1-9]/.test(label) && label;
      },
      "[data-demo]",
      {timeout: TIMEOUT}
    )
    .then(
      (h) => h.jsonValue(),
      () => ""
    );
  await page.waitForTimeout(600);
  const b = (await page.evaluate(currentDemo, "[data-demo]"))?.label ?? "";
  if (!(steps(b) > steps(a))) failures.push(`fm-train did not train: "${a}" then "${b}"`);
  await page.close();
  return check("reference demos draw and animate (flow-hero plays, fm-train trains)", failures, `${a} → ${b}`);
}

/**
 * A demo that runs does not freeze: on the hero's slide (a player, and its worker task) and on the training slide (a
 * worker task streaming), two windows in a row each see it move. The check's own proof runs on the same page: the
 * worker's frames are then dropped (a task that stops posting frames without finishing), and it must say so.
 */
async function runningDemosKeepMoving(context, url, problems) {
  const failures = [];
  const page = await open(context, `${url}#/${HERO}`, problems);
  await page.waitForFunction(
    () => window.flowdeck.getCurrentSlide().querySelector('[data-demo-state="running"],[data-demo-state="drawn"]'),
    null,
    {timeout: TIMEOUT}
  );
  const hero = await keepsMoving(page, HERO);
  if (hero) failures.push(hero);
  await page.evaluate((id) => window.flowdeck.slide(window.flowdeck.getIndices(document.getElementById(id)).h), TRAIN);
  const before = await page.evaluate(() => window.workerFrames);
  await page.waitForFunction((n) => window.workerFrames > n + 2, before, {timeout: TIMEOUT});
  const train = await keepsMoving(page, TRAIN);
  if (train) failures.push(train);
  await page.evaluate(() => (window.framesDroppedFrom = window.workerFrames));
  const frozen = await keepsMoving(page, `${TRAIN} with its frames dropped`);
  if (!frozen) failures.push("a task that stopped sending frames mid-run was not reported as frozen");
  await page.close();
  return check("a running demo keeps moving (two windows in a row); a frozen one is caught", failures, frozen);
}

/** The player of the demo `selector` on the current slide: its t, its play button's text and state, its steps. */
function playerOf(selector) {
  const figure = window.flowdeck.getCurrentSlide().querySelector(selector);
  const button = figure?.querySelector(".demo-player button");
  const label = figure?.querySelector(".demo-frame")?.getAttribute("aria-label") ?? "";
  return {
    state: figure?.dataset.demoState,
    t: figure?.querySelector('input[name="t"]')?.value,
    button: button?.textContent,
    playing: button?.dataset.playing,
    label,
    frames: window.workerFrames ?? 0
  };
}

/** Reveal's motion settings and the progress bar's transition on the page (theme.css stills it). */
function chromeMotion() {
  const config = window.flowdeck.getConfig();
  const bar = document.querySelector(".reveal .progress span");
  return {
    transition: config.transition,
    backgroundTransition: config.backgroundTransition,
    autoAnimate: config.autoAnimate,
    progressBar: bar ? window.getComputedStyle(bar).transitionDuration : "no progress bar"
  };
}

/** Polls `probe` in the page every 250 ms (no predicate string: the CSP) until `done` or `ms` pass; the last value. */
async function pollFor(page, probe, arg, done, ms) {
  const deadline = Date.now() + ms;
  let value = await page.evaluate(probe, arg);
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await page.evaluate(probe, arg);
  }
  return value;
}

/**
 * Reduced motion (emulated): flow-hero draws its first frame but its clock stays at t = 0 through an observation
 * window while its worker still computes; its play button says "play" and Space on it starts the clock; fm-train
 * still trains; Reveal's slides, backgrounds and progress bar do not move.
 */
async function reducedMotionWaitsForPlay(context, url, problems) {
  const failures = [];
  const page = await open(context, `${url}#/${HERO}`, problems, {reducedMotion: true});
  const chrome = await page.evaluate(chromeMotion);
  if (chrome.transition !== "none" || chrome.backgroundTransition !== "none" || chrome.autoAnimate !== false)
    failures.push(`Reveal still moves: ${JSON.stringify(chrome)}`);
  if (chrome.progressBar !== "0s") failures.push(`the progress bar still slides (${chrome.progressBar})`);
  const hero = '[data-stage="hero"]';
  const drawn = await pollFor(page, playerOf, hero, (p) => p.state === "running" || p.state === "drawn", TIMEOUT);
  if (drawn.state !== "running" && drawn.state !== "drawn") failures.push(`flow-hero did not draw: ${drawn.state}`);
  // The window: ten of the page's animation frames (an autoplaying clock moves t from the second), and 1 s at least.
  const watched = Date.now();
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        let left = 10;
        const next = () => (--left === 0 ? resolve() : window.requestAnimationFrame(next));
        window.requestAnimationFrame(next);
      })
  );
  const still = await pollFor(page, playerOf, hero, (p) => Number(p.t) !== 0, 1000);
  const span = Date.now() - watched;
  if (Number(still.t) !== 0 || !/t = 0\.00/.test(still.label))
    failures.push(`flow-hero played by itself: t = ${still.t} ("${still.label}")`);
  if (still.button !== "play" || still.playing !== "false")
    failures.push(`flow-hero's button says "${still.button}" (playing ${still.playing}) while its clock is still`);
  await page.focus(`#${HERO} .demo-player button`);
  await page.keyboard.press(" ");
  const played = await pollFor(page, playerOf, hero, (p) => Number(p.t) > 0, TIMEOUT);
  if (!(Number(played.t) > 0) || played.button !== "pause")
    failures.push(`Space on "play" did not start flow-hero: t = ${played.t}, button "${played.button}"`);
  await page.evaluate((id) => window.flowdeck.slide(window.flowdeck.getIndices(document.getElementById(id)).h), TRAIN);
  const first = await pollFor(page, playerOf, "[data-demo]", (p) => steps(p.label) > 0, TIMEOUT);
  const later = await pollFor(page, playerOf, "[data-demo]", (p) => steps(p.label) > steps(first.label), TIMEOUT);
  if (!(steps(later.label) > steps(first.label)))
    failures.push(`fm-train did not train: "${first.label}" then "${later.label}"`);
  await page.close();
  return check(
    "reduced motion: flow-hero waits for play (Space starts it), fm-train still trains, Reveal does not move",
    failures,
    `t stayed 0 for ${span} ms, then ${played.t}; ${first.label.match(/step \d+/)?.[0]} → ${later.label.match(/step \d+/)?.[0]}`
  );
}

/** Leaving a training demo's slide stops the worker's messages within 200 ms. */
async function leavingStopsWork(context, url, problems) {
  const page = await open(context, `${url}#/${TRAIN}`, problems);
  await page.waitForFunction(() => window.flowdeckEngine?.stats().messages > 5, null, {timeout: TIMEOUT});
  // To the next slide, which has no demo: nothing may be heard from the worker after 200 ms.
  await page.keyboard.press("n");
  await page.waitForTimeout(200);
  const at200 = await page.evaluate(() => window.flowdeckEngine.stats());
  await page.waitForTimeout(1000);
  const later = await page.evaluate(() => window.flowdeckEngine.stats());
  await page.close();
  const failures = [];
  if (later.messages !== at200.messages)
    failures.push(`${later.messages - at200.messages} worker messages between 200 ms and 1.2 s after leaving`);
  if (at200.paused !== at200.jobs) failures.push(`${at200.jobs - at200.paused} jobs still running after leaving`);
  return check(
    "leaving a demo's slide stops its worker messages within 200 ms",
    failures,
    `${at200.messages} messages`
  );
}

/** A stage keeps its instance across its slides and going back restores the first slide's declared state. */
async function stageRestores(context, url, problems) {
  const page = await open(context, `${url}#/${HERO}`, problems);
  const failures = [];
  await page.waitForFunction(() => window.flowdeck.getCurrentSlide().querySelector("[data-demo-state]"), null, {
    timeout: TIMEOUT
  });
  const workers = await page.evaluate(() => window.workersMade);
  const go = (id) =>
    page.evaluate((i) => window.flowdeck.slide(window.flowdeck.getIndices(document.getElementById(i)).h), id);
  await go(HERO_WIDE);
  await page.waitForFunction((id) => window.flowdeck.getCurrentSlide().id === id, HERO_WIDE, {timeout: TIMEOUT});
  await page.waitForFunction(
    () => window.flowdeck.getCurrentSlide().querySelector('[data-demo-state="running"],[data-demo-state="drawn"]'),
    null,
    {timeout: TIMEOUT}
  );
  await page.waitForTimeout(800);
  const wide = await page.evaluate(currentDemo, "[data-stage]");
  if (!wide || wide.paths !== true || Number(wide.t) !== 1) failures.push(`full-width slide: ${JSON.stringify(wide)}`);
  await go(HERO);
  await page.waitForFunction((id) => window.flowdeck.getCurrentSlide().id === id, HERO, {timeout: TIMEOUT});
  await page.waitForTimeout(100);
  const back = await page.evaluate(currentDemo, "[data-stage]");
  // Back on the first slide: paths off as it declares (arriving from a later slide, its fragment is shown: paths on).
  const expected = await page.evaluate(
    () => window.flowdeck.getCurrentSlide().querySelector(".fragment.visible") !== null
  );
  if (!back || back.paths !== expected) failures.push(`back on the first slide: ${JSON.stringify(back)}`);
  const after = await page.evaluate(() => window.workersMade);
  if (after !== workers && workers !== 0) failures.push(`${after - workers} workers made while moving in the stage`);
  const transitions = await page.evaluate(() => window.transitions ?? 0);
  if (transitions === 0) failures.push("no View Transition ran between the stage's slides (figure morph)");
  await page.close();
  return check(
    "a stage keeps its demo across slides, morphs its figure, and going back restores its state",
    failures,
    `${transitions} view transitions`
  );
}

/** A link carries a demo's options and state (seed included) and restores them in a fresh page. */
async function linkRoundTrip(context, url, problems) {
  const failures = [];
  const page = await open(context, `${url}?demo-hero=seed:7;paths:true;dataset:8gaussians#/${HERO}`, problems);
  await page.waitForFunction(
    () => window.flowdeck.getCurrentSlide().querySelector('[data-demo-state="running"],[data-demo-state="drawn"]'),
    null,
    {timeout: TIMEOUT}
  );
  const shown = await page.evaluate(currentDemo, "[data-demo]");
  const dataset = await page.evaluate(
    () => window.flowdeck.getCurrentSlide().querySelector('select[name="dataset"]')?.value
  );
  if (!shown?.paths || dataset !== "8gaussians")
    failures.push(`the link's state was not applied: ${JSON.stringify({...shown, dataset})}`);
  // The "copy link" control (no clipboard in this headless page: it shows the link selected in a field).
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", {value: undefined, configurable: true}));
  await page.evaluate(() =>
    [...window.flowdeck.getCurrentSlide().querySelectorAll("button")]
      .find((b) => b.textContent === "copy link")
      ?.click()
  );
  const link = await page
    .waitForFunction(() => window.flowdeck.getCurrentSlide().querySelector(".demo-link input")?.value, null, {
      timeout: 5000
    })
    .then(
      (h) => h.jsonValue(),
      () => ""
    );
  await page.close();
  if (!/seed:7/.test(link) || !/dataset:8gaussians/.test(link) || !/paths:true/.test(link))
    failures.push(`copied link: ${link}`);
  else {
    const again = await open(context, link, problems);
    await again.waitForFunction(
      () => window.flowdeck.getCurrentSlide().querySelector('[data-demo-state="running"],[data-demo-state="drawn"]'),
      null,
      {timeout: TIMEOUT}
    );
    const restored = await again.evaluate(
      () => window.flowdeck.getCurrentSlide().querySelector('select[name="dataset"]')?.value
    );
    if (restored !== "8gaussians") failures.push(`the copied link opened dataset ${restored}`);
    await again.close();
  }
  return check("a link round-trips a demo's options, seed and state", failures, link.replace(/^.*\?/, "?"));
}

/** A diverging run and a bad link value end in an error on that demo only; the deck goes on. */
async function errorsStayOnTheirDemo(context, url, problems) {
  const failures = [];
  const own = [];
  const page = await open(context, `${url}?demo-fm-train=lr:1000#/${TRAIN}`, own);
  const error = await errorShown(page);
  if (!/diverged/.test(error)) failures.push(`lr 1000: ${error || "no error shown"}`);
  await page.keyboard.press("p");
  await page
    .waitForFunction((id) => window.flowdeck.getCurrentSlide().id !== id, TRAIN, {timeout: 5000})
    .catch(() => failures.push("the deck did not move on"));
  await page.close();
  const hostile = await open(context, `${url}?demo-hero=t:%3Cscript%3E;n:1e99#/${HERO}`, own);
  const message = await errorShown(hostile);
  if (!/invalid (t|n)/.test(message)) failures.push(`hostile link: ${message || "no error shown"}`);
  if (await hostile.evaluate(() => document.querySelectorAll("script:not([src]):not([type])").length > 0))
    failures.push("a script element appeared");
  await hostile.close();
  // The only console output these pages may print is none; errors are on the demos, not in the console.
  problems.push(...own);
  return check("a diverging run and a hostile link show an error on that demo only", failures, error.slice(0, 80));
}

/** A crashed worker is replaced: the demo says so, and its reset starts it again on a new worker. */
async function workerRecovers(context, url, problems) {
  const failures = [];
  const page = await open(context, `${url}#/${TRAIN}`, problems);
  await page.waitForFunction(() => window.flowdeckEngine?.stats().messages > 3, null, {timeout: TIMEOUT});
  await page.evaluate(() => window.flowdeckEngine.restart("killed by the end-to-end test"));
  const error = await errorShown(page);
  if (!error) failures.push("the demo did not say its worker stopped");
  await page.evaluate(() =>
    [...window.flowdeck.getCurrentSlide().querySelectorAll(".demo-error button")]
      .find((b) => /reset/.test(b.textContent))
      ?.click()
  );
  const before = await page.evaluate(() => window.flowdeckEngine.stats().messages);
  await page
    .waitForFunction(
      (n) =>
        window.flowdeckEngine.stats().messages > n + 3 &&
        !window.flowdeck.getCurrentSlide().querySelector(".demo-error"),
      before,
      {timeout: TIMEOUT}
    )
    .catch(() => failures.push("no new frames after reset"));
  const workers = await page.evaluate(() => window.flowdeckEngine.stats().workers);
  if (workers < 2) failures.push(`${workers} workers made (want a new one)`);
  await page.close();
  return check("a killed worker is replaced and the demo recovers with reset", failures, error.slice(0, 60));
}

/** Print view and the speaker view's previews draw snapshots and start no worker. */
async function staticViewsStartNoWorker(context, url, problems) {
  const failures = [];
  for (const query of ["?print-pdf", "?receiver"]) {
    const page = await context.newPage();
    watch(page, new URL(url).origin, problems);
    await page.addInitScript(instrument);
    await page.addInitScript(() => document.addEventListener("pdf-ready", () => (window.pdfReady = true)));
    await page.goto(`${url}${query}`);
    await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: TIMEOUT});
    // Print view copies a slide for each fragment step once its pages are laid out: wait for them too.
    if (query === "?print-pdf") await page.waitForFunction(() => window.pdfReady === true, null, {timeout: TIMEOUT});
    // Stills are drawn on the page (no worker): wait for every figure to settle, whatever the machine's load.
    await page
      .waitForFunction(
        () =>
          [...document.querySelectorAll("[data-demo], [data-stage]")].every(
            (f) => f.dataset.demoState && f.dataset.demoState !== "computing"
          ),
        null,
        {timeout: TIMEOUT}
      )
      .catch(() => {});
    const report = await page.evaluate(() => ({
      workers: window.workersMade,
      engine: window.flowdeckEngine !== undefined,
      undrawn: [...document.querySelectorAll("[data-demo], [data-stage]")].filter(
        (f) => f.dataset.demoState !== "drawn"
      ).length,
      canvases: document.querySelectorAll(".slides canvas").length
    }));
    await page.close();
    if (report.workers > 0 || report.engine)
      failures.push(`${query}: ${report.workers} workers, engine client ${report.engine}`);
    if (report.undrawn > 0) failures.push(`${query}: ${report.undrawn} demos not drawn`);
    if (report.canvases > 0) failures.push(`${query}: ${report.canvases} canvases (snapshots should be images)`);
  }
  return check("print view and the speaker view's previews draw snapshots and start no worker", failures);
}

/** Every live-demo check on the template deck at `url`. */
export async function checkLiveDemos(context, url) {
  const problems = [];
  const checks = [];
  for (const run of [
    drawsAndAnimates,
    runningDemosKeepMoving,
    reducedMotionWaitsForPlay,
    leavingStopsWork,
    stageRestores,
    linkRoundTrip,
    errorsStayOnTheirDemo,
    workerRecovers,
    staticViewsStartNoWorker
  ]) {
    try {
      checks.push(await run(context, url, problems));
    } catch (error) {
      checks.push({
        name: run.name,
        ok: false,
        detail: error instanceof Error ? error.message.split("\n")[0] : String(error)
      });
    }
  }
  checks.push(check("live demos: no console error or warning, page error, failed or off-origin request", problems));
  return checks;
}

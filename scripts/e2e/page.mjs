// Functions run inside a deck page (passed to page.evaluate / waitForFunction); `window.flowdeck` is the Reveal
// instance that slides/runtime/deck.ts exposes. They must not refer to anything outside their own body.

/** Where the deck stands: indices, a key per state, and whether it is at either end. */
export function deckState() {
  const deck = window.flowdeck;
  const {h, v, f} = deck.getIndices();
  const fragments = deck.availableFragments();
  return {
    key: `${h}/${v}/${f ?? -1}`,
    fragment: f ?? -1,
    first: deck.isFirstSlide() && !fragments.prev,
    last: deck.isLastSlide() && !fragments.next
  };
}

/** States a full walk visits: one per slide plus one per distinct fragment step. */
export function expectedStates() {
  return window.flowdeck.getSlides().reduce((count, slide) => {
    const steps = new Set([...slide.querySelectorAll(".fragment")].map((f, i) => f.dataset.fragmentIndex ?? `#${i}`));
    return count + 1 + steps.size;
  }, 0);
}

/** True once no finite CSS animation or transition runs on the page (slide transitions, auto-animate, morphs). */
export function animationsDone() {
  return document
    .getAnimations()
    .every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity);
}

/** True once every demo on the present slide has drawn or failed. */
export function demosSettled() {
  const slide = window.flowdeck.getCurrentSlide();
  return [...slide.querySelectorAll("[data-demo]")].every(
    (f) => f.dataset.demoState && f.dataset.demoState !== "computing"
  );
}

/**
 * What is wrong on the present slide: KaTeX errors, code panels that could not quote their source, demos that drew
 * nothing, demos working off their slide.
 */
export function inspectPresent() {
  const slide = window.flowdeck.getCurrentSlide();
  const label = `slide ${window.flowdeck.getIndices().h + 1}`;
  const demoProblem = (figure) => {
    const outputs = figure.querySelectorAll(":scope > .demo-output").length;
    if (outputs !== 1) return `has ${outputs} output boxes (mounted ${outputs === 0 ? "never" : "twice"})`;
    const error = figure.querySelector(".demo-error");
    if (error) return `shows an error: ${error.textContent}`;
    for (const canvas of figure.querySelectorAll("canvas")) {
      if (canvas.width === 0 || canvas.height === 0) continue;
      // Read a copy, never the demo's own canvas: repeated readbacks of one canvas make Chromium warn.
      const copy = document.createElement("canvas");
      [copy.width, copy.height] = [canvas.width, canvas.height];
      const context = copy.getContext("2d");
      context.drawImage(canvas, 0, 0);
      const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return null;
    }
    const svg = figure.querySelector(".demo-output svg");
    if (!svg) return "drew no SVG and no non-blank canvas";
    const box = svg.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return "drew an SVG of zero size";
    // Data marks only: axes, the frame and text labels do not count as drawing something (Plot's own names for its
    // groups, which the runtime moves from aria-label to data-mark: a demo whose label says "axis" still counts).
    const marks = [...svg.querySelectorAll("circle, path, rect, line, polyline, polygon, image")].filter(
      (mark) =>
        !mark.closest('g[data-mark*="axis"], g[data-mark="frame"], g[data-mark*="grid"], rect[data-mark="frame"]')
    );
    return marks.length === 0 ? "drew an empty SVG (no data marks)" : null;
  };
  // Nothing may stick out of the 1280×720 slide box (Reveal scales that box to the window; compare in its pixels).
  const box = document.querySelector(".reveal .slides").getBoundingClientRect();
  const scale = box.width / 1280;
  const clipped = (element) => {
    for (let e = element.parentElement; e && e !== slide; e = e.parentElement) {
      if (window.getComputedStyle(e).overflow !== "visible") return true;
    }
    return false;
  };
  const describe = (e) =>
    `${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? `.${e.className.trim().split(/\s+/).join(".")}` : ""}`;
  // SVG content counts through its <svg> element (thousands of marks need not be measured one by one).
  const sticking = new Map();
  for (const e of slide.querySelectorAll("*")) {
    if (e.ownerSVGElement || e.closest("aside.notes") || clipped(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const by = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom) / scale;
    if (by > 2) sticking.set(e, by);
  }
  // Report the outermost element that sticks out, not each of its children.
  const overflow = [...sticking]
    .filter(([e]) => !sticking.has(e.parentElement))
    .map(([e, by]) => `${label}: ${describe(e)} sticks out of the slide by ${Math.round(by)} px`);
  return {
    overflow,
    math: [...slide.querySelectorAll(".katex-error")].map((e) => `${label}: ${e.textContent} (${e.title})`),
    code: [...slide.querySelectorAll(".code-error")].map((e) => `${label}: code panel: ${e.textContent}`),
    demos: [...slide.querySelectorAll("[data-demo]")]
      .map((figure) => [figure.dataset.demo, demoProblem(figure)])
      .filter(([, problem]) => problem)
      .map(([id, problem]) => `${label}: demo ${id} ${problem}`),
    // A live demo off its slide must be paused: "computing" (no figure yet) or "running" (work or animation) is busy.
    busy: [...document.querySelectorAll('.slides [data-demo-state="computing"], .slides [data-demo-state="running"]')]
      .filter((figure) => !slide.contains(figure))
      .map(
        (figure) =>
          `${label}: demo ${figure.dataset.demo ?? figure.dataset.stage} still ${figure.dataset.demoState} off its slide`
      )
  };
}

/** Slides without speaker notes (every slide should have some). */
export function slidesWithoutNotes() {
  return window.flowdeck
    .getSlides()
    .map((slide, i) => [i + 1, slide.querySelector("aside.notes")?.textContent.trim() ?? ""])
    .filter(([, notes]) => notes === "")
    .map(([n]) => n);
}

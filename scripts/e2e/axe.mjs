// Accessibility in the end-to-end walk: axe-core (node_modules/axe-core) run on each slide of a deck at rest, with its
// fragments all shown and its demos drawn, and on the gallery pages. A serious or critical violation fails the walk,
// named by slide, rule and element; so does a demo figure without a text alternative.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Impacts that fail the walk (axe's "minor" and "moderate" are reported by axe itself, not here). */
const FAILING = ["serious", "critical"];

/**
 * Puts axe-core into `page` once. Evaluated through the DevTools protocol rather than a <script> tag: the built pages
 * forbid inline scripts (their Content-Security-Policy), and the walk must not add a violation of its own.
 */
async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe?.run === "function")) return;
  await page.evaluate(AXE_SOURCE);
}

/**
 * Runs in the page: axe on `root` (an element, or the document when null), then each failing violation as
 * "<rule> (<impact>) on <element>: <what is wrong>", and each demo figure under `root` whose frame has no text
 * alternative. `where` prefixes every line.
 */
async function audit({selector, where, failing}) {
  const root = selector === null ? window.flowdeck.getCurrentSlide() : document.querySelector(selector);
  const started = window.performance.now();
  // preload: false: no stylesheet fetches per run (they serve only a page-level rule, css-orientation-lock).
  const result = await window.axe.run(root, {resultTypes: ["violations"], preload: false});
  const ms = window.performance.now() - started;
  const lines = [];
  for (const rule of result.violations) {
    for (const node of rule.nodes) {
      if (!failing.includes(node.impact ?? rule.impact)) continue;
      const summary = (node.failureSummary ?? rule.help).replace(/\s+/g, " ").slice(0, 160);
      lines.push(`${where}: ${rule.id} (${node.impact ?? rule.impact}) on ${node.target.join(" ")}: ${summary}`);
    }
  }
  // The runtime labels each demo's frame with its `describe` text; a figure that drew must carry one.
  for (const figure of root.querySelectorAll("figure[data-demo]")) {
    if (figure.dataset.demoState === "error") continue;
    const frame = figure.querySelector(".demo-frame");
    if (!frame?.getAttribute("aria-label")?.trim()) {
      lines.push(`${where}: demo ${figure.dataset.demo} has no text alternative (describe)`);
    }
  }
  return {lines, ms};
}

/** Where the deck stands, for axe: the slide's id, whether all its fragments are shown. */
function slideAtRest() {
  const deck = window.flowdeck;
  const {h, v} = deck.getIndices();
  const slide = deck.getCurrentSlide();
  return {
    key: `${h}/${v}`,
    label: `slide ${h + 1}${v > 0 ? `.${v + 1}` : ""}${slide.id ? ` (#${slide.id})` : ""}`,
    allShown: !deck.availableFragments().next
  };
}

/**
 * Axe for one deck's walk. `visit()` is called on every step of the walk once the slide's demos have settled; it
 * runs axe on the current slide when the slide shows its last fragment state, once per slide. `check()` is the
 * walk's check: its problems, and the slides audited with axe's own time (what axe adds to the walk).
 */
export function axeOnSlides(page) {
  const done = new Set();
  const problems = [];
  let ms = 0;
  return {
    async visit() {
      const at = await page.evaluate(slideAtRest);
      if (!at.allShown || done.has(at.key)) return;
      done.add(at.key);
      await injectAxe(page);
      const result = await page.evaluate(audit, {selector: null, where: at.label, failing: FAILING});
      problems.push(...result.lines);
      ms += result.ms;
    },
    check() {
      return {
        name: "axe-core: no serious or critical violation on any slide, every demo has a text alternative",
        ok: problems.length === 0 && done.size > 0,
        detail:
          problems.length > 0
            ? `${problems.length} problems: ${problems.slice(0, 5).join("; ")}`
            : `${done.size} slides, axe ${(ms / 1000).toFixed(1)} s`
      };
    }
  };
}

/**
 * Runs axe on a whole page already loaded in `page` (the deck gallery, the demo gallery) and returns its check.
 * `selector` narrows it to one element ("body" for all of it).
 */
export async function axeOnPage(page, name, selector = "body") {
  await injectAxe(page);
  const {lines, ms} = await page.evaluate(audit, {selector, where: name, failing: FAILING});
  return {
    name: `axe-core: no serious or critical violation on the ${name}`,
    ok: lines.length === 0,
    detail:
      lines.length > 0 ? `${lines.length} problems: ${lines.slice(0, 5).join("; ")}` : `axe ${(ms / 1000).toFixed(1)} s`
  };
}

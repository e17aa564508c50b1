// Forking a lecture deck (issue 15, item 6): `npm run new-deck <slug> -- --from <deck>` copies a deck as the start of a
// new talk. The walk makes such a copy in a folder of its own, builds a site of it alone (FLOWDECK_DECKS), and opens it
// in Chromium: the copy carries its new title and every slide of its source, a deep link by id lands on its slide, and
// a demo there that starts from the shipped weights draws, with no console error or policy violation.
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync} from "node:fs";
import {join, relative} from "node:path";
import {demosSettled} from "./page.mjs";
import {check, watch} from "./watch.mjs";

/** The talk the walk starts: from the flagship deck, opened at a slide whose demo loads shipped weights. */
export const FORK = {slug: "my-talk", from: "04-flow-matching", slide: "sampling"};

const TIMEOUT = 90_000;

/**
 * Runs `npm run new-deck` (the script itself) into a new folder of decks; returns that folder, relative to the project
 * (the build reads decks from a folder of the project: FLOWDECK_DECKS). It lies under test/screenshots/, which git,
 * Prettier and ESLint ignore, and the caller removes it.
 */
export function makeFork({slug, from}) {
  mkdirSync(join("test", "screenshots"), {recursive: true});
  const decks = relative(process.cwd(), mkdtempSync(join("test", "screenshots", "fork-decks-")));
  const r = spawnSync("node", ["scripts/new-deck.mjs", slug, "--from", from], {
    stdio: "inherit",
    env: {...process.env, FLOWDECK_DECKS: decks}
  });
  if (r.status !== 0) throw new Error(`new-deck ${slug} --from ${from} failed (exit ${r.status})`);
  return decks;
}

/**
 * Opens the forked deck of a site built from the fork alone. `source` is the source deck's entry in the main build's
 * decks.json (its slide count is what the copy must have).
 */
export async function checkFork(context, url, decks, source, {slug, slide} = FORK) {
  const problems = [];
  const fork = decks.find((d) => d.slug === slug);
  if (!fork) return check(`a talk forked from ${source.slug} builds and opens`, [`no deck ${slug} in the build`]);
  if (fork.slideCount !== source.slideCount)
    problems.push(`${fork.slideCount} slides, its source has ${source.slideCount}`);
  if (fork.title === source.title) problems.push(`kept its source's title "${source.title}"`);
  const page = await context.newPage();
  watch(page, new URL(url).origin, problems);
  await page.goto(`${url}${fork.page.replace(/index\.html$/, "")}#/${slide}`);
  await page.waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: TIMEOUT});
  const shown = await page.evaluate(() => ({title: document.title, id: window.flowdeck.getCurrentSlide().id}));
  if (!shown.title.includes(fork.title)) problems.push(`page title "${shown.title}", not "${fork.title}"`);
  if (shown.id !== slide) problems.push(`#/${slide} opened #/${shown.id}`);
  await page.waitForFunction(demosSettled, null, {timeout: TIMEOUT}).catch(() => problems.push("demos never drew"));
  const states = await page.evaluate(() =>
    [...window.flowdeck.getCurrentSlide().querySelectorAll("[data-demo]")].map((f) => f.dataset.demoState)
  );
  if (states.length === 0 || states.some((s) => s === "error")) problems.push(`demo states: ${states.join(", ")}`);
  await page.close();
  return check(
    `a talk forked from ${source.slug} (new-deck --from) builds, keeps its ${source.slideCount} slides and runs`,
    problems,
    `${fork.title}, #/${slide}`
  );
}

// Checks the demo gallery (demos.html) of the build in Chromium: the deck gallery links to it, every card's demo
// draws once on screen and pauses once off it, a change in a card's form draws the demo again, every "used in" link
// opens a slide holding that demo, and `?only=` shows just the demos it names; axe-core finds no serious or critical
// violation once every card drew; no console error throughout.
import {axeOnPage} from "./axe.mjs";
import {check, watch} from "./watch.mjs";

const DEMO_TIMEOUT = 15000;

/** Runs in the page: what is wrong with a card's demo once it has settled (null when it drew something). */
function cardProblem(card) {
  const figure = card.querySelector("figure[data-demo]");
  const error = figure.querySelector(".demo-error");
  if (error) return `shows an error: ${error.textContent}`;
  const state = figure.dataset.demoState;
  if (state !== "drawn" && state !== "running") return `is ${state ?? "not mounted"}`;
  if (!figure.querySelector(".demo-output svg, .demo-output canvas")) return "drew no SVG and no canvas";
  if (!/render \d+(\.\d)? ms/.test(card.querySelector(".demo-card-status")?.textContent ?? "")) {
    return "shows no render time";
  }
  return null;
}

/** Runs in the page: true once the card's demo has drawn or failed. */
function cardSettled(key) {
  const state = document.getElementById(key)?.querySelector("figure[data-demo]")?.dataset.demoState;
  return state === "drawn" || state === "running" || state === "error";
}

/** Scrolls each card into view and waits for its demo; returns one problem per card that did not draw. */
async function drawEveryCard(page) {
  await page.waitForFunction(() => document.body.dataset.cards === "ready", null, {timeout: DEMO_TIMEOUT});
  const keys = await page.evaluate(() => [...document.querySelectorAll(".demo-card")].map((c) => c.id));
  const problems = [];
  for (const key of keys) {
    await page.evaluate((k) => document.getElementById(k).querySelector("figure").scrollIntoView(), key);
    const settled = await page
      .waitForFunction(cardSettled, key, {timeout: DEMO_TIMEOUT})
      .then(() => true)
      .catch(() => false);
    const problem = settled ? await page.locator(`[id="${key}"]`).evaluate(cardProblem) : "never drew";
    if (problem) problems.push(`${key} ${problem}`);
  }
  return {keys, problems};
}

/** Cards whose figure is off screen must be paused; those on screen must not be. */
async function pausedOffScreen(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const out = {off: 0, problems: []};
    for (const card of document.querySelectorAll(".demo-card")) {
      const figure = card.querySelector("figure");
      const box = figure.getBoundingClientRect();
      const onScreen = box.bottom > 0 && box.top < window.innerHeight;
      const state = figure.dataset.demoState;
      if (!onScreen) out.off++;
      if (!onScreen && state !== "paused") out.problems.push(`${card.id} is ${state} off screen`);
      if (onScreen && state === "paused") out.problems.push(`${card.id} is paused on screen`);
    }
    return out;
  });
}

/** Changes one option of the first card through its form and waits for the demo to draw again. */
async function changeOneOption(page) {
  const card = page.locator(".demo-card").first();
  await card.scrollIntoViewIfNeeded();
  await page.waitForFunction(cardSettled, await card.getAttribute("id"), {timeout: DEMO_TIMEOUT});
  const changed = await card.evaluate((element) => {
    element.querySelector(".demo-output").dataset.e2eOld = "true";
    const form = element.querySelector("form.demo-options");
    const seed = form.querySelector('input[name="seed"]');
    const select = form.querySelector("select");
    const box = form.querySelector('input[type="checkbox"]');
    const number = form.querySelector('input[type="number"]');
    let name;
    if (seed) [name, seed.value] = ["seed", String(Number(seed.value) + 1)];
    else if (select) {
      const other = [...select.options].find((o) => o.value !== select.value);
      if (other) [name, select.value] = [select.name, other.value];
    } else if (box) [name, box.checked] = [box.name, !box.checked];
    else if (number) {
      const next = Number(number.value) + (Number(number.step) || 1);
      if (number.max === "" || next <= Number(number.max)) [name, number.value] = [number.name, String(next)];
    }
    if (!name) return null;
    form.querySelector(`[name="${name}"]`).dispatchEvent(new window.Event("change", {bubbles: true}));
    return name;
  });
  if (!changed) return {problems: [], detail: "the first card has no option to change"};
  const redrawn = await page
    .waitForFunction(
      (key) => {
        const figure = document.getElementById(key).querySelector("figure");
        const output = figure.querySelector(".demo-output");
        const state = figure.dataset.demoState;
        return output && !output.dataset.e2eOld && (state === "drawn" || state === "running" || state === "error");
      },
      await card.getAttribute("id"),
      {timeout: DEMO_TIMEOUT}
    )
    .then(() => true)
    .catch(() => false);
  const problem = redrawn ? await card.evaluate(cardProblem) : "did not draw again";
  return {problems: problem ? [`after changing ${changed}: ${problem}`] : [], detail: `changed ${changed}`};
}

/** Opens every "used in" link and checks that the slide it opens holds the demo. */
async function followUses(context, page, origin, problems) {
  const links = await page.evaluate(() =>
    [...document.querySelectorAll(".demo-card")].flatMap((card) =>
      [...card.querySelectorAll(".demo-card-uses a")].map((a) => [card.querySelector("figure").dataset.demo, a.href])
    )
  );
  const wrong = [];
  const deck = await context.newPage();
  watch(deck, origin, problems);
  for (const [id, href] of links) {
    // Links into the same deck differ only by their hash: leave the page first, so that each one loads afresh.
    await deck.goto("about:blank");
    await deck.goto(href);
    const holds = await deck
      .waitForFunction(() => window.flowdeck?.isReady(), null, {timeout: DEMO_TIMEOUT})
      .then(() => deck.evaluate((d) => !!window.flowdeck.getCurrentSlide().querySelector(`[data-demo="${d}"]`), id))
      .catch(() => false);
    if (!holds) wrong.push(`${href} does not open a slide with ${id}`);
  }
  await deck.close();
  return {links: links.length, wrong};
}

/** Every check of the demo gallery at `url` (the site's root, ending with "/"). */
export async function checkDemoGallery(context, url) {
  const origin = new URL(url).origin;
  const problems = [];
  const checks = [];
  const page = await context.newPage();
  watch(page, origin, problems);

  await page.goto(url);
  const linked = await page.evaluate(() => [...document.querySelectorAll("a")].map((a) => a.href));
  checks.push(
    check("the deck gallery links to the demo gallery", linked.includes(url + "demos.html") ? [] : ["no link"])
  );

  await page.goto(url + "demos.html");
  const drawn = await drawEveryCard(page);
  const noCards = drawn.keys.length === 0 ? ["no cards"] : [];
  checks.push(
    check(
      "every card's demo draws, with its render time",
      [...noCards, ...drawn.problems],
      `${drawn.keys.length} cards`
    )
  );
  // Every card has drawn: its figure, text alternative and form are all there to check.
  checks.push(await axeOnPage(page, "demo gallery"));
  const paused = await pausedOffScreen(page);
  checks.push(
    check("a demo runs only while its card is on screen", paused.problems, `${paused.off} cards off screen, paused`)
  );
  const change = await changeOneOption(page);
  checks.push(check("changing an option in the form draws the demo again", change.problems, change.detail));
  const uses = await followUses(context, page, origin, problems);
  checks.push(check("every 'used in' link opens a slide with that demo", uses.wrong, `${uses.links} links`));

  const first = await page.evaluate(() => document.querySelector(".demo-card figure")?.dataset.demo);
  await page.goto(`${url}demos.html?only=${first}`);
  await page.waitForFunction(() => document.body.dataset.cards === "ready", null, {timeout: DEMO_TIMEOUT});
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll(".demo-card figure")].map((f) => f.dataset.demo)
  );
  checks.push(
    check(
      "?only=<id> shows just that demo",
      shown.length > 0 && shown.every((id) => id === first) ? [] : [`shows ${shown.join(", ") || "nothing"}`],
      `${shown.length} cards of ${first}`
    )
  );
  await page.close();
  checks.push(check("no console error or warning, page error, failed or off-origin request", problems));
  return checks;
}

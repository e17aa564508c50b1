import {afterEach, describe, expect, it, vi} from "vitest";
import {morphPlugin} from "../../../../slides/runtime/plugins/morph.ts";
import {fakeDeck} from "./fake-deck.ts";

const term = (mid: string) => `<span data-mid="${mid}">${mid}</span>`;

/** A synchronous stand-in for document.startViewTransition that records the names before and during the update. */
function stubViewTransitions() {
  const seen: {before: string[]; after: string[]}[] = [];
  const names = () =>
    Array.from(document.querySelectorAll<HTMLElement>("[data-mid], [data-stage]"))
      .map((e) => e.style.viewTransitionName)
      .filter(Boolean);
  const transitions: {skipped: boolean}[] = [];
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  Object.assign(document, {
    startViewTransition: (update: () => void) => {
      const before = names();
      update();
      seen.push({before, after: names()});
      // A transition that is skipped rejects `ready`, as browsers do.
      let rejectReady = (_: Error) => {};
      const ready = new Promise<void>((_, reject) => (rejectReady = reject));
      const transition = {finished, ready, skipped: false, skipTransition: () => {}};
      transition.skipTransition = () => {
        transition.skipped = true;
        rejectReady(new Error("Transition was skipped"));
      };
      transitions.push(transition);
      return transition;
    }
  });
  return {seen, names, finish, transitions};
}

afterEach(() => {
  delete (document as {startViewTransition?: unknown}).startViewTransition;
  vi.unstubAllGlobals();
});

describe("morphPlugin", () => {
  it("replays a change between slides sharing data-mid ids inside a view transition, naming one slide at a time", async () => {
    const {seen, names, finish} = stubViewTransitions();
    const {deck, fire} = fakeDeck([term("a") + term("b"), term("a") + term("c")]);
    morphPlugin().init!(deck);
    const event = fire("beforeslidechange", {indexh: 1, indexv: 0});
    expect(event.defaultPrevented).toBe(true);
    expect(deck.getIndices().h).toBe(1);
    expect(seen).toEqual([{before: ["fd-morph-a"], after: ["fd-morph-a"]}]);
    const named = document.querySelector<HTMLElement>("section:nth-child(2) [data-mid=a]")!;
    expect(named.style.viewTransitionName).toBe("fd-morph-a");
    finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(names()).toEqual([]);
  });

  it("skips a morph still playing when the next change comes, and a skipped morph is no error", async () => {
    const {transitions} = stubViewTransitions();
    const {deck, fire} = fakeDeck([term("a"), term("a"), term("a")]);
    morphPlugin().init!(deck);
    fire("beforeslidechange", {indexh: 1, indexv: 0});
    fire("beforeslidechange", {indexh: 2, indexv: 0});
    expect(deck.getIndices().h).toBe(2);
    expect(transitions.map((t) => t.skipped)).toEqual([true, false]);
    // An unhandled rejection would fail this test run.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it("lets Reveal change slides normally when no id is shared", () => {
    const {seen} = stubViewTransitions();
    const {deck, fire} = fakeDeck([term("a"), term("b")]);
    morphPlugin().init!(deck);
    expect(fire("beforeslidechange", {indexh: 1, indexv: 0}).defaultPrevented).toBe(false);
    expect(seen).toEqual([]);
  });

  it("does nothing under prefers-reduced-motion or without the View Transitions API", () => {
    const {seen} = stubViewTransitions();
    vi.stubGlobal("matchMedia", (query: string) => ({matches: query.includes("reduce")}));
    const {deck, fire} = fakeDeck([term("a"), term("a")]);
    morphPlugin().init!(deck);
    expect(fire("beforeslidechange", {indexh: 1, indexv: 0}).defaultPrevented).toBe(false);
    expect(seen).toEqual([]);
    vi.unstubAllGlobals();
    delete (document as {startViewTransition?: unknown}).startViewTransition;
    const second = fakeDeck([term("a"), term("a")]);
    morphPlugin().init!(second.deck);
    expect(second.fire("beforeslidechange", {indexh: 1, indexv: 0}).defaultPrevented).toBe(false);
  });

  it("morphs a stage's figure: named on the present slide only, the demo moved by slidechanged inside the update", () => {
    const {seen, names} = stubViewTransitions();
    const stage = `<figure data-stage="hero"></figure>`;
    const {deck, fire} = fakeDeck([stage + term("a"), "<p>x</p>" + stage]);
    morphPlugin().init!(deck);
    const moves: string[] = [];
    deck.on("slidechanged", () => moves.push(names().join()));
    expect(fire("beforeslidechange", {indexh: 1, indexv: 0}).defaultPrevented).toBe(true);
    // During the update Reveal's slidechanged ran (the demos plugin's moveTo) with no name set anywhere.
    expect(moves).toEqual([""]);
    expect(seen).toEqual([{before: ["fd-stage-hero"], after: ["fd-stage-hero"]}]);
    const second = document.querySelector<HTMLElement>("section:nth-child(2) figure")!;
    expect(second.style.viewTransitionName).toBe("fd-stage-hero");
  });

  it("fades a stage figure in where View Transitions are missing, and cuts under reduced motion", () => {
    const animated: Element[] = [];
    const animate = vi.fn(function (this: Element) {
      animated.push(this);
    });
    Object.assign(HTMLElement.prototype, {animate});
    const stage = `<figure data-stage="hero"></figure>`;
    const {deck, go} = fakeDeck([stage, stage, "<p>x</p>"]);
    morphPlugin().init!(deck);
    go(1);
    expect(animated).toEqual([document.querySelectorAll("figure")[1]]);
    go(2);
    expect(animated).toHaveLength(1);
    vi.stubGlobal("matchMedia", (query: string) => ({matches: query.includes("reduce")}));
    const still = fakeDeck([stage, stage]);
    morphPlugin().init!(still.deck);
    still.go(1);
    expect(animated).toHaveLength(1);
    delete (HTMLElement.prototype as {animate?: unknown}).animate;
  });
});

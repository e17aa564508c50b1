import {afterEach, describe, expect, it, vi} from "vitest";
import {morphPlugin} from "../../../../slides/runtime/plugins/morph.ts";
import {fakeDeck} from "./fake-deck.ts";

const term = (mid: string) => `<span data-mid="${mid}">${mid}</span>`;

/** A synchronous stand-in for document.startViewTransition that records the names before and during the update. */
function stubViewTransitions() {
  const seen: {before: string[]; after: string[]}[] = [];
  const names = () =>
    Array.from(document.querySelectorAll<HTMLElement>("[data-mid]"))
      .map((e) => e.style.viewTransitionName)
      .filter(Boolean);
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  Object.assign(document, {
    startViewTransition: (update: () => void) => {
      const before = names();
      update();
      seen.push({before, after: names()});
      return {finished};
    }
  });
  return {seen, names, finish};
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
});

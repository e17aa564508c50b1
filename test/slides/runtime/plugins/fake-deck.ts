import type {RevealApi} from "reveal.js";

/**
 * Just enough of Reveal for the plugins: horizontal slides in `.reveal .slides`, events, current slide,
 * indices, viewDistance and layout. `go(h)` moves like Reveal does and fires `slidechanged` (synchronously, with
 * `previousSlide` and `currentSlide`); `fragment(element)` shows a fragment and fires `fragmentshown`.
 */
export function fakeDeck(slides: string[], {viewDistance = 3, speakerNotes = false} = {}) {
  document.body.innerHTML = `<div class="reveal"><div class="slides">${slides.map((s) => `<section>${s}</section>`).join("")}</div></div>`;
  const listeners = new Map<string, ((event: Event) => void)[]>();
  let current = 0;
  let layouts = 0;
  let overview = false;
  const sections = () => Array.from(document.querySelectorAll<HTMLElement>(".reveal .slides > section"));
  const deck = {
    on: (type: string, fn: (event: Event) => void) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
    getRevealElement: () => document.querySelector<HTMLElement>(".reveal"),
    getSlidesElement: () => document.querySelector<HTMLElement>(".reveal .slides"),
    getCurrentSlide: () => sections()[current],
    getSlide: (h: number) => sections()[h],
    getIndices: (slide?: HTMLElement) => ({h: slide ? sections().indexOf(slide) : current, v: 0, f: -1}),
    getConfig: () => ({viewDistance}),
    isSpeakerNotes: () => speakerNotes,
    isOverview: () => overview,
    layout: () => void layouts++,
    slide: (h: number) => {
      const previousSlide = sections()[current];
      current = h;
      fire("slidechanged", {previousSlide, currentSlide: sections()[h]});
    }
  };
  function fire(type: string, data: object = {}): Event {
    const event = Object.assign(new Event(type, {cancelable: true}), data);
    for (const fn of listeners.get(type) ?? []) fn(event);
    return event;
  }
  return {
    deck: deck as unknown as RevealApi,
    fire,
    go: (h: number) => deck.slide(h),
    layouts: () => layouts,
    /** Opens or closes the overview (closing fires `overviewhidden`). */
    overview: (on: boolean) => {
      overview = on;
      if (!on) fire("overviewhidden");
    },
    /** Shows (or hides) a fragment of the current slide as Reveal does, with its event. */
    fragment: (element: Element, shown = true) => {
      element.classList.toggle("visible", shown);
      fire(shown ? "fragmentshown" : "fragmenthidden", {fragment: element});
    },
    /** Rebuilds the slides' DOM from its HTML, as Reveal's scroll view does, then fires `sync`. */
    rebuild: () => {
      const slidesElement = document.querySelector(".reveal .slides")!;
      const html = slidesElement.innerHTML;
      slidesElement.innerHTML = html;
      fire("sync");
    }
  };
}

import type {RevealApi, RevealPlugin} from "reveal.js";

/** Reveal 6 has these at runtime but not in its types. */
type ScrollAwareDeck = RevealApi & {isScrollView(): boolean};

/**
 * Slide indices of a deep link `#/h`, `#/h/v`, `#/h/v/f` or `#/slide-id`, as Reveal writes them. A slide id is looked
 * up with `byId` and read from the `data-index-h`/`data-index-v` marks that the scroll view puts on every slide.
 */
export function linkedIndices(hash: string, byId: (id: string) => Element | null): {h: number; v: number} | undefined {
  const parts = hash.replace(/^#\/?/, "").split("/");
  const head = parts[0] ?? "";
  if (head === "") return undefined;
  const index = (text: string | null | undefined) => (text && /^\d+$/.test(text) ? Number(text) : undefined);
  const h = index(head);
  if (h !== undefined) return {h, v: index(parts[1]) ?? 0};
  const slide = byId(decodeURIComponent(head))?.closest("section");
  const sh = index(slide?.getAttribute("data-index-h"));
  return sh === undefined ? undefined : {h: sh, v: index(slide?.getAttribute("data-index-v")) ?? 0};
}

/**
 * Where the scroll view shows a slide: its page's top plus one viewport height per earlier slide sharing the page
 * (Reveal puts the slides of an auto-animate run on one page, each a viewport height further down).
 */
export function scrollTopOf(slide: Element, viewportHeight: number): number | undefined {
  const content = slide.closest(".scroll-page-content");
  const page = slide.closest<HTMLElement>(".scroll-page");
  if (!content || !page) return undefined;
  return page.offsetTop + [...page.querySelectorAll(".scroll-page-content")].indexOf(content) * viewportHeight;
}

/**
 * Deep links on phones. Below 435 px Reveal switches to its scroll view, which (in 6.0.2) drops the slide of the URL
 * while it builds its pages, and whose own scroll to a slide lands a page early after an auto-animate run (it maps
 * slides to scroll ranges as if every slide had a page of its own). Measured in Chromium at 390×800: `#/6` opened
 * slide 1, and `deck.slide(5)` slide 5. Once the deck is ready, this scrolls to the linked slide's page itself (one
 * pixel in, so that rounding cannot put it on the page before); Reveal's scroll handler then makes it current.
 */
export function scrollLinksPlugin(): RevealPlugin {
  return {
    id: "scroll-links",
    init(revealDeck: RevealApi) {
      const deck = revealDeck as ScrollAwareDeck;
      const hash = location.hash;
      deck.on("ready", () => {
        const viewport = deck.getViewportElement();
        if (!deck.isScrollView() || !viewport) return;
        const target = linkedIndices(hash, (id) => document.getElementById(id));
        // getSlide() finds nothing once the scroll view has moved the slides into pages; it marks them instead.
        const selector = target && `.scroll-page section[data-index-h="${target.h}"][data-index-v="${target.v}"]`;
        const slide = selector ? document.querySelector(selector) : null;
        const top = slide ? scrollTopOf(slide, viewport.clientHeight) : undefined;
        if (top !== undefined) viewport.scrollTop = top + 1;
      });
    }
  };
}

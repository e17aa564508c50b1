import type {Deck} from "./decks.ts";

/** Where a deck uses a demo: the deck, the slide's indices, and a link to that slide relative to the site's root. */
export interface DemoUse {
  slug: string;
  title: string;
  h: number;
  v: number;
  /** `./slides/<slug>/#/<h>/<v>`: relative, so the site works from a sub-path. */
  href: string;
}

/** Id of the `<script type="application/json">` block that carries every demo's uses into demos.html. */
export const DEMO_USES_ID = "flowdeck-demo-uses";

const TAG = /<!--[\s\S]*?-->|<(\/?)section\b[^>]*>|<[^>]*\bdata-demo\s*=\s*"([^"]*)"[^>]*>/gi;

/**
 * The slides of one deck's HTML that embed each demo (`data-demo="<id>"`), as horizontal and vertical indices in the
 * order Reveal numbers them: a top-level section is one horizontal slide; sections nested in it are its vertical ones.
 */
export function demoSlides(html: string): Map<string, {h: number; v: number}[]> {
  const uses = new Map<string, {h: number; v: number}[]>();
  let depth = 0;
  let h = -1;
  let v = 0;
  let nested = 0;
  for (const match of html.matchAll(TAG)) {
    const [tag, closing, demo] = match;
    if (tag.startsWith("<!--")) continue;
    if (demo !== undefined) {
      const list = uses.get(demo) ?? [];
      if (!list.some((s) => s.h === h && s.v === v)) list.push({h, v});
      uses.set(demo, list);
    } else if (closing) depth--;
    else if (++depth === 1) [h, v, nested] = [h + 1, 0, 0];
    else if (depth === 2) v = nested++;
  }
  return uses;
}

/** Every demo id used by the decks, with where; the demo gallery links each demo to these slides. */
export function demoUses(decks: readonly {deck: Deck; html: string}[]): Record<string, DemoUse[]> {
  const out: Record<string, DemoUse[]> = {};
  for (const {deck, html} of decks) {
    for (const [demo, slides] of demoSlides(html)) {
      const page = `./${deck.page.replace(/index\.html$/, "")}`;
      for (const {h, v} of slides) {
        (out[demo] ??= []).push({slug: deck.slug, title: deck.title, h, v, href: `${page}#/${h}/${v}`});
      }
    }
  }
  return out;
}

/** The uses as a JSON data block for a page (`<` escaped, so no text in a deck can close the script early). */
export function demoUsesScript(uses: Readonly<Record<string, DemoUse[]>>): string {
  const json = JSON.stringify(uses).replace(/</g, "\\u003c");
  return `<script type="application/json" id="${DEMO_USES_ID}">${json}</script>`;
}

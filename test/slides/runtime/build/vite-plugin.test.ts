import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readDeck} from "../../../../slides/runtime/build/decks.ts";
import {deckPage, galleryCards} from "../../../../slides/runtime/build/vite-plugin.ts";

function makeDeck(slides: string, meta = {title: "T <1>", subtitle: "S"}) {
  const root = mkdtempSync(join(tmpdir(), "page-"));
  mkdirSync(join(root, "slides", "talk"), {recursive: true});
  writeFileSync(join(root, "slides", "talk", "deck.json"), JSON.stringify(meta));
  writeFileSync(join(root, "slides", "talk", "slides.html"), slides);
  return readDeck(root, "slides", "talk");
}

describe("deckPage", () => {
  it("fills the shared template: escaped title, typeset slides inside .reveal .slides, the shared entry script", () => {
    const warnings: string[] = [];
    const html = deckPage(makeDeck("<section><p>$x$</p></section>"), (m) => warnings.push(m));
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.title).toBe("T <1>");
    expect(doc.querySelectorAll(".reveal > .slides > section")).toHaveLength(1);
    expect(doc.querySelector(".slides .katex")).not.toBeNull();
    expect(doc.querySelector('script[type="module"]')?.getAttribute("src")).toBe("/slides/runtime/main.ts");
    expect(doc.querySelector('link[rel="icon"]')).not.toBeNull();
    expect(warnings).toEqual([]);
  });

  it("warns once per malformed formula and still produces the page", () => {
    const warnings: string[] = [];
    const html = deckPage(makeDeck("<section>$\\frac{$ and $\\sqrt{$</section>"), (m) => warnings.push(m));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^talk: /);
    expect(html.match(/class="katex-error"/g)).toHaveLength(2);
  });
});

describe("galleryCards", () => {
  it("links every deck relatively, with its title, subtitle and slide count", () => {
    const deck = makeDeck("<section>a</section><section>b</section>");
    const doc = new DOMParser().parseFromString(galleryCards([deck]), "text/html");
    const card = doc.querySelector("a.deck-card")!;
    expect(card.getAttribute("href")).toBe("./slides/talk/");
    expect(card.querySelector(".deck-card-title")?.textContent).toBe("T <1>");
    expect(card.querySelector(".deck-card-count")?.textContent).toBe("2 slides");
  });

  it("shows the title slide's thumbnail on the cards of decks that have one", () => {
    const deck = makeDeck("<section>a</section>");
    const parse = (html: string) => new DOMParser().parseFromString(html, "text/html");
    expect(parse(galleryCards([deck])).querySelector("img")).toBeNull();
    const image = parse(galleryCards([deck], (slug) => slug === "talk")).querySelector("a.deck-card > img")!;
    expect(image.getAttribute("src")).toBe("./thumbnails/talk.jpg");
    expect([image.getAttribute("width"), image.getAttribute("height")]).toEqual(["480", "270"]);
  });

  it("says how to start a deck when there is none", () => {
    expect(galleryCards([])).toContain("npm run new-deck");
  });
});

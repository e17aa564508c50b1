import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {countSlides, findDecks, SLUG} from "../../../../slides/runtime/build/decks.ts";

function deck(root: string, slug: string, meta: object, slides = "<section>a</section>") {
  mkdirSync(join(root, "slides", slug), {recursive: true});
  writeFileSync(join(root, "slides", slug, "deck.json"), JSON.stringify(meta));
  writeFileSync(join(root, "slides", slug, "slides.html"), slides);
}

describe("countSlides", () => {
  it("counts leaf sections: a vertical stack counts its children, not itself", () => {
    expect(countSlides("<section>a</section><section><section>b</section><section>c</section></section>")).toBe(3);
    expect(countSlides("<section data-auto-animate>a</section>\n<section class='x'>b</section>")).toBe(2);
    expect(countSlides("<!-- <section>x</section> --><section>a</section>")).toBe(1);
    expect(countSlides("")).toBe(0);
  });
});

describe("findDecks", () => {
  it("finds every folder with slides.html and deck.json, sorted, skipping runtime and incomplete folders", () => {
    const root = mkdtempSync(join(tmpdir(), "decks-"));
    deck(root, "b-talk", {title: "B", subtitle: "sub"}, "<section>1</section><section>2</section>");
    deck(root, "a-talk", {title: "A"});
    deck(root, "runtime", {title: "R"});
    mkdirSync(join(root, "slides", "empty"));
    const decks = findDecks(root);
    expect(decks.map((d) => d.slug)).toEqual(["a-talk", "b-talk"]);
    expect(decks[1]).toMatchObject({title: "B", subtitle: "sub", slideCount: 2, page: "slides/b-talk/index.html"});
  });

  it("throws a clear error for a deck.json without a title", () => {
    const root = mkdtempSync(join(tmpdir(), "decks-"));
    deck(root, "x", {subtitle: "no title"});
    expect(() => findDecks(root)).toThrow(/missing title in .*deck\.json/);
  });
});

describe("SLUG", () => {
  it("accepts lowercase words joined by single hyphens and nothing else", () => {
    for (const ok of ["template", "demo-talk", "04-flow-matching"]) expect(SLUG.test(ok)).toBe(true);
    for (const bad of ["Demo", "a_b", "-a", "a-", "a--b", "a/b", "..", ""]) expect(SLUG.test(bad)).toBe(false);
  });
});

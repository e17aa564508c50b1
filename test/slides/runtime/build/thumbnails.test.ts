import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {findDecks} from "../../../../slides/runtime/build/decks.ts";
import {readThumbnail, titleSlideHtml, titleSlideKey} from "../../../../slides/runtime/build/thumbnails.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");

describe("gallery thumbnails", () => {
  it("every deck has a picture of its title slide as it is now (else: npm run thumbnails)", () => {
    const stale = findDecks(ROOT).flatMap((deck) => {
      const thumbnail = readThumbnail(ROOT, deck.slug);
      const key = titleSlideKey(readFileSync(join(deck.dir, "slides.html"), "utf8"), deck);
      if (!thumbnail) return [`${deck.slug} has no thumbnail`];
      return thumbnail.key === key ? [] : [`${deck.slug}'s title slide changed since its thumbnail was made`];
    });
    expect(stale, "run `npm run thumbnails` and commit public/thumbnails/").toEqual([]);
  });

  it("keys the first slide and the deck's title: another slide or a comment does not change it", () => {
    const meta = {title: "T", subtitle: "S"};
    const html = `<!-- a comment --><section><h1>Title</h1></section>\n<section><h2>Two</h2></section>`;
    expect(titleSlideHtml(html)).toBe("<section><h1>Title</h1></section>");
    const key = titleSlideKey(html, meta);
    expect(titleSlideKey(html.replace("Two", "Second"), meta)).toBe(key);
    expect(titleSlideKey(html.replace("a comment", "another"), meta)).toBe(key);
    expect(titleSlideKey(html.replace("Title", "Other"), meta)).not.toBe(key);
    expect(titleSlideKey(html, {...meta, subtitle: "changed"})).not.toBe(key);
  });
});

import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {DeckMeta} from "./decks.ts";

/**
 * Gallery thumbnails: a picture of each deck's title slide, `public/thumbnails/<slug>.jpg`, made by
 * `npm run thumbnails` (scripts/thumbnails.mjs renders the slide in Chromium) next to `<slug>.json`, which records the
 * key of the title slide it shows. A test compares that key with the deck's, so a changed title slide cannot keep
 * an old picture unnoticed.
 */
export const THUMBNAIL_DIR = join("public", "thumbnails");

/** Width and height of a thumbnail: three eighths of the 1280×720 slide. */
export const THUMBNAIL_SIZE = [480, 270] as const;

/** The deck's first slide as written: the first `<section>` up to its first `</section>`, comments left out. */
export function titleSlideHtml(slidesHtml: string): string {
  const html = slidesHtml.replace(/<!--[\s\S]*?-->/g, "");
  const start = html.search(/<section\b/i);
  if (start < 0) return "";
  const end = html.slice(start).search(/<\/section>/i);
  return end < 0 ? html.slice(start) : html.slice(start, start + end + "</section>".length);
}

/** What the thumbnail depends on: the title slide's HTML and the deck's title and subtitle, as a short hash. */
export function titleSlideKey(slidesHtml: string, meta: DeckMeta): string {
  const hash = createHash("sha256");
  hash.update(
    JSON.stringify([titleSlideHtml(slidesHtml).replace(/\s+/g, " ").trim(), meta.title, meta.subtitle ?? ""])
  );
  return hash.digest("hex").slice(0, 16);
}

/** The thumbnail of a deck and the key it was made for, when `npm run thumbnails` made one. */
export function readThumbnail(root: string, slug: string): {image: string; key: string} | undefined {
  const image = join(root, THUMBNAIL_DIR, `${slug}.jpg`);
  const record = join(root, THUMBNAIL_DIR, `${slug}.json`);
  if (!existsSync(image) || !existsSync(record)) return undefined;
  const {key} = JSON.parse(readFileSync(record, "utf8")) as {key?: unknown};
  return typeof key === "string" ? {image, key} : undefined;
}

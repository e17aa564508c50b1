import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {readSlides} from "./partials.ts";

/** A deck's metadata file, `<deck>/deck.json`. */
export interface DeckMeta {
  title: string;
  subtitle?: string;
}

/** One deck found on disk: a folder holding `slides.html` (the content) and `deck.json` (the metadata). */
export interface Deck extends DeckMeta {
  /** Folder name, also the URL segment: `slides/<slug>/`. */
  slug: string;
  /** Absolute path of the deck folder. */
  dir: string;
  /** Path of the deck's page relative to the project root, e.g. `slides/template/index.html`. */
  page: string;
  /** Number of slides a viewer walks through (vertical stacks count their children, not the stack). */
  slideCount: number;
}

/** Deck folder names: lowercase words joined by single hyphens, e.g. `flow-matching` or `04-flow-matching`. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Folders under the decks directory that are not decks. */
const RESERVED = new Set(["runtime"]);

/** Counts the slides in a deck's HTML: every `<section>` that has no `<section>` inside it. */
export function countSlides(html: string): number {
  const tags = html.replace(/<!--[\s\S]*?-->/g, "").match(/<\/?section\b/gi) ?? [];
  let leaves = 0;
  let previousWasOpening = false;
  for (const tag of tags) {
    const closing = tag[1] === "/";
    if (closing && previousWasOpening) leaves++;
    previousWasOpening = !closing;
  }
  return leaves;
}

function readMeta(file: string): DeckMeta {
  const meta: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof meta !== "object" || meta === null) throw new Error(`invalid deck metadata: ${file}`);
  const {title, subtitle} = meta as Record<string, unknown>;
  if (typeof title !== "string" || title === "") throw new Error(`missing title in ${file}`);
  if (subtitle !== undefined && typeof subtitle !== "string") throw new Error(`invalid subtitle in ${file}`);
  return {title, subtitle};
}

/** Reads one deck folder; `decksDir` is relative to `root`. */
export function readDeck(root: string, decksDir: string, slug: string): Deck {
  const dir = join(root, decksDir, slug);
  const meta = readMeta(join(dir, "deck.json"));
  const slideCount = countSlides(readSlides(dir).html);
  return {...meta, slug, dir, page: `${decksDir}/${slug}/index.html`, slideCount};
}

/** Every deck under `root/decksDir`, sorted by slug (prefix slugs with numbers to order a lecture series). */
export function findDecks(root: string, decksDir = "slides"): Deck[] {
  const base = join(root, decksDir);
  return readdirSync(base)
    .filter((name) => !RESERVED.has(name) && SLUG.test(name) && statSync(join(base, name)).isDirectory())
    .filter((name) => existsSync(join(base, name, "slides.html")) && existsSync(join(base, name, "deck.json")))
    .sort()
    .map((slug) => readDeck(root, decksDir, slug));
}

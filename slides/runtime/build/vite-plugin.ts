import {existsSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import type {Plugin, ViteDevServer} from "vite";
import {findDecks, readDeck, SLUG, type Deck} from "./decks.ts";
import {renderCode} from "./code.ts";
import {withCsp} from "./csp.ts";
import {demoUses, demoUsesScript} from "./demo-uses.ts";
import {renderMath} from "./math.ts";
import {readSlides} from "./partials.ts";
import {writeServiceWorker} from "./service-worker.ts";
import {readThumbnail, THUMBNAIL_SIZE} from "./thumbnails.ts";

/** Options of the {@link flowdeck} Vite plugin. */
export interface FlowdeckOptions {
  /** Folder (relative to the Vite root) whose sub-folders are decks; default `slides`. */
  decksDir?: string;
}

/** Where the gallery (`index.html`) wants its list of decks. */
const GALLERY_MARKER = "<!--flowdeck:decks-->";
/** The speaker view (slides/runtime/speaker.ts): one page for the whole site, given a deck by `?deck=`. */
const SPEAKER_PAGE = "slides/runtime/speaker.html";
/** Where the demo gallery (`demos.html`) wants the slides that use each demo. */
const DEMO_USES_MARKER = "<!--flowdeck:demo-uses-->";
const TEMPLATE = join(import.meta.dirname, "..", "page.html");

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Options of {@link deckPage}. */
export interface DeckPageOptions {
  /** Project root, against which code panels resolve `data-source` paths; default the working directory. */
  root?: string;
  /** Called with the absolute path of each source file the deck's code panels quote (to watch it). */
  onSource?: (file: string) => void;
}

/**
 * The page of one deck: the shared template filled with the deck's metadata and its content, math typeset and code
 * panels highlighted. Math goes first: it leaves `<pre>` alone, and the quoted code is put in after it, so a `$` in
 * code is never typeset.
 */
export function deckPage(deck: Deck, warn: (message: string) => void, options: DeckPageOptions = {}): string {
  const content = readSlides(deck.dir);
  const math = renderMath(content.html);
  const code = renderCode(math.html, {root: options.root ?? process.cwd()});
  for (const error of [...content.errors, ...math.errors, ...code.errors]) warn(`${deck.slug}: ${error}`);
  for (const file of [...content.files, ...code.files]) options.onSource?.(file);
  const html = code.html;
  const fields: Record<string, string> = {
    // The site's root seen from the page (`slides/<slug>/index.html` → `../../`), for the offline cache's worker.
    root: "../".repeat(deck.page.split("/").length - 1),
    title: escapeHtml(deck.title),
    subtitle: escapeHtml(deck.subtitle ?? ""),
    slides: html
  };
  return readFileSync(TEMPLATE, "utf8").replace(/\{\{(\w+)\}\}/g, (match, key: string) => fields[key] ?? match);
}

/**
 * The gallery's cards, one per deck, linking with relative URLs so the site works from any sub-path; a deck with a
 * thumbnail (thumbnails.ts) shows its title slide on the card (`withThumbnail` says which do).
 */
export function galleryCards(decks: readonly Deck[], withThumbnail: (slug: string) => boolean = () => false): string {
  if (decks.length === 0) return `<p class="empty">No decks yet: run <code>npm run new-deck my-talk</code>.</p>`;
  const [width, height] = THUMBNAIL_SIZE;
  const cards = decks.map(
    (d) =>
      `<li><a class="deck-card" href="./${d.page.replace(/index\.html$/, "")}" data-slug="${d.slug}">` +
      (withThumbnail(d.slug)
        ? `<img class="deck-card-image" src="./thumbnails/${d.slug}.jpg" alt="" width="${width}" height="${height}">`
        : "") +
      `<span class="deck-card-title">${escapeHtml(d.title)}</span>` +
      `<span class="deck-card-subtitle">${escapeHtml(d.subtitle ?? "")}</span>` +
      `<span class="deck-card-count">${d.slideCount} slide${d.slideCount === 1 ? "" : "s"}</span></a></li>`
  );
  return `<ul class="deck-list">${cards.join("")}</ul>`;
}

/** The data block of the demo gallery: for each demo id, the deck slides that embed it (read from their content). */
export function demoUsesBlock(decks: readonly Deck[]): string {
  return demoUsesScript(demoUses(decks.map((deck) => ({deck, html: readSlides(deck.dir).html}))));
}

/**
 * Multi-deck pages from one template: every `<decksDir>/<slug>/` with `slides.html` + `deck.json` becomes the page
 * `<decksDir>/<slug>/index.html` (in dev and in the build), is listed in the gallery, and in `decks.json` of the build.
 * The demo gallery `demos.html` (when the project has one) is a page of the build too, given where decks use each demo.
 */
export function flowdeck({decksDir = "slides"}: FlowdeckOptions = {}): Plugin {
  let root = process.cwd();
  const pageOf = (id: string) => {
    const match = new RegExp(`^/${decksDir}/([^/]+)(?:/|/index\\.html)?$`).exec(id.replace(root, "").split("?")[0]!);
    return match && SLUG.test(match[1]!) ? match[1]! : undefined;
  };
  const decks = () => findDecks(root, decksDir);
  // Source files quoted by code panels: a change to one reloads the deck pages in the dev server.
  const quoted = new Set<string>();

  async function serveDeck(server: ViteDevServer, url: string, slug: string): Promise<string> {
    const deck = readDeck(root, decksDir, slug);
    return server.transformIndexHtml(
      url,
      deckPage(deck, (m) => server.config.logger.warn(m), {
        root,
        onSource: (file) => {
          quoted.add(file);
          server.watcher.add(file);
        }
      })
    );
  }

  let outDir: string | undefined;
  return {
    name: "flowdeck",
    enforce: "pre",
    configResolved(config) {
      outDir = config.command === "build" ? resolve(config.root, config.build.outDir) : undefined;
    },
    // Last, once every file of the site is written (public files included): the offline cache's worker lists them.
    closeBundle() {
      if (outDir && existsSync(outDir)) writeServiceWorker(outDir);
    },
    config(config) {
      root = resolve(config.root ?? process.cwd());
      const input: Record<string, string> = {index: join(root, "index.html")};
      if (existsSync(join(root, "demos.html"))) input.demos = join(root, "demos.html");
      if (existsSync(join(root, SPEAKER_PAGE))) input.speaker = join(root, SPEAKER_PAGE);
      for (const deck of decks()) input[`deck-${deck.slug}`] = join(root, deck.page);
      return {build: {rolldownOptions: {input}}};
    },
    resolveId(id) {
      return pageOf(id) && id.endsWith(".html") ? resolve(root, "." + id.replace(root, "")) : null;
    },
    load(id) {
      const slug = id.endsWith(".html") ? pageOf(id) : undefined;
      if (!slug) return null;
      const onSource = (file: string) => this.addWatchFile(file);
      return deckPage(readDeck(root, decksDir, slug), (m) => this.warn(m), {root, onSource});
    },
    transformIndexHtml(html) {
      if (html.includes(GALLERY_MARKER))
        html = html.replace(GALLERY_MARKER, () => galleryCards(decks(), (slug) => Boolean(readThumbnail(root, slug))));
      if (html.includes(DEMO_USES_MARKER)) html = html.replace(DEMO_USES_MARKER, () => demoUsesBlock(decks()));
      // Every page of the site, in the build and the dev server, under the same strict policy (csp.ts).
      return withCsp(html);
    },
    generateBundle() {
      const list = decks().map(({slug, title, subtitle, page, slideCount}) => ({
        slug,
        title,
        subtitle,
        page,
        slideCount
      }));
      this.emitFile({type: "asset", fileName: "decks.json", source: JSON.stringify(list, null, 2) + "\n"});
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? "/";
        const slug = pageOf(url);
        if (!slug || !decks().some((d) => d.slug === slug)) return next();
        if (!/(\/|\/index\.html)$/.test(url.split("?")[0]!)) {
          res.writeHead(302, {location: url.replace(/^([^?]*)/, "$1/")}).end();
          return;
        }
        serveDeck(server, url, slug).then(
          (html) => res.writeHead(200, {"content-type": "text/html"}).end(html),
          (error: unknown) => next(error)
        );
      });
      // Deck content is not a module, so Vite does not watch it: reload the page when it changes.
      server.watcher.add(join(root, decksDir));
      server.watcher.on("change", (file) => {
        if (/(slides\.html|deck\.json|page\.html)$/.test(file) || quoted.has(resolve(file))) {
          server.ws.send({type: "full-reload"});
        }
      });
    }
  };
}

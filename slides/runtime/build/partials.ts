import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";

/** Where shared slides live: `slides/runtime/partials/<name>.html`. */
export const PARTIALS_DIR = join(import.meta.dirname, "..", "partials");

const INCLUDE = /<!--\s*include:\s*([^\s]*)\s*-->/g;
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A deck's content with its includes expanded. */
export interface DeckContent {
  html: string;
  /** One line per include that could not be expanded (it shows as a visible box on the page). */
  errors: string[];
  /** Absolute paths of the partials used, for the dev server to watch. */
  files: string[];
}

/**
 * A deck's `slides.html` with every `<!-- include: <name> -->` line replaced by the shared slide(s) of
 * `slides/runtime/partials/<name>.html` (e.g. `cite`, the citation slide every lecture deck ends with). Partials are
 * plain slide HTML and do not include others.
 */
export function readSlides(deckDir: string, partialsDir = PARTIALS_DIR): DeckContent {
  const errors: string[] = [];
  const files = new Set<string>();
  const source = readFileSync(join(deckDir, "slides.html"), "utf8");
  const html = source.replace(INCLUDE, (_match, name: string) => {
    const file = join(partialsDir, `${name}.html`);
    if (!NAME.test(name) || !existsSync(file)) {
      errors.push(`unknown partial: ${name} (no slides/runtime/partials/${name}.html)`);
      return `<section><p class="code-error">unknown partial: ${name}</p><aside class="notes">-</aside></section>`;
    }
    files.add(file);
    return readFileSync(file, "utf8");
  });
  return {html, errors, files: [...files]};
}

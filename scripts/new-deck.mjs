// `npm run new-deck <slug> [--title "Title"] [--from <deck>]`: starts a new deck as a copy of the template deck
// (slides/template), or of any deck with --from (a lecture deck, to start a new talk from it; the whole folder).
// The gallery, the dev server, the build and the end-to-end walk find it by itself. Bad input: one line, exit 2,
// nothing written. FLOWDECK_DECKS (default `slides`) names the folder of decks, as in vite.config.ts.
import {cpSync, existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TEMPLATE = join(ROOT, "slides", "template");
/** The same rule as SLUG in slides/runtime/build/decks.ts (a test keeps the two equal). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RESERVED = new Set(["runtime"]);
const USAGE =
  'usage: npm run new-deck <slug> [--title "Deck title"] [--from <deck>]  (slug: lowercase words and digits joined by "-")';

function fail(message) {
  console.error(`new-deck: ${message}`);
  process.exit(2);
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function parse(args) {
  const options = {slug: undefined, title: undefined, from: undefined};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--title") {
      if (!args[i + 1]) fail(`--title needs a value; ${USAGE}`);
      options.title = args[++i];
    } else if (arg === "--from") {
      if (!args[i + 1]) fail(`--from needs a deck; ${USAGE}`);
      options.from = args[++i];
    } else if (arg.startsWith("-")) fail(`unknown option: ${arg}; ${USAGE}`);
    else if (options.slug === undefined) options.slug = arg;
    else fail(`one slug only, got also: ${arg}; ${USAGE}`);
  }
  if (options.slug === undefined) fail(`missing slug; ${USAGE}`);
  return options;
}

const {slug, title, from} = parse(process.argv.slice(2));
if (!SLUG.test(slug)) fail(`invalid slug: ${slug} (use lowercase words and digits joined by "-", e.g. my-talk)`);
if (RESERVED.has(slug)) fail(`invalid slug: ${slug} is reserved`);
const decks = resolve(ROOT, process.env.FLOWDECK_DECKS ?? "slides");
const target = join(decks, slug);
if (existsSync(target)) fail(`deck already exists: ${relative(process.cwd(), target) || target}`);
const isDeck = (dir) => existsSync(join(dir, "slides.html")) && existsSync(join(dir, "deck.json"));
/** The deck to copy: the template, or --from's deck among the decks (or the project's own slides/). */
function sourceDeck() {
  if (from === undefined) return TEMPLATE;
  if (!SLUG.test(from) || RESERVED.has(from)) fail(`invalid deck to copy: ${from}`);
  const found = [join(decks, from), join(ROOT, "slides", from)].find(isDeck);
  if (!found) fail(`unknown deck to copy: ${from} (no ${from}/ with slides.html and deck.json)`);
  return found;
}
const source = sourceDeck();

const words = slug.replace(/^\d+-/, "").split("-").join(" ");
const meta = {
  title: title ?? words.charAt(0).toUpperCase() + words.slice(1),
  subtitle: JSON.parse(readFileSync(join(source, "deck.json"), "utf8")).subtitle ?? ""
};
mkdirSync(decks, {recursive: true});
// The whole folder (a deck may keep pictures or data beside its slides); then the title changes.
cpSync(source, target, {recursive: true});
// The copy's title slide shows the new title; everything else is the original's, ready to be edited.
const slides = readFileSync(join(source, "slides.html"), "utf8").replace(
  /<h1>[^<]*<\/h1>/,
  `<h1>${escapeHtml(meta.title)}</h1>`
);
writeFileSync(join(target, "slides.html"), slides);
writeFileSync(join(target, "deck.json"), JSON.stringify(meta, null, 2) + "\n");
const shown = relative(process.cwd(), target) || target;
console.log(`created ${shown}/ from ${from ?? "template"} (slides.html: the slides; deck.json: title and subtitle)`);
console.log(`next: npm start, then open /${relative(ROOT, target).split("\\").join("/")}/ from the gallery`);

// `npm run pdf -- <deck> [--out file.pdf] [--skip-build]`: the PDF handout of one deck, one page per slide and
// fragment step. Builds the site (or reuses dist/ with --skip-build), serves it on a free localhost port, opens the
// deck with ?print-pdf in headless Chromium, waits for Reveal's `pdf-ready` (and for the demos to draw), and writes
// the PDF (default `<deck>.pdf` in the directory npm was run from). Prints `wrote <file> (<pages> pages)`.
// Bad input (unknown deck or option): one line, exit 2. FLOWDECK_DECKS names the folder of decks, as in vite.config.ts.
import {spawnSync} from "node:child_process";
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium} from "playwright-core";
import {ensureChromium} from "./e2e/chromium.mjs";
import {serve} from "./e2e/serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** npm runs scripts from the package root; INIT_CWD is where the user typed the command. */
const HERE = process.env.INIT_CWD ?? process.cwd();
const DIST = join(ROOT, "dist");
/** The same rule as SLUG in slides/runtime/build/decks.ts. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const USAGE = "usage: npm run pdf -- <deck> [--out file.pdf] [--skip-build]";
const TIMEOUT = 60_000;

function fail(message, code = 2) {
  console.error(`pdf: ${message}`);
  process.exit(code);
}

function parse(args) {
  const options = {slug: undefined, out: undefined, skipBuild: false};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--out") {
      if (!args[i + 1] || args[i + 1].startsWith("--")) fail(`--out needs a file name; ${USAGE}`);
      options.out = args[++i];
    } else if (arg.startsWith("--out=")) options.out = arg.slice(6) || fail(`--out needs a file name; ${USAGE}`);
    else if (arg === "--skip-build") options.skipBuild = true;
    else if (arg.startsWith("-")) fail(`unknown option: ${arg}; ${USAGE}`);
    else if (options.slug === undefined) options.slug = arg;
    else fail(`one deck only, got also: ${arg}; ${USAGE}`);
  }
  if (options.slug === undefined) fail(`missing deck; ${USAGE}`);
  return options;
}

/** The slugs of the decks on disk, to refuse an unknown one before building anything. */
function decksOnDisk() {
  const dir = resolve(ROOT, process.env.FLOWDECK_DECKS ?? "slides");
  return (slug) =>
    SLUG.test(slug) && existsSync(join(dir, slug, "slides.html")) && existsSync(join(dir, slug, "deck.json"));
}

/** The deck as the build lists it in decks.json, or undefined. */
function builtDeck(slug) {
  const list = join(DIST, "decks.json");
  if (!existsSync(list)) return undefined;
  return JSON.parse(readFileSync(list, "utf8")).find((deck) => deck.slug === slug);
}

function build() {
  // The build's own output goes to stderr, so stdout has just the one line this command prints.
  const r = spawnSync("npm", ["run", "build", "--silent"], {cwd: ROOT, stdio: ["ignore", process.stderr, "inherit"]});
  if (r.status !== 0) fail(`build failed (exit ${r.status})`, 1);
}

/** Opens the deck's print view and returns the PDF's bytes once Reveal has laid out every page and demos drew. */
async function print(url) {
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
  });
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 720}});
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.addInitScript(() => document.addEventListener("pdf-ready", () => (window.pdfReady = true)));
    await page.goto(`${url}?print-pdf`);
    await page
      .waitForFunction(() => window.pdfReady === true, null, {timeout: TIMEOUT})
      .catch(() => {
        throw new Error(
          `the print view was not ready within ${TIMEOUT / 1000} s${errors.length ? `: ${errors[0]}` : ""}`
        );
      });
    const settled = () =>
      [...document.querySelectorAll("[data-demo]")].every(
        (f) => f.dataset.demoState && f.dataset.demoState !== "computing"
      );
    await page
      .waitForFunction(settled, null, {timeout: TIMEOUT})
      .catch(() => console.error("pdf: a demo had not drawn"));
    return await page.pdf({preferCSSPageSize: true, printBackground: true});
  } finally {
    await browser.close();
  }
}

const {slug, out, skipBuild} = parse(process.argv.slice(2));
if (!decksOnDisk()(slug))
  fail(`unknown deck: ${slug} (a folder of ${process.env.FLOWDECK_DECKS ?? "slides"}/ with slides.html)`);
if (skipBuild && !existsSync(join(DIST, "decks.json"))) fail("no build in dist/: run without --skip-build", 1);
if (!skipBuild) build();
const deck = builtDeck(slug);
if (!deck) fail(`deck ${slug} is not in the build in dist/: run without --skip-build`, 1);
const file = resolve(HERE, out ?? `${slug}.pdf`);
const site = await serve(DIST, "/");
try {
  const pdf = await print(site.url + deck.page.replace(/index\.html$/, ""));
  writeFileSync(file, pdf);
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  console.log(`wrote ${relative(HERE, file) || file} (${pages} pages)`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), 1);
} finally {
  await site.close();
}

import {readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {cspMeta, POLICY, policyString, withCsp} from "../../../../slides/runtime/build/csp.ts";
import {deckPage, flowdeck} from "../../../../slides/runtime/build/vite-plugin.ts";
import {findDecks} from "../../../../slides/runtime/build/decks.ts";
import {readSlides} from "../../../../slides/runtime/build/partials.ts";

const directive = (name: string) =>
  policyString()
    .split("; ")
    .find((d) => d.split(" ")[0] === name)
    ?.split(" ")
    .slice(1);

describe("the site's content security policy", () => {
  it("runs only the site's own scripts: no eval, no inline scripts or handlers, wasm allowed", () => {
    expect(directive("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policyString()).not.toMatch(/'unsafe-eval'/);
    expect(directive("default-src")).toEqual(["'self'"]);
    expect(directive("worker-src")).toEqual(["'self'"]);
  });

  it("forbids plugins, a foreign <base> and form posts, and frames only the site", () => {
    expect(directive("object-src")).toEqual(["'none'"]);
    expect(directive("base-uri")).toEqual(["'self'"]);
    expect(directive("form-action")).toEqual(["'none'"]);
    expect(directive("frame-src")).toEqual(["'self'"]);
  });

  it("allows nothing from another origin", () => {
    for (const sources of Object.values(POLICY))
      for (const source of sources) expect(source).toMatch(/^('[a-z-]+'|data:)$/);
  });

  it("refuses a malformed directive or source", () => {
    expect(() => policyString({"script src": ["'self'"]})).toThrow(/invalid csp directive/);
    expect(() => policyString({"script-src": []})).toThrow(/has no sources/);
    expect(() => policyString({"script-src": ["'self'; img-src *"]})).toThrow(/invalid csp source in script-src/);
  });
});

describe("withCsp", () => {
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css"><script type="module" src="a.js"></script></head><body></body></html>`;

  it("puts the policy after <meta charset> and before every script and stylesheet", () => {
    const html = withCsp(page);
    const at = html.indexOf(cspMeta());
    expect(at).toBeGreaterThan(html.indexOf("<meta charset"));
    expect(at).toBeLessThan(html.indexOf("<link"));
    expect(at).toBeLessThan(html.indexOf("<script"));
  });

  it("writes it once, and refuses a page without a head", () => {
    expect(withCsp(withCsp(page)).split("Content-Security-Policy").length).toBe(2);
    expect(() => withCsp("<p>no head</p>")).toThrow(/no <head>/);
  });
});

const root = process.cwd();
/**
 * Every HTML source the build turns into pages: the site's pages, the deck page template, every deck's content with
 * its partials (the template deck is what `npm run new-deck` copies).
 */
const sources = [
  ...["index.html", "demos.html", "slides/runtime/speaker.html", "slides/runtime/page.html"].map(
    (file) => [file, readFileSync(join(root, file), "utf8")] as const
  ),
  ...findDecks(root, "slides").map((deck) => [relative(root, deck.dir), readSlides(deck.dir).html] as const)
];

describe("every page of the site under the policy", () => {
  it("the build writes the policy into every page it makes, first in the head", async () => {
    const plugin = flowdeck();
    (plugin.config as (c: object) => unknown)({root});
    const transform = plugin.transformIndexHtml as (html: string) => string;
    const deck = findDecks(root, "slides").find((d) => d.slug === "template")!;
    const pages = [
      ...["index.html", "demos.html", "slides/runtime/speaker.html"].map((f) => readFileSync(join(root, f), "utf8")),
      deckPage(deck, () => {})
    ];
    for (const html of pages.map(transform)) {
      const at = html.indexOf('<meta http-equiv="Content-Security-Policy"');
      expect(at).toBeGreaterThan(0);
      const first = html.search(/<(script|link|style)\b/);
      expect(first === -1 || at < first).toBe(true);
    }
  });

  it("no page or deck has an inline script, an inline event handler or a javascript: URL", () => {
    expect(sources.length).toBeGreaterThan(5);
    for (const [file, html] of sources) {
      // Data blocks (`type="application/json"`) are not run, so the policy leaves them alone.
      const inline = [...html.matchAll(/<script\b([^>]*)>/gi)].filter(
        ([, attributes]) => !/\bsrc=/.test(attributes!) && !/type=["']application\/json["']/.test(attributes!)
      );
      expect(inline.map(([tag]) => `${file}: ${tag}`)).toEqual([]);
      expect([...html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=/gi)].map(([tag]) => `${file}: ${tag}`)).toEqual([]);
      expect(/javascript:/i.test(html) ? file : "").toBe("");
    }
  });
});

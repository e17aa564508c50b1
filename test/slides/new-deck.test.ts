import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {findDecks, SLUG} from "../../slides/runtime/build/decks.ts";

const SCRIPT = join(import.meta.dirname, "..", "..", "scripts", "new-deck.mjs");

function newDeck(root: string, ...args: string[]) {
  const env = {...process.env, FLOWDECK_DECKS: join(root, "decks")};
  return spawnSync(process.execPath, [SCRIPT, ...args], {encoding: "utf8", env});
}

describe("npm run new-deck", () => {
  it("copies the template deck into <decks>/<slug>/ with its own title, and the deck is found", () => {
    const root = mkdtempSync(join(tmpdir(), "new-deck-"));
    const run = newDeck(root, "02-demo-talk");
    expect(run.status).toBe(0);
    const decks = findDecks(root, "decks");
    expect(decks.map((d) => [d.slug, d.title])).toEqual([["02-demo-talk", "Demo talk"]]);
    const template = findDecks(join(import.meta.dirname, "..", ".."), "slides").find((d) => d.slug === "template")!;
    expect(decks[0]!.slideCount).toBe(template.slideCount);
    expect(readFileSync(join(root, "decks", "02-demo-talk", "slides.html"), "utf8")).toContain("<h1>Demo talk</h1>");
    expect(newDeck(root, "other", "--title", "Mine & yours").status).toBe(0);
    expect(findDecks(root, "decks")[1]!.title).toBe("Mine & yours");
  });

  it("starts a talk from any deck with --from: the whole folder, the new title on its first h1", () => {
    const root = mkdtempSync(join(tmpdir(), "new-deck-"));
    expect(newDeck(root, "talk", "--title", "Talk").status).toBe(0);
    writeFileSync(join(root, "decks", "talk", "picture.svg"), "<svg/>");
    const run = newDeck(root, "my-version", "--from", "talk", "--title", "My version");
    expect(run.status).toBe(0);
    const copy = join(root, "decks", "my-version");
    expect(readFileSync(join(copy, "picture.svg"), "utf8")).toBe("<svg/>");
    expect(readFileSync(join(copy, "slides.html"), "utf8")).toContain("<h1>My version</h1>");
    // A lecture deck of the project is found even when the decks live elsewhere.
    expect(newDeck(root, "from-template", "--from", "template").status).toBe(0);
    const unknown = newDeck(root, "x", "--from", "no-such-deck");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown deck to copy: no-such-deck/);
    expect(existsSync(join(root, "decks", "x"))).toBe(false);
  });

  it("refuses an existing slug, an invalid name, a reserved name and a missing one: one line, exit 2, nothing written", () => {
    const root = mkdtempSync(join(tmpdir(), "new-deck-"));
    expect(newDeck(root, "talk").status).toBe(0);
    const before = readdirSync(join(root, "decks"));
    const cases = [
      [["talk"], /deck already exists/],
      [["My_Talk"], /invalid slug: My_Talk/],
      [["runtime"], /reserved/],
      [[], /missing slug/],
      [["a", "b"], /one slug only/],
      [["--frobnicate"], /unknown option/]
    ] as const;
    for (const [args, message] of cases) {
      const run = newDeck(root, ...args);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
    expect(readdirSync(join(root, "decks"))).toEqual(before);
    expect(existsSync(join(root, "decks", "My_Talk"))).toBe(false);
  });

  it("validates slugs with the same rule as the build", () => {
    const source = readFileSync(SCRIPT, "utf8");
    expect(source).toContain(`const SLUG = ${SLUG.toString()};`);
  });
});

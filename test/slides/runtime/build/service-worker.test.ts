import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {offlineUrls, writeServiceWorker} from "../../../../slides/runtime/build/service-worker.ts";

/** A tiny built site: a gallery, one deck, an asset. */
function site(asset = "one") {
  const dir = mkdtempSync(join(tmpdir(), "flowdeck-sw-"));
  mkdirSync(join(dir, "slides", "talk"), {recursive: true});
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "gallery");
  writeFileSync(join(dir, "slides", "talk", "index.html"), "deck");
  writeFileSync(join(dir, "assets", "main.js"), asset);
  return dir;
}

const cacheOf = (source: string) => /const CACHE = "([^"]+)"/.exec(source)![1];
const urlsOf = (source: string) => JSON.parse(/const URLS = (\[.*\]);/.exec(source)![1]!) as string[];

describe("the offline cache's service worker", () => {
  it("lists every file of the build and each page's folder URL, not itself", () => {
    const dir = site();
    writeServiceWorker(dir);
    const source = readFileSync(join(dir, "sw.js"), "utf8");
    expect(urlsOf(source).sort()).toEqual([
      "./",
      "assets/main.js",
      "index.html",
      "slides/talk/",
      "slides/talk/index.html"
    ]);
    rmSync(dir, {recursive: true});
  });

  it("names its cache after the build's contents: same build, same cache; one changed file, a new cache", () => {
    const [a, b, c] = [site("one"), site("one"), site("two")];
    const names = [a, b, c].map((dir) => writeServiceWorker(dir).version);
    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
    // Writing it again (a second build into the same folder) ignores the old sw.js.
    expect(writeServiceWorker(a).version).toBe(names[0]);
    expect(cacheOf(readFileSync(join(a, "sw.js"), "utf8"))).toBe(`flowdeck-${names[0]}`);
    for (const dir of [a, b, c]) rmSync(dir, {recursive: true});
  });

  it("folder URLs: the gallery is ./, a deck is its folder", () => {
    expect(offlineUrls(["index.html", "slides/x/index.html", "sw.js", "a.js"])).toEqual([
      "index.html",
      "slides/x/index.html",
      "a.js",
      "./",
      "slides/x/"
    ]);
  });
});

import {createHash} from "node:crypto";
import {readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {join, relative, sep} from "node:path";

/** The service worker's file name, at the root of the built site. */
export const SERVICE_WORKER = "sw.js";

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path).split(sep).join("/")];
    })
    .sort();
}

/**
 * What the offline cache holds for a built site: every file, and each page's folder URL too (`slides/x/` as well as
 * `slides/x/index.html`, `./` for the gallery), since links name folders.
 */
export function offlineUrls(files: readonly string[]): string[] {
  const pages = files.filter((f) => f.endsWith("index.html")).map((f) => f.slice(0, -"index.html".length) || "./");
  return [...files.filter((f) => f !== SERVICE_WORKER), ...pages];
}

/**
 * The service worker's source: on install it caches every URL of this build under a name made from the build's
 * contents, on activate it deletes every other flowdeck cache (so a new build replaces the old one whole), and it
 * answers same-origin GETs from the cache first (a query string, e.g. `?view=reading`, does not matter), the network
 * second. Plain JavaScript: it runs as written.
 */
export function serviceWorkerSource(urls: readonly string[], version: string): string {
  return `// flowdeck's offline cache, written by the build (slides/runtime/build/service-worker.ts): do not edit.
const CACHE = ${JSON.stringify(`flowdeck-${version}`)};
const URLS = ${JSON.stringify(urls)};

self.addEventListener("install", (event) => {
  const scope = self.registration.scope;
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(URLS.map((url) => new URL(url, scope))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("flowdeck-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, {ignoreSearch: true}))
      .then((cached) => cached ?? fetch(request))
  );
});
`;
}

/** Writes `sw.js` into a built site (`outDir`), versioned by a hash of every file's path and contents. */
export function writeServiceWorker(outDir: string): {urls: number; version: string} {
  const files = filesUnder(outDir).filter((f) => f !== SERVICE_WORKER);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
  const version = hash.digest("hex").slice(0, 12);
  const urls = offlineUrls(files);
  writeFileSync(join(outDir, SERVICE_WORKER), serviceWorkerSource(urls, version));
  return {urls: urls.length, version};
}

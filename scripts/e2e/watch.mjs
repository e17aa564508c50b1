// What the end-to-end walk listens to on every page, and the shape of a check.

/** True for http(s)/ws(s) URLs whose origin is not `origin` (data:, blob: and about: stay on the page). */
export function isOffOrigin(url, origin) {
  const {protocol, origin: other} = new URL(url);
  return /^(https?|wss?):$/.test(protocol) && other !== origin;
}

/** Records every console error or warning, page error, failed or off-origin request of `page` into `problems`. */
export function watch(page, origin, problems) {
  page.on("console", (m) => {
    // The walk blocks the offline cache's worker (offline.mjs tests it alone) and Playwright says so on the console.
    if (m.text().startsWith("Service Worker registration blocked by Playwright")) return;
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // A renderer that dies (out of memory, a crash in Chromium) closes the page under the walk: say where it was.
  page.on("crash", () => problems.push(`the page crashed at ${page.url()}`));
  // ERR_ABORTED is the page (or the test) cancelling a request, e.g. fonts still loading when a page is closed;
  // a missing file shows up as an HTTP status below, an unreachable one as another net:: error.
  page.on("requestfailed", (r) => {
    const reason = r.failure()?.errorText ?? "?";
    if (reason !== "net::ERR_ABORTED") problems.push(`failed request: ${r.url()} (${reason})`);
  });
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on("request", (r) => isOffOrigin(r.url(), origin) && problems.push(`request to another origin: ${r.url()}`));
}

/** A check result: ok when `problems` is empty; the detail lists the first few problems. */
export const check = (name, problems, pass = `ok`) => ({
  name,
  ok: problems.length === 0,
  detail: problems.length ? problems.slice(0, 5).join("; ") : pass
});

// Content-Security-Policy violations fail the walk: every page and frame the walk opens reports each violation on its
// console as an error (which watch.mjs records), with the directive, what was blocked and where.

/** Runs in every page and frame before its own scripts (a Playwright init script: nothing from outside its body). */
function reportViolations() {
  document.addEventListener("securitypolicyviolation", (e) => {
    const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : "";
    console.error(
      `Content-Security-Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || "an inline source"}${where}`
    );
  });
}

/** Makes every page of `context` (and its popups and frames) report CSP violations; once per context. */
export async function listenForCspViolations(context) {
  if (context.listensForCsp) return;
  context.listensForCsp = true;
  await context.addInitScript(reportViolations);
}

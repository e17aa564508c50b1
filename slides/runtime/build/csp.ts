/**
 * The Content-Security-Policy of every page of the site, written into each page as a `<meta http-equiv>` by the build
 * (a static host cannot be trusted to send the header). Each source is there for something the site does:
 *
 * - scripts: only the site's own module files; `'wasm-unsafe-eval'` lets the engine compile its WebAssembly kernels
 *   (no `'unsafe-eval'`: nothing in the bundle calls `eval` or `new Function`; no inline scripts or handlers);
 * - workers: the engine's module worker and the offline cache's service worker, both files of the site;
 * - styles: the site's stylesheets, and inline styles because KaTeX writes `style` attributes into typeset math
 *   (at build time, in every deck page) and Observable Plot puts a `<style>` element into each figure it draws;
 *   neither can be hashed ahead of time. Inline styles cannot run code, inline scripts stay forbidden;
 * - images and fonts: the site's files and `data:` URIs (reveal.css and KaTeX's stylesheet inline small images and a
 *   font; demos show their still frames as PNG data URIs);
 * - frames: the speaker view shows the deck itself in two frames;
 * - fetches: decks.json, weights and wasm, from the site only.
 */
export const POLICY: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "worker-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "frame-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'none'"]
};

/** A policy as the value of the header or meta tag: `directive source source; directive source`. */
export function policyString(policy: Readonly<Record<string, readonly string[]>> = POLICY): string {
  return Object.entries(policy)
    .map(([directive, sources]) => {
      if (!/^[a-z-]+$/.test(directive)) throw new RangeError(`invalid csp directive: ${directive}`);
      if (sources.length === 0) throw new RangeError(`csp directive ${directive} has no sources`);
      for (const source of sources)
        if (/[\s;,]/.test(source) || source === "")
          throw new RangeError(`invalid csp source in ${directive}: "${source}"`);
      return `${directive} ${sources.join(" ")}`;
    })
    .join("; ");
}

/** The policy's `<meta>` tag. */
export function cspMeta(policy: Readonly<Record<string, readonly string[]>> = POLICY): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policyString(policy)}" />`;
}

/**
 * `html` with the policy's meta tag at the top of its `<head>` (after `<meta charset>` when there is one): a policy
 * applies only to what comes after it, so it must precede every script and stylesheet. A page that already has one keeps it (an error would be as
 * good, but the dev server transforms a page more than once). Throws when the page has no `<head>`.
 */
export function withCsp(html: string, policy: Readonly<Record<string, readonly string[]>> = POLICY): string {
  if (/<meta\s+http-equiv=["']Content-Security-Policy["']/i.test(html)) return html;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error("page has no <head> for the content security policy");
  const charset = /<meta\s+charset=[^>]*>/i.exec(html.slice(head.index));
  const at = head.index + (charset ? charset.index + charset[0].length : head[0].length);
  return `${html.slice(0, at)}\n    ${cspMeta(policy)}${html.slice(at)}`;
}

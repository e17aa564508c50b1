/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * One token as highlighted HTML: `<span class="hljs-<kind>">` around the escaped text (highlight.js's class names, so
 * its themes and ours read the same markup), or the escaped text alone when `kind` is undefined.
 */
export function token(text: string, kind?: string): string {
  if (!kind || text === "") return escapeHtml(text);
  const classes = kind
    .split(" ")
    .map((k, i) => (i === 0 ? `hljs-${k}` : `${k}`))
    .join(" ");
  return `<span class="${classes}">${escapeHtml(text)}</span>`;
}

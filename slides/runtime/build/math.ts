import katex from "katex";

/** Result of the build-time math pass over one deck's HTML. */
export interface MathResult {
  /** The HTML with every `$…$` / `$$…$$` replaced by KaTeX markup. */
  html: string;
  /** One line per formula KaTeX could not parse (it is still shown, as a `.katex-error` element). */
  errors: string[];
}

// Text inside these elements is left alone: code shows dollars literally.
const RAW_ELEMENTS = /^<(\/?)(pre|code|script|style|textarea)\b/i;
// Comments and tags split the HTML; math is only looked for in the text between them.
const TAG = /(<!--[\s\S]*?-->|<[^>]*>)/;
// `\$` is a literal dollar; `$$…$$` display math; `$…$` inline math whose delimiters hug the formula
// (no space inside either dollar, no digit right after the closing one), so "costs $5 or $6" stays text.
const MATH = /\\\$|\$\$([\s\S]+?)\$\$|\$(?!\s)((?:\\[\s\S]|[^$\\])+?)(?<!\s)\$(?!\d)/g;

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
  "&quot;": '"',
  "&#39;": "'",
  "&nbsp;": " "
};

function decodeEntities(source: string): string {
  return source.replace(/&(?:lt|gt|amp|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Renders one formula. KaTeX's `trust` is limited to `\htmlData` (morph and auto-animate ids). A formula KaTeX
 * rejects becomes a visible `.katex-error` span (so the end-to-end walk catches it) and an entry in `errors`.
 */
export function renderFormula(tex: string, displayMode: boolean, errors: string[]): string {
  const options = {
    displayMode,
    output: "htmlAndMathml" as const,
    strict: "ignore" as const,
    trust: (context: {command: string}) => context.command === "\\htmlData"
  };
  try {
    return katex.renderToString(tex, {...options, throwOnError: true});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors.push(`${message} in ${displayMode ? "$$" : "$"}${tex}${displayMode ? "$$" : "$"}`);
    return `<span class="katex-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
  }
}

/** Typesets every `$…$` (inline) and `$$…$$` (display) formula in a deck's HTML at build time. */
export function renderMath(html: string): MathResult {
  const errors: string[] = [];
  let rawDepth = 0;
  const parts = html.split(TAG).map((part, i) => {
    if (i % 2 === 1) {
      const raw = RAW_ELEMENTS.exec(part);
      if (raw) rawDepth = Math.max(0, rawDepth + (raw[1] ? -1 : 1));
      return part;
    }
    if (rawDepth > 0) return part;
    return part.replace(MATH, (match, display?: string, inline?: string) => {
      if (match === "\\$") return "$";
      if (display !== undefined) return renderFormula(decodeEntities(display.trim()), true, errors);
      return renderFormula(decodeEntities(inline ?? ""), false, errors);
    });
  });
  return {html: parts.join(""), errors};
}

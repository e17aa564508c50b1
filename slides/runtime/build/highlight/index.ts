import {highlightPython} from "./python.ts";
import {highlightTypeScript} from "./typescript.ts";
import {escapeHtml} from "./html.ts";

/** The languages a code panel highlights; `text` is shown as it is. */
export const LANGUAGES = ["typescript", "python", "text"] as const;
export type Language = (typeof LANGUAGES)[number];

const ALIASES: Record<string, Language> = {ts: "typescript", typescript: "typescript", py: "python", python: "python"};

/** A language by name or alias (`ts`, `py`, `text`, any case); throws `RangeError("invalid language: …")`. */
export function maybeLanguage(name: string): Language {
  const key = name.trim().toLowerCase();
  const language = key === "text" || key === "plain" ? "text" : ALIASES[key];
  if (!language) throw new RangeError(`invalid language: ${name} (typescript, python or text)`);
  return language;
}

/**
 * Highlights code at build time: returns HTML whose tokens are `<span class="hljs-…">` (highlight.js's class names),
 * so no highlighter ships to the browser. TypeScript is tokenized by the TypeScript compiler's own scanner, Python
 * by a small scanner of its lexical rules.
 */
export function highlight(code: string, language: Language): string {
  if (language === "typescript") return highlightTypeScript(code);
  if (language === "python") return highlightPython(code);
  return escapeHtml(code);
}

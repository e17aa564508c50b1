import {readFileSync} from "node:fs";
import {isAbsolute, join, normalize, relative, sep} from "node:path";
import {extractDeclaration} from "./extract.ts";
import {highlight, maybeLanguage, type Language} from "./highlight/index.ts";
import {escapeHtml} from "./highlight/html.ts";

/** Result of the build-time code pass over one deck's HTML. */
export interface CodeResult {
  /** The HTML with every `.code-panel` replaced by its static, highlighted tabs. */
  html: string;
  /** One line per code block that could not be shown (it shows as a `.code-error` box on its slide). */
  errors: string[];
  /** Absolute paths of the source files the panels quote, for the dev server to watch. */
  files: string[];
}

/** Options of {@link renderCode}. */
export interface CodeOptions {
  /** The project root: `data-source` paths are relative to it and may not leave it. */
  root: string;
}

/** One tab of a panel, before it becomes HTML. */
interface Tab {
  label: string;
  language: Language;
  code?: string;
  origin?: string;
  error?: string;
}

const PANEL = /<div\b[^>]*\bclass\s*=\s*(["'])[^"']*\bcode-panel\b[^"']*\1[^>]*>([\s\S]*?)<\/div\s*>/gi;
const PRE = /<pre\b([^>]*)>([\s\S]*?)<\/pre\s*>/gi;
const ATTRIBUTE = /([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const NAMES: Record<Language, string> = {typescript: "TypeScript", python: "Python", text: "Code"};

function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) found.set(m[1]!.toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? ""));
  return found;
}

function decode(text: string): string {
  const named: Record<string, string> = {lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: "\u00a0"};
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] !== "#") return named[body.toLowerCase()] ?? entity;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** Code written in the slide: the first newline and the common indentation (the HTML's own) are not part of it. */
function written(text: string): string {
  const lines = decode(text)
    .replace(/^[ \t]*\r?\n/, "")
    .replace(/\s+$/, "")
    .split(/\r?\n/);
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n");
}

/** Reads `path#name` (path relative to the root) and cuts the declaration out of it. */
function quote(reference: string, root: string, files: string[]): {code: string; origin: string; name: string} {
  const hash = reference.lastIndexOf("#");
  const path = hash > 0 ? reference.slice(0, hash).trim() : "";
  const name = hash > 0 ? reference.slice(hash + 1).trim() : "";
  if (!path || !/^[\w$]+(?:\.[\w$]+)*$/.test(name)) {
    throw new Error(
      `invalid data-source: ${reference} (a path, then # and a name, e.g. engine/fm/trainer.ts#fmTrainer)`
    );
  }
  const file = normalize(join(root, path));
  if (
    isAbsolute(path) ||
    relative(root, file).startsWith("..") ||
    relative(root, file).split(sep).includes("node_modules")
  ) {
    throw new Error(`invalid data-source: ${reference} (a path inside the project)`);
  }
  files.push(file);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    throw new Error(`no such file: ${path}`);
  }
  const {code, lines} = extractDeclaration(source, name, path);
  return {code, name, origin: `${path.replace(/\\/g, "/")}, lines ${lines[0]}–${lines[1]}`};
}

function tabOf(attrs: Map<string, string>, body: string, root: string, files: string[]): Tab {
  const reference = attrs.get("data-source");
  const label = attrs.get("data-tab")?.trim();
  let language: Language = reference === undefined ? "text" : "typescript";
  try {
    if (attrs.has("data-lang")) language = maybeLanguage(attrs.get("data-lang")!);
    if (reference === undefined) return {label: label || NAMES[language], language, code: written(body)};
    const {code, name, origin} = quote(reference, root, files);
    return {label: label || name, language, code, origin};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {label: label || (reference?.split("#").pop() ?? NAMES[language]), language, error: message};
  }
}

function tabsHtml(id: string, tabs: Tab[]): string {
  // The first tab shows (also in print), unless another one has an error: then that one shows, so it is seen.
  const shown = Math.max(
    0,
    tabs.findIndex((tab) => tab.error)
  );
  const buttons = tabs.map(
    (tab, i) =>
      `<button type="button" role="tab" id="${id}-tab-${i + 1}" aria-controls="${id}-panel-${i + 1}" ` +
      `aria-selected="${i === shown}" tabindex="${i === shown ? 0 : -1}">${escapeHtml(tab.label)}</button>`
  );
  const panels = tabs.map((tab, i) => {
    const content = tab.error
      ? `<div class="code-error" role="alert">${escapeHtml(tab.error)}</div>`
      : `<pre><code class="hljs language-${tab.language}">${highlight(tab.code ?? "", tab.language)}</code></pre>` +
        (tab.origin ? `<p class="code-origin">${escapeHtml(tab.origin)}</p>` : "");
    return (
      `<div class="code-tab" role="tabpanel" id="${id}-panel-${i + 1}" aria-labelledby="${id}-tab-${i + 1}" ` +
      `tabindex="0"${i === shown ? "" : " hidden"}>${content}</div>`
    );
  });
  return `<div class="code-tabs" role="tablist" aria-label="Code">${buttons.join("")}</div>${panels.join("")}`;
}

/**
 * Turns each `<div class="code-panel">` of a deck into static, highlighted tabs at build time. Each `<pre>` inside is
 * one tab: `<pre data-source="engine/fm/trainer.ts#fmTrainer">` quotes that declaration of a project source (with its
 * JSDoc; `name.member` for a member), `<pre data-lang="python" data-tab="PyTorch">…</pre>` shows the code written
 * in it. `data-tab` names a tab, `data-lang` is `typescript`, `python` or `text`. A missing file, name or language
 * is an entry in `errors` and a `.code-error` box in its tab. Run it after the math pass, so code is never typeset.
 */
export function renderCode(html: string, {root}: CodeOptions): CodeResult {
  const errors: string[] = [];
  const files: string[] = [];
  let count = 0;
  const parts = html.split(/(<!--[\s\S]*?-->)/).map((part, i) =>
    i % 2 === 1
      ? part
      : part.replace(PANEL, (panel, _quote: string, inner: string) => {
          const open = /^<div\b[^>]*>/i.exec(panel)![0];
          const tabs = [...inner.matchAll(PRE)].map((m) => tabOf(attributes(m[1]!), m[2]!, root, files));
          const rest = inner.replace(PRE, "").trim();
          if (tabs.length === 0)
            tabs.push({label: "Code", language: "text", error: "empty code panel (no <pre> in it)"});
          for (const tab of tabs) if (tab.error) errors.push(`code panel: ${tab.error}`);
          return `${open}${tabsHtml(`code-${++count}`, tabs)}${rest}</div>`;
        })
  );
  return {html: parts.join(""), errors, files: [...new Set(files)]};
}

import {token} from "./html.ts";

const KEYWORDS = new Set(
  (
    "and as assert async await break case class continue def del elif else except finally for from global if import " +
    "in is lambda match nonlocal not or pass raise return try while with yield"
  ).split(" ")
);
const LITERALS = new Set(["True", "False", "None", "Ellipsis", "NotImplemented"]);
const BUILT_INS = new Set(
  (
    "abs all any bool dict enumerate filter float getattr hasattr int isinstance iter len list map max min next " +
    "object print range repr reversed round set slice sorted str sum super tuple type zip"
  ).split(" ")
);

/** One alternative per token kind, tried in order at each position (sticky). */
const TOKEN = new RegExp(
  [
    /(?<comment>#[^\n]*)/,
    /(?<string>(?:[rRbBuUfF]{1,2})?(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))/,
    /(?<number>(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)[jJ]?)/,
    /(?<decorator>(?<=^[ \t]*)@[A-Za-z_][\w.]*)/,
    /(?<name>[A-Za-z_]\w*)/,
    /(?<other>\s+|[\s\S])/
  ]
    .map((r) => r.source)
    .join("|"),
  "my"
);

/** Python highlighted by its lexical rules: comments, strings (prefixed, triple-quoted), numbers, names, decorators. */
export function highlightPython(code: string): string {
  let out = "";
  let previous = "";
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(code); match && match[0] !== ""; match = TOKEN.exec(code)) {
    const text = match[0];
    const groups = match.groups!;
    if (groups.comment) out += token(text, "comment");
    else if (groups.string) out += token(text, "string");
    else if (groups.number) out += token(text, "number");
    else if (groups.decorator) out += token(text, "meta");
    else if (groups.name) out += token(text, nameKind(text, previous, code[TOKEN.lastIndex]));
    else out += token(text);
    if (!/^\s+$/.test(text)) previous = text;
  }
  return out;
}

function nameKind(name: string, previous: string, next: string | undefined): string | undefined {
  if (previous === "def") return "title function_";
  if (previous === "class") return "title class_";
  if (previous === ".") return next === "(" ? "title function_" : undefined;
  if (KEYWORDS.has(name)) return "keyword";
  if (LITERALS.has(name)) return "literal";
  if (name === "self" || name === "cls") return "variable language_";
  if (BUILT_INS.has(name)) return "built_in";
  return next === "(" ? "title function_" : undefined;
}

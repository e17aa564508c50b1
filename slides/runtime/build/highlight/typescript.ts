import ts from "typescript";
import {token} from "./html.ts";

const K = ts.SyntaxKind;
const LITERALS = new Set<ts.SyntaxKind>([K.TrueKeyword, K.FalseKeyword, K.NullKeyword]);
const BUILT_IN_TYPES = new Set<ts.SyntaxKind>([
  K.NumberKeyword,
  K.StringKeyword,
  K.BooleanKeyword,
  K.VoidKeyword,
  K.AnyKeyword,
  K.UnknownKeyword,
  K.NeverKeyword,
  K.ObjectKeyword,
  K.SymbolKeyword,
  K.BigIntKeyword
]);
const STRINGS = new Set<ts.SyntaxKind>([
  K.StringLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateHead,
  K.TemplateMiddle,
  K.TemplateTail
]);
/** After these a `/` divides; anywhere else it starts a regular expression. */
const ENDS_OPERAND = new Set<ts.SyntaxKind>([
  K.Identifier,
  K.NumericLiteral,
  K.BigIntLiteral,
  K.StringLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateTail,
  K.RegularExpressionLiteral,
  K.CloseParenToken,
  K.CloseBracketToken,
  K.CloseBraceToken,
  K.ThisKeyword,
  K.SuperKeyword,
  K.TrueKeyword,
  K.FalseKeyword,
  K.NullKeyword
]);
const DECLARES = new Map<ts.SyntaxKind, string>([
  [K.FunctionKeyword, "title function_"],
  [K.ClassKeyword, "title class_"],
  [K.InterfaceKeyword, "title class_"],
  [K.TypeKeyword, "title class_"],
  [K.EnumKeyword, "title class_"]
]);

const DECLARES_VARIABLE = new Set<ts.SyntaxKind>([K.ConstKeyword, K.LetKeyword, K.VarKeyword]);

const isKeyword = (kind: ts.SyntaxKind) => kind >= K.FirstKeyword && kind <= K.LastKeyword;
const isContextual = (kind: ts.SyntaxKind) => kind > K.LastFutureReservedWord && kind <= K.LastKeyword;
const isTrivia = (kind: ts.SyntaxKind) => kind >= K.FirstTriviaToken && kind <= K.LastTriviaToken;

function comment(text: string): string {
  // JSDoc tags get their own span inside the comment's, as highlight.js marks them.
  const parts = text.split(/(@[a-zA-Z]+)/);
  const inner = parts.map((part, i) => (i % 2 === 1 ? token(part, "doctag") : token(part))).join("");
  return `<span class="hljs-comment">${inner}</span>`;
}

/** The next character that is not a space or tab at or after `from`. */
function nextChar(code: string, from: number): string {
  return /[^ \t]|$/.exec(code.slice(from))![0];
}

/**
 * TypeScript highlighted with the compiler's scanner: comments (JSDoc tags inside), strings and template parts,
 * regular expressions, numbers, keywords, literals, built-in types, declared names and called functions.
 */
export function highlightTypeScript(code: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, code);
  const templates: number[] = []; // open braces inside each `${` we are in
  let previous: ts.SyntaxKind | undefined;
  let out = "";
  for (let kind = scanner.scan(); kind !== K.EndOfFileToken; kind = scanner.scan()) {
    if (kind === K.TemplateHead) templates.push(0);
    else if (kind === K.OpenBraceToken && templates.length) templates[templates.length - 1]!++;
    else if (kind === K.CloseBraceToken && templates.length) {
      if (templates[templates.length - 1] === 0) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === K.TemplateTail) templates.pop();
      } else templates[templates.length - 1]!--;
    } else if ((kind === K.SlashToken || kind === K.SlashEqualsToken) && !(previous && ENDS_OPERAND.has(previous))) {
      kind = scanner.reScanSlashToken();
    }
    const text = scanner.getTokenText();
    out += classify(kind, text, previous, nextChar(code, scanner.getTokenEnd()));
    if (!isTrivia(kind)) previous = kind;
  }
  return out;
}

function classify(kind: ts.SyntaxKind, text: string, previous: ts.SyntaxKind | undefined, next: string): string {
  if (kind === K.SingleLineCommentTrivia || kind === K.MultiLineCommentTrivia) return comment(text);
  if (STRINGS.has(kind)) return token(text, "string");
  if (kind === K.RegularExpressionLiteral) return token(text, "regexp");
  if (kind === K.NumericLiteral || kind === K.BigIntLiteral) return token(text, "number");
  const property = previous === K.DotToken || previous === K.QuestionDotToken;
  // A contextual keyword is a plain name where a name is declared: `{type: 1}`, `type?: string`, `const of = 2`.
  const named =
    isContextual(kind) && (/[:?]/.test(next) || (previous !== undefined && DECLARES_VARIABLE.has(previous)));
  if (isKeyword(kind) && !property && !named) {
    if (LITERALS.has(kind)) return token(text, "literal");
    if (BUILT_IN_TYPES.has(kind)) return token(text, "built_in");
    if (kind === K.ThisKeyword || kind === K.SuperKeyword) return token(text, "variable language_");
    return token(text, "keyword");
  }
  if (kind === K.Identifier || isKeyword(kind)) {
    const declared = previous === undefined ? undefined : DECLARES.get(previous);
    if (declared) return token(text, declared);
    if (text === "undefined" || text === "NaN" || text === "Infinity") return token(text, "literal");
    if (next === "(") return token(text, "title function_");
    if (/^[A-Z]/.test(text) && !property) return token(text, "type");
  }
  return token(text);
}

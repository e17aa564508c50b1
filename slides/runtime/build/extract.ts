import ts from "typescript";

/** One declaration cut out of a source file by {@link extractDeclaration}. */
export interface Extract {
  /** The declaration's text with its JSDoc, dedented. */
  code: string;
  /** First and last line of the text in the file, 1-based. */
  lines: [number, number];
}

type Named = ts.Node & {name?: ts.Node};

function nameOf(node: ts.Node, file: ts.SourceFile): string | undefined {
  const name = (node as Named).name;
  if (ts.isConstructorDeclaration(node)) return "constructor";
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))
    ? name.getText(file).replace(/^["']|["']$/g, "")
    : undefined;
}

/** Top-level declarations by name: functions (every overload), classes, interfaces, types, enums, variables. */
function topLevel(file: ts.SourceFile): Map<string, ts.Node[]> {
  const found = new Map<string, ts.Node[]>();
  const add = (name: string | undefined, node: ts.Node) => {
    if (name) found.set(name, [...(found.get(name) ?? []), node]);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) add(nameOf(d, file), statement);
    } else if (
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isModuleDeclaration(statement)
    ) {
      add(nameOf(statement, file), statement);
    }
  }
  return found;
}

/**
 * The members one may name after a dot: those of a class, an interface, an object type, an enum, an object literal
 * assigned to a const, and, inside a function (a factory), its own top-level declarations and the members of the
 * object literals it returns.
 */
function membersOf(node: ts.Node): ts.Node[] {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.flatMap((d) => (d.initializer ? membersOf(unwrap(d.initializer)) : []));
  }
  if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isEnumDeclaration(node)) return [...node.members];
  if (ts.isTypeAliasDeclaration(node)) return ts.isTypeLiteralNode(node.type) ? [...node.type.members] : [];
  if (ts.isObjectLiteralExpression(node)) return [...node.properties];
  if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body)) {
    const own: ts.Node[] = [];
    for (const statement of node.body.statements) {
      if (ts.isVariableStatement(statement)) own.push(...statement.declarationList.declarations, statement);
      else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) own.push(statement);
      else if (ts.isReturnStatement(statement) && statement.expression)
        own.push(...membersOf(unwrap(statement.expression)));
    }
    return own;
  }
  return [];
}

function unwrap(node: ts.Expression): ts.Node {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    node = node.expression;
  }
  return node;
}

/** A member of a function body found as its declaration: show the whole `const` statement, JSDoc and all. */
function statementOf(node: ts.Node): ts.Node {
  return ts.isVariableDeclaration(node) &&
    ts.isVariableDeclarationList(node.parent) &&
    node.parent.declarations.length === 1
    ? node.parent.parent
    : node;
}

function dedent(text: string): string {
  const lines = text.replace(/\s+$/, "").split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)![0].length);
  const cut = Math.min(...indents, Infinity);
  return lines.map((line) => line.slice(Number.isFinite(cut) ? cut : 0)).join("\n");
}

/**
 * Cuts one declaration out of a TypeScript source: `name` is a top-level function (with its overloads), class,
 * interface, type, enum or variable, or `name.member` (see {@link membersOf}). The text starts at the declaration's
 * JSDoc. Throws `Error("no declaration <name> in <file> (it declares: …)")` when the name is not there.
 */
export function extractDeclaration(source: string, name: string, fileName = "source.ts"): Extract {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const [head = "", ...rest] = name.split(".");
  const declarations = topLevel(file);
  const found = declarations.get(head);
  if (!found)
    throw new Error(`no declaration ${head} in ${fileName} (it declares: ${[...declarations.keys()].join(", ")})`);
  let nodes: ts.Node[] = found;
  let path = head;
  for (const member of rest) {
    const members: ts.Node[] = nodes.flatMap(membersOf);
    const matching: ts.Node[] = members.filter((m) => nameOf(m, file) === member).map(statementOf);
    path += `.${member}`;
    if (matching.length === 0) {
      const names = [...new Set(members.map((m) => nameOf(m, file)).filter(Boolean))];
      throw new Error(`no member ${path} in ${fileName} (${head} has: ${names.join(", ") || "no members"})`);
    }
    nodes = [...new Set(matching)];
  }
  const start = Math.min(...nodes.map((n) => n.getStart(file, true)));
  const end = Math.max(...nodes.map((n) => n.getEnd()));
  // Pad the first line to its column so that dedenting a member keeps its body's indentation right.
  const column = file.getLineAndCharacterOfPosition(start).character;
  return {
    code: dedent(" ".repeat(column) + source.slice(start, end)),
    lines: [file.getLineAndCharacterOfPosition(start).line + 1, file.getLineAndCharacterOfPosition(end).line + 1]
  };
}

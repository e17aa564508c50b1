import {checkBatch, type VelocityField} from "./field.ts";

/**
 * A small arithmetic language for typing a 2D field by hand, u₁(x, y, t) and u₂(x, y, t): numbers, the variables
 * x y t, the constant pi, + − * / ^ (power, right-associative, binding tighter than a unary minus: −x^2 = −(x²)),
 * parentheses and the functions sin cos tan exp log sqrt abs tanh. Parsed into a tree of closures, never evaluated
 * as JavaScript source (no eval, no Function), so it runs under a strict content security policy.
 */

/** A parsed expression: its value at (x, y, t). */
export type Expression = (x: number, y: number, t: number) => number;

const functions: Readonly<Record<string, (v: number) => number>> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh
};

const binary: Readonly<Record<string, (a: number, b: number) => number>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "^": (a, b) => a ** b
};

interface Token {
  kind: "number" | "name" | "op" | "end";
  text: string;
  value: number;
  /** 1-based character position in the source, for error messages. */
  at: number;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_]\w*/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({kind: "number", text: number[0], value: Number(number[0]), at: i + 1});
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({kind: "name", text: name[0], value: NaN, at: i + 1});
      i += name[0].length;
      continue;
    }
    if ("+-*/^()".includes(c)) {
      tokens.push({kind: "op", text: c, value: NaN, at: i + 1});
      i++;
      continue;
    }
    throw new RangeError(`invalid expression: unexpected "${c}" at position ${i + 1}`);
  }
  tokens.push({kind: "end", text: "end of input", value: NaN, at: source.length + 1});
  return tokens;
}

/**
 * Parses `source` into an Expression. Throws a RangeError naming the position (1-based) of the first thing it cannot
 * read: `invalid expression: unknown name "z" at position 3`.
 */
export function parseExpression(source: string): Expression {
  const tokens = tokenize(source);
  let k = 0;
  const peek = () => tokens[k]!;
  const fail = (what: string, token = peek()): never => {
    throw new RangeError(`invalid expression: ${what} at position ${token.at}`);
  };
  const expect = (text: string) => {
    if (peek().text !== text) fail(`expected "${text}" but found "${peek().text}"`);
    k++;
  };

  // sum := product (("+" | "-") product)*
  function sum(): Expression {
    let left = product();
    while (peek().text === "+" || peek().text === "-") {
      const op = binary[tokens[k++]!.text]!;
      const a = left;
      const b = product();
      left = (x, y, t) => op(a(x, y, t), b(x, y, t));
    }
    return left;
  }
  // product := unary (("*" | "/") unary)*
  function product(): Expression {
    let left = unary();
    while (peek().text === "*" || peek().text === "/") {
      const op = binary[tokens[k++]!.text]!;
      const a = left;
      const b = unary();
      left = (x, y, t) => op(a(x, y, t), b(x, y, t));
    }
    return left;
  }
  // unary := ("-" | "+") unary | power
  function unary(): Expression {
    if (peek().text === "-") {
      k++;
      const a = unary();
      return (x, y, t) => -a(x, y, t);
    }
    if (peek().text === "+") {
      k++;
      return unary();
    }
    return power();
  }
  // power := atom ("^" unary)?   (right-associative; 2^-1 is allowed)
  function power(): Expression {
    const base = atom();
    if (peek().text !== "^") return base;
    k++;
    const exponent = unary();
    return (x, y, t) => base(x, y, t) ** exponent(x, y, t);
  }
  // atom := number | x | y | t | pi | name "(" sum ")" | "(" sum ")"
  function atom(): Expression {
    const token = peek();
    if (token.kind === "number") {
      k++;
      const v = token.value;
      return () => v;
    }
    if (token.kind === "name") {
      k++;
      switch (token.text) {
        case "x":
          return (x) => x;
        case "y":
          return (_x, y) => y;
        case "t":
          return (_x, _y, t) => t;
        case "pi":
          return () => Math.PI;
      }
      const f = Object.hasOwn(functions, token.text) ? functions[token.text] : undefined;
      if (!f) return fail(`unknown name "${token.text}"`, token);
      if (peek().text !== "(") fail(`expected "(" after ${token.text}`);
      k++;
      const a = sum();
      expect(")");
      return (x, y, t) => f(a(x, y, t));
    }
    if (token.text === "(") {
      k++;
      const a = sum();
      expect(")");
      return a;
    }
    return fail(token.kind === "end" ? "unexpected end" : `unexpected "${token.text}"`, token);
  }

  if (source.trim() === "") throw new RangeError("invalid expression: empty");
  const e = sum();
  if (peek().kind !== "end") fail(`unexpected "${peek().text}"`);
  return e;
}

/** Relative step of the central differences for the divergence and the JVPs. */
const H = 1e-5;

/** A field typed as two expressions, with its divergence and JVPs by central differences. */
export interface ExpressionField extends VelocityField {
  readonly u1: string;
  readonly u2: string;
  readonly divergence: (out: Float64Array, x: Float64Array, n: number, t: number) => void;
  readonly jvp: (out: Float64Array, x: Float64Array, v: Float64Array, n: number, t: number) => void;
}

/**
 * The field u_t(x, y) = (u₁(x, y, t), u₂(x, y, t)) of two expressions (see `parseExpression`). Its divergence
 * ∂u₁/∂x + ∂u₂/∂y and its Jacobian-vector products are central differences with step h = 10⁻⁵·max(1, |x|) (error
 * O(h²), about 10⁻¹⁰ for smooth fields). Throws a RangeError naming u1 or u2 when one does not parse.
 */
export function expressionField(u1: string, u2: string): ExpressionField {
  const parse = (name: string, source: string) => {
    try {
      return parseExpression(source);
    } catch (error) {
      throw new RangeError(`${name}: ${(error as Error).message}`);
    }
  };
  const f1 = parse("u1", u1);
  const f2 = parse("u2", u2);
  const step = (a: number) => H * Math.max(1, Math.abs(a));
  return {
    dim: 2,
    u1,
    u2,
    velocity(out, x, n, t) {
      checkBatch(x, n, 2);
      for (let i = 0; i < 2 * n; i += 2) {
        const a = x[i]!;
        const b = x[i + 1]!;
        out[i] = f1(a, b, t);
        out[i + 1] = f2(a, b, t);
      }
    },
    divergence(out, x, n, t) {
      checkBatch(x, n, 2);
      for (let i = 0; i < n; i++) {
        const a = x[2 * i]!;
        const b = x[2 * i + 1]!;
        const ha = step(a);
        const hb = step(b);
        out[i] = (f1(a + ha, b, t) - f1(a - ha, b, t)) / (2 * ha) + (f2(a, b + hb, t) - f2(a, b - hb, t)) / (2 * hb);
      }
    },
    jvp(out, x, v, n, t) {
      checkBatch(x, n, 2);
      for (let i = 0; i < 2 * n; i += 2) {
        const a = x[i]!;
        const b = x[i + 1]!;
        const norm = Math.hypot(v[i]!, v[i + 1]!);
        if (norm === 0) {
          out[i] = 0;
          out[i + 1] = 0;
          continue;
        }
        // A directional derivative along v: (u(x + h v̂) − u(x − h v̂)) / 2h, scaled back by |v|.
        const h = step(Math.hypot(a, b));
        const da = (h * v[i]!) / norm;
        const db = (h * v[i + 1]!) / norm;
        const s = norm / (2 * h);
        out[i] = (f1(a + da, b + db, t) - f1(a - da, b - db, t)) * s;
        out[i + 1] = (f2(a + da, b + db, t) - f2(a - da, b - db, t)) * s;
      }
    }
  };
}

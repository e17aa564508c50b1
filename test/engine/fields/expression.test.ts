import {describe, expect, it} from "vitest";
import {expressionField, parseExpression} from "../../../engine/fields/expression.ts";
import {fieldPreset} from "../../../engine/fields/presets.ts";

const at = (source: string, x = 0, y = 0, t = 0) => parseExpression(source)(x, y, t);

describe("parseExpression", () => {
  it("follows the usual precedence: ^ over unary minus over * / over + −", () => {
    expect(at("1 + 2 * 3")).toBe(7);
    expect(at("(1 + 2) * 3")).toBe(9);
    expect(at("8 / 4 / 2")).toBe(1);
    expect(at("10 - 4 - 3")).toBe(3);
    expect(at("2 ^ 3 ^ 2")).toBe(512);
    expect(at("-x^2", 3)).toBe(-9);
    expect(at("(-x)^2", 3)).toBe(9);
    expect(at("2^-1")).toBe(0.5);
    expect(at("- - 2")).toBe(2);
    expect(at("2 * -y", 0, 4)).toBe(-8);
  });

  it("reads numbers, the variables x y t, pi and the functions", () => {
    expect(at("1.5e2 + .5")).toBe(150.5);
    expect(at("x + 10*y + 100*t", 1, 2, 3)).toBe(321);
    expect(at("pi")).toBe(Math.PI);
    expect(at("sin(pi/2) + cos(0) + tan(0)")).toBeCloseTo(2, 15);
    expect(at("exp(log(3))")).toBeCloseTo(3, 14);
    expect(at("sqrt(abs(-16)) + tanh(0)")).toBe(4);
    expect(at("  cos(pi * t)  ", 0, 0, 1)).toBeCloseTo(-1, 15);
  });

  it("names the position of what it cannot read, with a RangeError", () => {
    expect(() => parseExpression("x + z")).toThrow(RangeError);
    expect(() => parseExpression("x + z")).toThrow('unknown name "z" at position 5');
    expect(() => parseExpression("x +")).toThrow("unexpected end at position 4");
    expect(() => parseExpression("(x + 1")).toThrow('expected ")" but found "end of input" at position 7');
    expect(() => parseExpression("x $ 2")).toThrow('unexpected "$" at position 3');
    expect(() => parseExpression("sin x")).toThrow('expected "(" after sin at position 5');
    expect(() => parseExpression("2 x")).toThrow('unexpected "x" at position 3');
    expect(() => parseExpression("")).toThrow("invalid expression: empty");
    expect(() => parseExpression("constructor(1)")).toThrow('unknown name "constructor"');
  });
});

describe("expressionField", () => {
  const points = new Float64Array([0.3, -1.2, 2, 0.5, -1.7, -2.4]);
  const n = 3;

  it("spells the presets it is written as (rotation k = 1 is (−y, x); swirl at k = 1 is (1 + 2t)(−y, x))", () => {
    const cases: [string, string, ReturnType<typeof fieldPreset>][] = [
      ["-y", "x", fieldPreset("rotation")],
      ["-2*x", "-2*y", fieldPreset("sink", {strength: 2})],
      ["x", "-y", fieldPreset("saddle")],
      ["-(1 + 2*t)*y", "(1 + 2*t)*x", fieldPreset("swirl")],
      ["-4*x*(x^2 - 1)", "-y", fieldPreset("two-well")]
    ];
    for (const [u1, u2, preset] of cases) {
      const field = expressionField(u1, u2);
      for (const t of [0, 0.4, 1]) {
        const [a, b] = [new Float64Array(2 * n), new Float64Array(2 * n)];
        field.velocity(a, points, n, t);
        preset.velocity(b, points, n, t);
        for (let i = 0; i < 2 * n; i++) expect(a[i]).toBeCloseTo(b[i]!, 12);
        const [da, db] = [new Float64Array(n), new Float64Array(n)];
        field.divergence(da, points, n, t);
        preset.divergence(db, points, n, t);
        for (let i = 0; i < n; i++) expect(da[i]).toBeCloseTo(db[i]!, 6);
        const v = new Float64Array([1, 2, -0.5, 0.3, 0, 0]);
        field.jvp(a, points, v, n, t);
        preset.jvp(b, points, v, n, t);
        for (let i = 0; i < 2 * n; i++) expect(a[i]).toBeCloseTo(b[i]!, 6);
      }
    }
  });

  it("says which component does not parse", () => {
    expect(() => expressionField("x", "y +")).toThrow(/^u2: invalid expression: unexpected end at position 4$/);
    expect(() => expressionField("q", "y")).toThrow(RangeError);
  });
});

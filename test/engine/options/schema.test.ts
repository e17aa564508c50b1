import fc from "fast-check";
import {describe, expect, expectTypeOf, it} from "vitest";
import {
  boolean,
  checkValue,
  checkValues,
  choice,
  defaults,
  describeField,
  formatValue,
  integer,
  number,
  parseValue,
  parseValues,
  seed,
  text,
  type Field,
  type Values
} from "../../../engine/options/schema.ts";

const schema = {
  n: integer(500, "samples", {min: 0, max: 20000}),
  t: number(0.5, "time", {min: 0, max: 1, step: 0.01}),
  lr: number(1e-3, "learning rate", {min: 0}),
  shift: number(0, "any real"),
  seed: seed(),
  play: boolean(false, "animate"),
  method: choice(["i-cfm", "ot-cfm"], "ot-cfm", "recipe"),
  word: text("flow", "a word", 12)
};

/** One field of each kind, and a few of each kind with other bounds. */
const fields: [string, Field][] = [
  ...Object.entries(schema),
  ["neg", integer(-3, "a negative range", {max: -1})],
  ["open", integer(7, "no bounds")],
  ["small", number(1e-9, "tiny", {min: 0, max: 1e-6})],
  ["empty", text("", "may be empty", 0)]
];

/** Strings shaped like what reaches the parser: anything at all, and near-misses of numbers and names. */
const anyText = fc.oneof(
  fc.string({unit: "binary", maxLength: 60}),
  fc.string({unit: fc.constantFrom(..."0123456789+-.eE xInfinityNaN_,"), maxLength: 24}),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom("", " ", "true", "false", "TRUE", "1", "0x10", "1e400", "-0", "ot-cfm", " ot-cfm ", "__proto__")
);

describe("parseValue", () => {
  it("parseValue() never throws anything but a RangeError that names the key", () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), anyText, ([key, f], raw) => {
        try {
          const v = parseValue(key, f, raw);
          expect(() => checkValue(key, f, v)).not.toThrow();
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect((error as Error).message.startsWith(`invalid ${key}: `)).toBe(true);
        }
      }),
      {numRuns: 3000}
    );
  });

  it("parseValue(formatValue(v)) gives back every valid value", () => {
    const valid = (f: Field): fc.Arbitrary<unknown> => {
      switch (f.kind) {
        case "number":
          return fc.double({min: f.min ?? -Number.MAX_VALUE, max: f.max ?? Number.MAX_VALUE, noNaN: true});
        case "integer":
          return fc.integer({min: f.min ?? -(2 ** 31), max: f.max ?? 2 ** 31});
        case "seed":
          return fc.integer({min: 0, max: 2 ** 32 - 1});
        case "boolean":
          return fc.boolean();
        case "choice":
          return fc.constantFrom(...f.choices);
        case "text":
          return fc.string({unit: "binary", maxLength: f.maxLength}).filter((s) => s.length <= f.maxLength);
      }
    };
    for (const [key, f] of fields) {
      fc.assert(
        fc.property(valid(f), (v) => {
          checkValue(key, f, v);
          expect(Object.is(parseValue(key, f, formatValue(v as never)), v)).toBe(true);
        }),
        {numRuns: 300}
      );
    }
  });

  it("parseValue() reads numbers strictly, booleans as attributes do, and names with outer spaces", () => {
    expect(parseValue("t", schema.t, " 0.25 ")).toBe(0.25);
    expect(parseValue("t", schema.t, "1e-1")).toBe(0.1);
    expect(parseValue("n", schema.n, "2e3")).toBe(2000);
    expect(parseValue("seed", schema.seed, "4294967295")).toBe(2 ** 32 - 1);
    expect(parseValue("play", schema.play, "")).toBe(true);
    expect(parseValue("play", schema.play, "false")).toBe(false);
    expect(parseValue("method", schema.method, " i-cfm ")).toBe("i-cfm");
    expect(parseValue("word", schema.word, " a b ")).toBe(" a b ");
    for (const [key, f, raw] of [
      ["t", schema.t, "0.5x"],
      ["t", schema.t, "0x1"],
      ["t", schema.t, "Infinity"],
      ["t", schema.t, "1.5"],
      ["lr", schema.lr, "1e400"],
      ["n", schema.n, "1.5"],
      ["n", schema.n, ""],
      ["seed", schema.seed, "-1"],
      ["seed", schema.seed, "4294967296"],
      ["play", schema.play, "yes"],
      ["method", schema.method, "ot"],
      ["word", schema.word, "a".repeat(13)]
    ] as const) {
      expect(() => parseValue(key, f, raw), `${key} = ${raw}`).toThrow(RangeError);
    }
    expect(() => parseValue("n", schema.n, "abc")).toThrow('invalid n: "abc" (an integer from 0 to 20000)');
    expect(() => parseValue("method", schema.method, "ot")).toThrow('invalid method: "ot" (one of i-cfm, ot-cfm)');
  });

  it("parseValue() shortens a long bad value in its message", () => {
    expect(() => parseValue("t", schema.t, "9".repeat(500))).toThrow(/invalid t: "9{40}…" \(a number from 0 to 1\)$/);
  });

  it("parseValue() turns a value that is not text at all into a RangeError", () => {
    expect(() => parseValue("t", schema.t, 3 as unknown as string)).toThrow("invalid t: 3");
  });
});

describe("parseValues", () => {
  it("parseValues() never throws anything but a RangeError that names the place and the key", () => {
    const keys = fc.constantFrom(...Object.keys(schema), "sede", "__proto__", "constructor", "toString", "");
    fc.assert(
      fc.property(fc.dictionary(keys, anyText, {maxKeys: 4}), (texts) => {
        try {
          const out = parseValues(schema, texts, "slide 4");
          for (const key of Object.keys(out)) expect(Object.hasOwn(schema, key)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          const message = (error as Error).message;
          expect(message.startsWith("slide 4: ")).toBe(true);
          expect(Object.keys(texts).some((key) => message.includes(` ${key}`))).toBe(true);
        }
      }),
      {numRuns: 2000}
    );
  });

  it("parseValues() returns only the keys it was given, typed by the schema", () => {
    const out = parseValues(schema, {t: "0.1", method: "i-cfm"});
    expect(out).toEqual({t: 0.1, method: "i-cfm"});
    expectTypeOf(out).toEqualTypeOf<Partial<Values<typeof schema>>>();
  });

  it("parseValues() names an unknown key with the given noun and place", () => {
    expect(() => parseValues(schema, {sede: "1"})).toThrow(/^unknown option: sede$/);
    expect(() => parseValues(schema, {sede: "1"}, "slide 4", "state")).toThrow(/^slide 4: unknown state: sede$/);
    expect(() => parseValues(schema, {toString: "1"})).toThrow("unknown option: toString");
    expect(() => parseValues(schema, {t: "2"}, "link")).toThrow(/^link: invalid t: "2" \(a number from 0 to 1\)$/);
  });
});

describe("checkValues", () => {
  it("checkValues() fills defaults and rejects unknown keys and wrong types", () => {
    expect(checkValues(schema, {n: 3})).toEqual({...defaults(schema), n: 3});
    expect(() => checkValues(schema, {n: 3, sede: 1})).toThrow(/^unknown option: sede$/);
    expect(() => checkValues(schema, {n: "3"})).toThrow('invalid n: "3"');
    expect(() => checkValues(schema, {t: NaN})).toThrow("invalid t: NaN");
    expect(() => checkValues(schema, {play: 1})).toThrow("invalid play: 1 (true or false)");
    expect(() => checkValues(schema, {method: "sb"})).toThrow('invalid method: "sb"');
    expect(() => checkValues(schema, {seed: 1.5})).toThrow("invalid seed: 1.5");
    expect(() => checkValues(schema, {word: 7})).toThrow("invalid word: 7");
    expect(() => checkValues(schema, {n: Object.create(null)})).toThrow("invalid n: an object");
    expect(() => checkValues(schema, {n: [1]})).toThrow("invalid n: an array");
    expect(() => checkValues(schema, {n: 10n})).toThrow("invalid n: 10");
    expect(() => checkValues(schema, JSON.parse('{"__proto__": 1}') as Record<string, unknown>)).toThrow(
      "unknown option: __proto__"
    );
  });

  it("checkValues() never throws anything but a RangeError", () => {
    const value = fc.oneof(fc.anything({withNullPrototype: true}), fc.double(), fc.string(), fc.boolean());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(schema), "x"), value, {maxKeys: 4}), (values) => {
        try {
          checkValues(schema, values);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
        }
      })
    );
  });
});

describe("builders", () => {
  it("a builder rejects a default its own field would reject", () => {
    expect(() => integer(1.5, "n")).toThrow("invalid default: 1.5 (an integer)");
    expect(() => integer(-1, "n", {min: 0})).toThrow(RangeError);
    expect(() => integer(5, "n", {min: 6, max: 4})).toThrow(RangeError);
    expect(() => number(NaN, "x")).toThrow("invalid default: NaN");
    expect(() => number(Infinity, "x")).toThrow(RangeError);
    expect(() => number(2, "x", {max: 1})).toThrow("invalid default: 2 (a number ≤ 1)");
    expect(() => seed(-1)).toThrow(RangeError);
    expect(() => seed(2 ** 32)).toThrow(RangeError);
    expect(() => choice(["a", "b"], "c" as "a", "x")).toThrow('invalid default: "c" (one of a, b)');
    expect(() => choice([], "" as never, "x")).toThrow(RangeError);
    expect(() => text("toolong", "x", 3)).toThrow(RangeError);
    expect(() => text("", "x", -1)).toThrow(RangeError);
  });

  it("a builder rejects choices that could not be parsed back and a step that is not positive", () => {
    expect(() => choice(["a", "a"], "a", "x")).toThrow('invalid choice: "a"');
    expect(() => choice(["a", " b"], "a", "x")).toThrow('invalid choice: " b"');
    expect(() => choice(["a", ""], "a", "x")).toThrow('invalid choice: ""');
    expect(() => number(0, "x", {step: 0})).toThrow("invalid step: 0");
    expect(() => number(0, "x", {step: NaN})).toThrow("invalid step: NaN");
  });

  it("fields are frozen and described for controls and docs", () => {
    expect(Object.isFrozen(schema.method)).toBe(true);
    expect(Object.isFrozen(schema.method.choices)).toBe(true);
    expect(describeField(schema.n)).toBe("an integer from 0 to 20000");
    expect(describeField(schema.lr)).toBe("a number ≥ 0");
    expect(describeField(schema.shift)).toBe("a number");
    expect(describeField(schema.seed)).toBe("an integer from 0 to 4294967295");
    expect(describeField(schema.play)).toBe("true or false");
    expect(describeField(schema.method)).toBe("one of i-cfm, ot-cfm");
    expect(describeField(schema.word)).toBe("text of at most 12 characters");
  });
});

describe("types", () => {
  it("Values<S> infers each option's type from its field", () => {
    type Options = Values<typeof schema>;
    expectTypeOf<Options>().toEqualTypeOf<{
      n: number;
      t: number;
      lr: number;
      shift: number;
      seed: number;
      play: boolean;
      method: "i-cfm" | "ot-cfm";
      word: string;
    }>();
    expectTypeOf(defaults(schema)).toEqualTypeOf<Options>();
    expectTypeOf(checkValues(schema, {})).toEqualTypeOf<Options>();
    const o: Options = defaults(schema);
    // @ts-expect-error a name that is not one of the choices
    o.method = "sb";
    // @ts-expect-error a number option does not take text
    o.n = "3";
    expect(defaults(schema)).toEqual({
      n: 500,
      t: 0.5,
      lr: 1e-3,
      shift: 0,
      seed: 0,
      play: false,
      method: "ot-cfm",
      word: "flow"
    });
  });
});

import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {boolean, choice, integer, number, parseValues, seed, text} from "../../../engine/options/schema.ts";
import {parseDeclarations} from "../../../demos/runtime/declarations.ts";
import {attributeTexts, changed, controlKeys, resolveOptions, splitLink} from "../../../demos/runtime/options.ts";

function figure(attributes: Record<string, string>): HTMLElement {
  const element = document.createElement("figure");
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

const schema = {
  n: integer(500, "samples", {min: 0, max: 20000}),
  seed: seed(1),
  dataset: choice(["moons", "circles"], "moons", "target"),
  showField: boolean(false, "draw the field"),
  lr: number(0.01, "learning rate", {min: 0, max: 1}),
  word: text("flow", "a word", 12)
};
const stateSchema = {t: number(0, "time", {min: 0, max: 1}), show: choice(["dots", "field"], "dots", "what")};

describe("attributeTexts", () => {
  it("reads data-* in camel case and ignores the runtime's and Reveal's own", () => {
    const el = figure({
      "data-demo": "x",
      "data-state": "t: 1",
      "data-stage": "s",
      "data-fragment-index": "2",
      "data-id": "m-a",
      "data-auto-animate": "",
      "data-background-color": "red",
      "data-transition": "fade",
      "data-mid": "e",
      "data-autoplay": "",
      "data-controls": "n t",
      "data-show-field": "true",
      "data-n": "3"
    });
    expect(attributeTexts(el)).toEqual({showField: "true", n: "3"});
  });
});

describe("controlKeys", () => {
  const spec = {options: {n: integer(5, "n")}, state: {t: number(0, "t"), paths: boolean(false, "p")}, controls: ["t"]};
  it("shows the demo's own controls, or the ones a figure names in data-controls", () => {
    expect(controlKeys(figure({}), spec)).toEqual(["t"]);
    expect(controlKeys(figure({"data-controls": "n, t paths"}), spec)).toEqual(["n", "t", "paths"]);
    expect(controlKeys(figure({"data-controls": ""}), spec)).toEqual([]);
  });
  it("refuses a name that is neither an option nor a state key, naming both lists", () => {
    expect(() => controlKeys(figure({"data-controls": "n speed"}), spec)).toThrow(
      /unknown control in data-controls: speed \(one of: n, t, paths\)/
    );
  });
});

describe("resolveOptions", () => {
  it("takes defaults < attributes < link", () => {
    expect(resolveOptions(schema, {})).toEqual({
      n: 500,
      seed: 1,
      dataset: "moons",
      showField: false,
      lr: 0.01,
      word: "flow"
    });
    const o = resolveOptions(schema, {n: "250", showField: "", dataset: "circles"}, {n: "9", seed: "4"});
    expect(o).toMatchObject({n: 9, seed: 4, dataset: "circles", showField: true});
  });

  it("names the attribute or the link and the option", () => {
    expect(() => resolveOptions(schema, {n: "abc"})).toThrow('invalid n: "abc" (an integer from 0 to 20000)');
    expect(() => resolveOptions(schema, {sede: "3"})).toThrow("unknown option: data-sede");
    expect(() => resolveOptions(schema, {showField: "yes"})).toThrow("invalid showField");
    expect(() => resolveOptions(schema, {}, {lr: "Infinity"})).toThrow("link: invalid lr");
    expect(() => resolveOptions(schema, {}, {dataset: "<script>"})).toThrow("link: invalid dataset");
  });
});

describe("splitLink and changed", () => {
  it("splits a link's keys into options and state, and refuses others", () => {
    expect(splitLink({n: "3", t: "0.5"}, schema, stateSchema)).toEqual({options: {n: "3"}, state: {t: "0.5"}});
    expect(() => splitLink({x: "1"}, schema, stateSchema)).toThrow("link: unknown key: x");
    expect(() => splitLink({["__proto__"]: "1"}, schema, stateSchema)).toThrow(RangeError);
  });

  it("keeps what differs", () => {
    expect(changed({a: 1, b: "x", c: true}, {a: 1, b: "y", c: true})).toEqual({b: "x"});
  });
});

describe("parsing never crashes (property)", () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({unit: "binary"}),
    fc.constantFrom("NaN", "-0", "1e400", "0x10", " 1 ")
  );
  const key = fc.constantFrom(...Object.keys(schema), "sede", "constructor", "__proto__", "t");

  it("no attribute or link text throws anything but a RangeError naming the option", () => {
    fc.assert(
      fc.property(fc.dictionary(key, anyText), fc.dictionary(key, anyText), (attributes, link) => {
        try {
          const o = resolveOptions(schema, attributes, link);
          expect(Object.keys(o).sort()).toEqual(Object.keys(schema).sort());
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect((error as Error).message).toMatch(/(invalid|unknown option:) (data-)?[A-Za-z_]/);
        }
      }),
      {numRuns: 500}
    );
  });

  it("no link string crashes the split into options and state or their parsing", () => {
    fc.assert(
      fc.property(anyText, (link) => {
        try {
          const texts = parseDeclarations(link, "link");
          const split = splitLink(texts, schema, stateSchema);
          resolveOptions(schema, {}, split.options);
          parseValues(stateSchema, split.state, "link", "state key");
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect((error as Error).message).toMatch(/^link: /);
        }
      }),
      {numRuns: 500}
    );
  });
});

import {describe, expect, it} from "vitest";
import {checkInteger, checkRange, readOptions} from "../../../demos/runtime/options.ts";

function figure(attributes: Record<string, string>): HTMLElement {
  const element = document.createElement("figure");
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

const defaults = {n: 500, seed: 1, dataset: "moons", showField: false};

describe("readOptions", () => {
  it("falls back to the defaults for missing attributes and ignores data-demo and Reveal's data-*", () => {
    const o = readOptions(figure({"data-demo": "x", "data-fragment-index": "2", "data-id": "m-a"}), defaults);
    expect(o).toEqual(defaults);
  });

  it("types each data-* attribute by its default: numbers, strings, booleans, kebab-case names", () => {
    const o = readOptions(
      figure({"data-n": "250", "data-seed": "0", "data-dataset": "circles", "data-show-field": ""}),
      defaults
    );
    expect(o).toEqual({n: 250, seed: 0, dataset: "circles", showField: true});
    expect(readOptions(figure({"data-show-field": "false"}), defaults).showField).toBe(false);
  });

  it("throws invalid <name>: <value> for unparsable numbers and booleans", () => {
    expect(() => readOptions(figure({"data-n": "abc"}), defaults)).toThrow("invalid n: abc");
    expect(() => readOptions(figure({"data-n": ""}), defaults)).toThrow("invalid n: ");
    expect(() => readOptions(figure({"data-n": "Infinity"}), defaults)).toThrow("invalid n: Infinity");
    expect(() => readOptions(figure({"data-show-field": "yes"}), defaults)).toThrow("invalid show-field: yes");
  });

  it("throws unknown option for an attribute the demo does not have (catches typos)", () => {
    expect(() => readOptions(figure({"data-sede": "3"}), defaults)).toThrow("unknown option: data-sede");
  });

  it("does not modify the defaults", () => {
    readOptions(figure({"data-n": "3"}), defaults);
    expect(defaults.n).toBe(500);
  });
});

describe("checkInteger and checkRange", () => {
  it("accept the bounds and reject values outside or between integers", () => {
    expect(() => checkInteger("n", 1, 1, 10)).not.toThrow();
    expect(() => checkInteger("n", 10, 1, 10)).not.toThrow();
    expect(() => checkInteger("n", 11, 1, 10)).toThrow(RangeError);
    expect(() => checkInteger("n", 1.5, 1, 10)).toThrow("invalid n: 1.5");
    expect(() => checkRange("lr", 0.5, 0, 1)).not.toThrow();
    expect(() => checkRange("lr", NaN, 0, 1)).toThrow("invalid lr: NaN");
  });
});

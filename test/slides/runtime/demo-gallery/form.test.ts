import {describe, expect, it} from "vitest";
import {boolean, choice, integer, number, seed, text} from "../../../../engine/options/schema.ts";
import {optionsForm} from "../../../../slides/runtime/demo-gallery/form.ts";

const schema = {
  n: integer(5, "count", {min: 0, max: 10}),
  lr: number(0.01, "learning rate", {min: 0}),
  decay: number(0.1, "decay", {min: 1e-6, max: 10}),
  seed: seed(2),
  method: choice(["a", "b"], "a", "method"),
  grid: boolean(true, "draw the grid"),
  word: text("flow", "a word", 8)
};

describe("optionsForm", () => {
  it("has the right control for each kind, starting at the defaults and the initial texts", () => {
    const form = optionsForm(document, schema, {method: "b", grid: "false"}, () => {});
    const control = (name: string) => form.element.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    const ranges = form.element.querySelectorAll('input[type="range"]');
    expect(ranges).toHaveLength(1); // n; decay spans seven decades: typed only
    expect(ranges[0]!.getAttribute("max")).toBe("10");
    expect(control("n").type).toBe("number");
    expect(control("lr").min).toBe("0");
    expect(control("seed").min).toBe("");
    expect(control("method").localName).toBe("select");
    expect(control("grid").checked).toBe(false);
    expect(control("word").type).toBe("text");
    expect(form.texts()).toEqual({
      n: "5",
      lr: "0.01",
      decay: "0.1",
      seed: "2",
      method: "b",
      grid: "false",
      word: "flow"
    });
    expect(form.element.textContent).toContain("learning rate (a number ≥ 0)");
    expect(form.element.textContent).not.toContain("one of a, b");
  });

  it("sends every text on change, unchecked: the demo names what is wrong", () => {
    const sent: Record<string, string>[] = [];
    const form = optionsForm(document, schema, {}, (texts) => sent.push(texts));
    const word = form.element.querySelector<HTMLInputElement>('[name="word"]')!;
    word.value = "far too long";
    word.dispatchEvent(new Event("change", {bubbles: true}));
    expect(sent).toEqual([
      {
        n: "5",
        lr: "0.01",
        decay: "0.1",
        seed: "2",
        method: "a",
        grid: "true",
        word: "far too long"
      }
    ]);
  });

  it("keeps the slider and the number box of a bounded number together", () => {
    const form = optionsForm(document, schema, {}, () => {});
    const range = form.element.querySelector<HTMLInputElement>('input[type="range"]')!;
    range.value = "7";
    range.dispatchEvent(new Event("input", {bubbles: true}));
    expect(form.texts().n).toBe("7");
  });
});

import {afterEach, describe, expect, it, vi} from "vitest";
import {boolean, choice, integer, number, seed, text} from "../../../engine/options/schema.ts";
import {controls, formatProgress, type ControlsHost} from "../../../demos/runtime/controls.ts";

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

function host(over: Partial<ControlsHost> = {}) {
  const calls: string[] = [];
  const h: ControlsHost = {
    options: {n: integer(5, "how many", {min: 0, max: 10}), seed: seed(0), word: text("flow", "a word")},
    state: {t: number(0.5, "time", {min: 0, max: 1}), show: choice(["a", "b"], "a", "what"), on: boolean(true, "on")},
    keys: ["n", "seed", "word", "t", "show", "on"],
    player: true,
    setOption: (k, v) => void calls.push(`option ${k}=${v}`),
    setState: (k, v) => void calls.push(`state ${k}=${v}`),
    play: () => void calls.push("play"),
    pause: () => void calls.push("pause"),
    step: () => void calls.push("step"),
    reset: () => void calls.push("reset"),
    link: () => "http://localhost/deck/?demo-x=t:0.5#/s",
    ...over
  };
  return {h, calls};
}

describe("controls", () => {
  it("builds one labelled control per key, by kind, with the field's help as title", () => {
    const c = controls(document, host().h);
    const inputs = Array.from(c.element.querySelectorAll("label"), (l) => {
      const control = l.querySelector("input, select")!;
      return `${l.firstElementChild!.textContent}:${control.localName}${control.getAttribute("type") ? "." + control.getAttribute("type") : ""}`;
    });
    expect(inputs).toEqual([
      "n:input.range",
      "seed:input.number",
      "word:input.text",
      "t:input.range",
      "show:select",
      "on:input.checkbox"
    ]);
    expect(c.element.querySelector("label")!.title).toBe("how many (an integer from 0 to 10)");
  });

  it("sends options on change and state on input; shows values and the player's state", () => {
    const {h, calls} = host();
    const c = controls(document, h);
    document.body.append(c.element);
    const [n, , , t] = Array.from(c.element.querySelectorAll("input"));
    n!.value = "7";
    n!.dispatchEvent(new Event("input"));
    n!.dispatchEvent(new Event("change"));
    t!.value = "0.25";
    t!.dispatchEvent(new Event("input"));
    expect(calls).toEqual(["option n=7", "state t=0.25"]);
    c.update({n: 3, seed: 1, word: "w"}, {t: 0.75, show: "b", on: false}, false);
    expect(t!.value).toBe("0.75");
    expect(c.element.querySelector("output")!.textContent).toBe("3");
    expect(c.element.querySelector("select")!.value).toBe("b");
    const play = c.element.querySelector<HTMLButtonElement>(".demo-player button")!;
    expect(play.textContent).toBe("play");
    play.click();
    expect(calls.at(-1)).toBe("play");
  });

  it("keeps a select's keys from Reveal, and only Space and Enter of a button", () => {
    const c = controls(document, host().h);
    document.body.append(c.element);
    const heard: string[] = [];
    document.addEventListener("keydown", (e) => heard.push(e.key));
    const press = (element: Element, key: string) =>
      element.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
    const button = c.element.querySelector("button")!;
    for (const key of [" ", "Enter", "ArrowLeft", "PageDown", "Escape"]) press(button, key);
    expect(heard).toEqual(["ArrowLeft", "PageDown", "Escape"]);
    heard.length = 0;
    const select = c.element.querySelector("select")!;
    for (const key of [" ", "ArrowDown", "ArrowLeft", "a", "Escape"]) press(select, key);
    expect(heard).toEqual(["Escape"]);
  });

  it("copies the link, or shows it selected in a read-only field when the clipboard is missing", async () => {
    const c = controls(document, host().h);
    document.body.append(c.element);
    Object.defineProperty(navigator, "clipboard", {value: undefined, configurable: true});
    const copy = Array.from(c.element.querySelectorAll("button")).find((b) => b.textContent === "copy link")!;
    copy.click();
    const field = c.element.querySelector<HTMLInputElement>(".demo-link input")!;
    expect(field.readOnly).toBe(true);
    expect(field.value).toBe("http://localhost/deck/?demo-x=t:0.5#/s");
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", {value: {writeText}, configurable: true});
    copy.click();
    await Promise.resolve();
    expect(writeText).toHaveBeenCalledWith("http://localhost/deck/?demo-x=t:0.5#/s");
  });
});

describe("formatProgress", () => {
  it("says step, rate, time left and loss, or nothing without progress", () => {
    expect(formatProgress({progress: {steps: 50, total: 100, stepsPerSecond: 25}})).toBe(
      "step 50 / 100 · 25 steps/s · ~2 s left"
    );
    expect(formatProgress({progress: {steps: 100, total: 100, stepsPerSecond: 25, loss: NaN}})).toBe(
      "step 100 / 100 · 25 steps/s · loss NaN"
    );
    expect(formatProgress({})).toBeUndefined();
    expect(formatProgress(undefined)).toBeUndefined();
  });
});

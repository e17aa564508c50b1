import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {renderCode} from "../../../../slides/runtime/build/code.ts";
import {codeTabs, selectTab} from "../../../../slides/runtime/plugins/code-panel.ts";

const PANEL = `<div class="code-panel"><pre data-tab="A">a</pre><pre data-tab="B">b</pre><pre data-tab="C">c</pre></div>`;

describe("codeTabs", () => {
  let stop: () => void;
  let reached: string[];
  const onDocument = (event: KeyboardEvent) => reached.push(event.key);

  beforeEach(() => {
    document.body.innerHTML = `<div class="reveal"><section>${renderCode(PANEL, {root: "/"}).html}</section></div>`;
    stop = codeTabs(document.querySelector<HTMLElement>(".reveal")!);
    reached = [];
    document.addEventListener("keydown", onDocument);
  });
  afterEach(() => {
    stop();
    document.removeEventListener("keydown", onDocument);
  });

  const tabs = () => [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
  const panels = () => [...document.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
  const shown = () => panels().findIndex((p) => !p.hidden);
  const press = (target: HTMLElement, key: string) =>
    target.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true, cancelable: true}));

  it("shows a tab's panel when the tab is clicked, and only that one", () => {
    tabs()[2]!.click();
    expect(shown()).toBe(2);
    expect(panels().filter((p) => !p.hidden)).toHaveLength(1);
    expect(tabs().map((t) => t.getAttribute("aria-selected"))).toEqual(["false", "false", "true"]);
    expect(tabs().map((t) => t.tabIndex)).toEqual([-1, -1, 0]);
  });

  it("moves between tabs with the arrow keys, Home and End, wrapping, and keeps those keys from Reveal", () => {
    tabs()[0]!.focus();
    press(tabs()[0]!, "ArrowRight");
    expect(shown()).toBe(1);
    expect(document.activeElement).toBe(tabs()[1]);
    press(tabs()[1]!, "End");
    expect(shown()).toBe(2);
    press(tabs()[2]!, "ArrowRight");
    expect(shown()).toBe(0);
    press(tabs()[0]!, "ArrowLeft");
    expect(shown()).toBe(2);
    press(tabs()[2]!, "Home");
    expect(shown()).toBe(0);
    press(tabs()[0]!, " ");
    expect(reached).toEqual([]);
  });

  it("lets keys through to Reveal when no tab has the focus", () => {
    press(document.body, "ArrowRight");
    press(panels()[0]!, "ArrowRight"); // a panel keeps only the keys that scroll it, and only while it can scroll
    press(panels()[0]!, "ArrowDown");
    expect(reached).toEqual(["ArrowRight", "ArrowRight", "ArrowDown"]);
    expect(shown()).toBe(0);
  });

  it("keeps up and down for a panel that scrolls", () => {
    Object.defineProperty(panels()[0]!, "scrollHeight", {value: 900});
    Object.defineProperty(panels()[0]!, "clientHeight", {value: 400});
    press(panels()[0]!, "ArrowDown");
    press(panels()[0]!, "ArrowRight");
    expect(reached).toEqual(["ArrowRight"]);
  });

  it("selectTab is idempotent and ignores a tab outside a tab list", () => {
    selectTab(tabs()[1]!);
    selectTab(tabs()[1]!);
    expect(shown()).toBe(1);
    const loose = document.createElement("button");
    expect(() => selectTab(loose)).not.toThrow();
  });
});

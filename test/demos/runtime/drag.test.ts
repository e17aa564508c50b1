import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {mountDemo} from "../../../demos/runtime/mount.ts";
import {fakeEngine, fakeSpec, figure, frames, mountOptions, stubCanvas} from "./fakes.ts";

beforeEach(() => {
  vi.useFakeTimers({toFake: ["requestAnimationFrame", "cancelAnimationFrame", "performance", "setTimeout"]});
  stubCanvas();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const SVG = "http://www.w3.org/2000/svg";

/** A demo with one draggable handle at (t, y) on a 200×100 figure: x = 200 t, y = 50 (1 − y). */
function dragDemo() {
  const renders: {state: Record<string, unknown>}[] = [];
  const {spec} = fakeSpec({
    drag: {handle: ["t", "y"]},
    renderKeys: ["t", "y"],
    render(_frame, _o, s) {
      renders.push({state: {...s}});
      const svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("width", "200");
      svg.setAttribute("height", "100");
      const handle = document.createElementNS(SVG, "circle");
      handle.setAttribute("data-drag", "handle");
      handle.setAttribute("cx", String(200 * s.t));
      svg.append(handle);
      svg.getBoundingClientRect = () => ({left: 10, top: 20, width: 400, height: 200}) as DOMRect;
      const scales = {
        x: {apply: (v: unknown) => 200 * Number(v), invert: (px: number) => px / 200},
        y: {apply: (v: unknown) => 50 * (1 - Number(v)), invert: (py: number) => 1 - py / 50}
      };
      return Object.assign(svg, {scale: (name: string) => scales[name as "x" | "y"]});
    }
  });
  return {spec, renders};
}

describe("draggable marks", () => {
  it("move their state keys with the arrow keys, keep focus across re-renders, and keep the keys from Reveal", async () => {
    const {spec, renders} = dragDemo();
    const el = figure();
    mountDemo(el, spec, mountOptions(fakeEngine().engine)).resume();
    await frames(16);
    const heard: string[] = [];
    document.addEventListener("keydown", (e) => heard.push(e.key));
    const handle = el.querySelector<SVGElement>("[data-drag]")!;
    expect(handle.getAttribute("tabindex")).toBe("0");
    handle.focus();
    handle.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
    handle.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowDown", bubbles: true}));
    await frames(16);
    expect(renders.at(-1)!.state).toMatchObject({t: 0.02, y: -0.04});
    expect(heard).toEqual([]);
    const next = el.querySelector("[data-drag]");
    expect(next).not.toBe(handle);
    expect(document.activeElement).toBe(next);
  });

  it("follow the pointer through the inverse of the figure's scales (CSS-scaled figure), clamped to the schema", async () => {
    const {spec, renders} = dragDemo();
    const el = figure();
    mountDemo(el, spec, mountOptions(fakeEngine().engine)).resume();
    await frames(16);
    const Pointer = window.PointerEvent ?? MouseEvent;
    const at = (type: string, x: number, y: number, target: Element) =>
      target.dispatchEvent(
        new Pointer(type, {clientX: x, clientY: y, bubbles: true, pointerId: 1} as PointerEventInit)
      );
    const box = el.querySelector(".demo-output")!;
    // The figure is shown at twice its size: client (10 + 2·100, 20 + 2·25) is figure pixel (100, 25).
    at("pointerdown", 210, 70, el.querySelector("[data-drag]")!);
    await frames(16);
    expect(renders.at(-1)!.state).toMatchObject({t: 0.5, y: 0.5});
    at("pointermove", 10 + 2 * 300, 20, box);
    await frames(16);
    expect(renders.at(-1)!.state).toMatchObject({t: 1, y: 1});
    at("pointerup", 10, 20, box);
    at("pointermove", 10 + 2 * 20, 20, box);
    await frames(16);
    expect(renders.at(-1)!.state.t).toBe(1);
  });
});

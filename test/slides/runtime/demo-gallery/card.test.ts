import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {loadDemo} from "../../../../demos/index.ts";
import {demoCard, type CardOptions} from "../../../../slides/runtime/demo-gallery/card.ts";
import type {Watch} from "../../../../slides/runtime/demo-gallery/visibility.ts";
import {fakeEngine, fakeSpec, frames, microtasks, stubCanvas} from "../../../demos/runtime/fakes.ts";

beforeEach(() => {
  vi.useFakeTimers({toFake: ["requestAnimationFrame", "cancelAnimationFrame", "performance", "setTimeout"]});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

/** A watch the test drives: `show(true)` puts the card's figure on screen. */
function screen() {
  let listener: (visible: boolean) => void = () => {};
  const watch: Watch = (_element, onChange) => (listener = onChange);
  return {watch, show: (visible: boolean) => listener(visible)};
}

async function card(o: Partial<CardOptions> = {}, engine = fakeEngine()) {
  const s = screen();
  // Loaded first: a module import is not a microtask, and the card builds its form once the spec is there.
  const load = o.load ?? loadDemo("gaussian-samples");
  await load.catch(() => {});
  const c = demoCard(document, {
    id: "gaussian-samples",
    load,
    uses: [{slug: "talk", title: "Talk", h: 2, v: 0, href: "./slides/talk/#/2/0"}],
    engine: engine.engine,
    reducedMotion: false,
    watch: s.watch,
    ...o
  });
  document.body.append(c.element);
  await microtasks();
  return {...s, c, figure: c.element.querySelector("figure")!};
}

/** Sets a form control's value and sends the `change` the browser would. */
function change(form: Element, name: string, value: string) {
  const input = form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event("change", {bubbles: true}));
}

describe("demoCard", () => {
  it("runs its demo only while its figure is on screen, and shows its state and render time", async () => {
    const {c, figure, show} = await card();
    const status = c.element.querySelector(".demo-card-status")!;
    expect(figure.querySelector("svg")).toBeNull();
    expect(status.textContent).toBe("off screen");
    show(true);
    await frames(16);
    expect(figure.dataset.demoState).toBe("drawn");
    expect(figure.querySelectorAll("svg circle")).toHaveLength(500);
    await microtasks();
    expect(status.textContent).toMatch(/^drawn · render \d+\.\d ms$/);
    show(false);
    expect(figure.dataset.demoState).toBe("paused");
  });

  it("has a control for every option; a change sets the figure's data-* attributes and mounts the demo again", async () => {
    const {c, figure, show} = await card();
    show(true);
    await frames(16);
    const form = c.element.querySelector("form.demo-options")!;
    expect([...form.querySelectorAll("[name]")].map((e) => e.getAttribute("name"))).toEqual(["n", "seed", "sigma"]);
    const before = figure.querySelector(".demo-output");
    change(form, "n", "40");
    await frames(16);
    expect(figure.dataset.n).toBe("40");
    expect(figure.querySelector(".demo-output")).not.toBe(before);
    expect(figure.querySelectorAll("svg circle")).toHaveLength(40);
    expect(c.element.querySelector(".demo-card-tag")!.textContent).toBe(
      '<figure data-demo="gaussian-samples" data-n="40"></figure>'
    );
    change(form, "n", "500");
    await frames(16);
    expect(figure.dataset.n).toBeUndefined();
  });

  it("shows a bad value in the demo's own error box; a good one brings the demo back", async () => {
    const {c, figure, show} = await card();
    show(true);
    await frames(16);
    const form = c.element.querySelector("form.demo-options")!;
    change(form, "sigma", "9");
    await frames(16);
    expect(figure.querySelector(".demo-error")?.textContent).toContain('invalid sigma: "9" (a number from 0.05 to 3)');
    change(form, "sigma", "0.5");
    await frames(16);
    expect(figure.querySelector(".demo-error")).toBeNull();
    expect(figure.dataset.demoState).toBe("drawn");
  });

  it("shows an example: its options as attributes, its state declared, its name and key", async () => {
    const example = {name: "Wide, unlabelled", options: {n: "20", sigma: "2"}, state: {label: "false"}};
    const {c, figure, show} = await card({example});
    show(true);
    await frames(16);
    expect(c.element.id).toBe("gaussian-samples.wide-unlabelled");
    expect(c.element.querySelector(".demo-card-example")?.textContent).toBe("Wide, unlabelled");
    expect(figure.querySelectorAll("svg circle")).toHaveLength(20);
    expect(figure.textContent).not.toContain("mean");
    expect(c.element.querySelector<HTMLInputElement>('[name="sigma"]')!.value).toBe("2");
    expect(c.element.querySelector(".demo-card-tag")!.textContent).toContain('data-state="label: false"');
  });

  it("takes its link (?demo-<key>=) as a deck does, and shows the link's options in the form", async () => {
    const {c, figure, show} = await card({link: {texts: {n: "30", label: "false"}}});
    show(true);
    await frames(16);
    expect(figure.querySelectorAll("svg circle")).toHaveLength(30);
    expect(c.element.querySelector<HTMLInputElement>('[name="n"]')!.value).toBe("30");
    const bad = await card({link: {error: new Error("link ?demo-gaussian-samples: invalid entry")}});
    bad.show(true);
    await frames(16);
    expect(bad.figure.querySelector(".demo-error")?.textContent).toContain("remove it from the address");
  });

  it("links the slides that use the demo; an unknown id is an error on its card only", async () => {
    const {c} = await card();
    const a = c.element.querySelector<HTMLAnchorElement>(".demo-card-uses a")!;
    expect(a.getAttribute("href")).toBe("./slides/talk/#/2/0");
    expect(a.textContent).toBe("Talk, slide 3");
    const unknown = await card({id: "nope", load: loadDemo("nope")});
    unknown.show(true);
    await frames(16);
    expect(unknown.figure.querySelector(".demo-error")?.textContent).toContain("unknown demo: nope");
  });

  it("runs a worker demo's job only while on screen, and starts a new one after a change of the form", async () => {
    stubCanvas();
    const engine = fakeEngine();
    const {spec} = fakeSpec();
    const {c, figure, show} = await card({id: "fake", load: Promise.resolve(spec)}, engine);
    expect(engine.jobs).toHaveLength(0);
    show(true);
    await frames(16);
    expect(engine.jobs).toHaveLength(1);
    engine.live()!.listener.frame({count: 2});
    await frames(16);
    expect(figure.dataset.demoState).toBe("running");
    expect(figure.querySelector(".demo-player")).not.toBeNull();
    show(false);
    expect(engine.jobs[0]!.paused).toBe(true);
    show(true);
    const form = c.element.querySelector("form.demo-options")!;
    change(form, "mode", "b");
    await frames(16);
    expect(engine.jobs[0]!.cancelled).toBe(true);
    expect(engine.live()!.request.options).toEqual({size: 3, seed: 0, mode: "b"});
    expect(figure.dataset.mode).toBe("b");
  });

  it("gives a figure wider than its column the card's whole width", async () => {
    stubCanvas();
    const {spec} = fakeSpec();
    const render = spec.render;
    spec.render = (...args) => {
      const svg = render(...args);
      svg.setAttribute("width", "1200");
      return svg;
    };
    const narrow = await card();
    narrow.show(true);
    const wide = await card({id: "fake", load: Promise.resolve(spec)});
    wide.show(true);
    await frames(16);
    expect(narrow.c.element.classList.contains("demo-card-wide")).toBe(false);
    expect(wide.c.element.classList.contains("demo-card-wide")).toBe(true);
  });
});

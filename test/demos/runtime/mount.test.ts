import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {loadDemo} from "../../../demos/index.ts";
import {parseDeclarations} from "../../../demos/runtime/declarations.ts";
import {playClock} from "../../../demos/runtime/clock.ts";
import {mountDemo} from "../../../demos/runtime/mount.ts";
import {fakeEngine, fakeSpec, figure, frames, microtasks, mountOptions, stubCanvas} from "./fakes.ts";

beforeEach(() => {
  vi.useFakeTimers({toFake: ["requestAnimationFrame", "cancelAnimationFrame", "performance", "setTimeout"]});
  stubCanvas();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

/** The input of the control labelled `key`. */
const control = (el: HTMLElement, key: string) =>
  Array.from(el.querySelectorAll("label"))
    .find((l) => l.firstElementChild?.textContent === key)!
    .querySelector("input")!;
const send = (job: {listener: {frame(f: object): void}} | undefined, count: number) => job!.listener.frame({count});

describe("mountDemo: options", () => {
  it("reads defaults < data-* attributes < link, and starts the task with them", async () => {
    const {spec} = fakeSpec();
    const fake = fakeEngine();
    const el = figure(`<figure data-demo="fake" data-size="5" data-fragment-index="1" data-id="x"></figure>`);
    mountDemo(el, spec, mountOptions(fake.engine)).resume();
    await microtasks();
    expect(fake.jobs[0]!.request.options).toEqual({size: 5, seed: 0, mode: "a"});
    const other = figure(`<figure data-demo="fake" data-size="5"></figure>`);
    mountDemo(other, spec, mountOptions(fake.engine, {link: {size: "7", mode: "b"}})).resume();
    await microtasks();
    expect(fake.jobs[1]!.request.options).toEqual({size: 7, seed: 0, mode: "b"});
  });

  it("names a bad value or an unknown option, on that demo only", async () => {
    const {spec} = fakeSpec();
    const fake = fakeEngine();
    document.body.innerHTML = `<figure data-demo="fake" data-size="big"></figure><figure data-demo="fake" data-sede="1"></figure>
      <figure data-demo="fake"></figure><figure data-demo="fake"></figure><figure data-demo="fake"></figure>`;
    const [bad, typo, linked, unknownKey, good] = Array.from(document.querySelectorAll<HTMLElement>("figure"));
    const handles = [
      mountDemo(bad!, spec, mountOptions(fake.engine)),
      mountDemo(typo!, spec, mountOptions(fake.engine)),
      mountDemo(linked!, spec, mountOptions(fake.engine, {link: {size: "1e9"}})),
      mountDemo(unknownKey!, spec, mountOptions(fake.engine, {link: {q: "1"}})),
      mountDemo(good!, spec, mountOptions(fake.engine))
    ];
    for (const h of handles) h.resume();
    await microtasks();
    expect(bad!.querySelector(".demo-error")?.textContent).toContain('invalid size: "big" (an integer from 0 to 10)');
    expect(typo!.querySelector(".demo-error")?.textContent).toContain("unknown option: data-sede");
    expect(linked!.querySelector(".demo-error")?.textContent).toContain(`link: invalid size: "1e9"`);
    expect(unknownKey!.querySelector(".demo-error")?.textContent).toContain("link: unknown key: q");
    expect(good!.querySelector(".demo-error")).toBeNull();
    expect(good!.dataset.demoState).toBe("computing");
    expect([bad, typo, linked, unknownKey].map((e) => e!.dataset.demoState)).toEqual([
      "error",
      "error",
      "error",
      "error"
    ]);
    expect(fake.jobs).toHaveLength(1);
  });

  it("shows an unknown id as an error box on that demo (a rejected load)", async () => {
    const el = figure(`<figure data-demo="nope"></figure>`);
    const handle = mountDemo(el, loadDemo("nope"), mountOptions(fakeEngine().engine));
    handle.resume();
    await handle.ready;
    expect(el.dataset.demoState).toBe("error");
    expect(el.querySelector(".demo-error")?.textContent).toContain("unknown demo: nope");
  });
});

describe("mountDemo: lifecycle", () => {
  it("starts the task only on resume; pause pauses the job; destroy cancels it and removes the output", async () => {
    const {spec} = fakeSpec();
    const fake = fakeEngine();
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fake.engine));
    handle.pause();
    await handle.ready;
    expect(fake.engine).not.toHaveBeenCalled();
    expect(el.dataset.demoState).toBe("paused");
    handle.resume();
    handle.resume();
    expect(fake.jobs).toHaveLength(1);
    expect(el.dataset.demoState).toBe("computing");
    handle.pause();
    expect(fake.jobs[0]!.paused).toBe(true);
    expect(el.dataset.demoState).toBe("paused");
    handle.resume();
    expect(fake.jobs[0]!.paused).toBe(false);
    handle.destroy();
    handle.destroy();
    expect(fake.jobs[0]!.cancelled).toBe(true);
    expect(el.querySelector(".demo-output")).toBeNull();
    expect(el.querySelector("figcaption")).not.toBeNull();
    expect(el.dataset.demoState).toBeUndefined();
  });

  it("renders only the newest of the frames that arrived between two animation frames, on one kept canvas", async () => {
    const {spec, renders} = fakeSpec();
    const fake = fakeEngine();
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fake.engine));
    handle.resume();
    await frames(16);
    const canvas = el.querySelector("canvas");
    expect(canvas).not.toBeNull();
    const before = renders.length;
    send(fake.live(), 1);
    send(fake.live(), 2);
    send(fake.live(), 3);
    await frames(16);
    expect(renders.slice(before).map((r) => r.frame?.count)).toEqual([3]);
    expect(el.querySelectorAll("svg circle")).toHaveLength(3);
    expect(el.querySelectorAll("svg")).toHaveLength(1);
    expect(el.querySelector("canvas")).toBe(canvas);
    expect(el.dataset.demoState).toBe("running");
    await handle.ready;
    fake.live()!.listener.done!();
    await frames(16);
    expect(el.dataset.demoState).toBe("drawn");
  });

  it("re-renders for new frames alone at most every frameRenderMs, and then shows the newest", async () => {
    const {spec, renders} = fakeSpec();
    const fake = fakeEngine();
    const el = figure();
    mountDemo(el, spec, mountOptions(fake.engine, {frameRenderMs: 60})).resume();
    await frames(16);
    send(fake.live(), 1);
    await frames(16);
    const before = renders.length;
    send(fake.live(), 2);
    await frames(16);
    expect(renders.length).toBe(before);
    await frames(80);
    await frames(16);
    expect(renders.slice(before).map((r) => r.frame?.count)).toEqual([2]);
  });

  it("moveTo moves the output into another figure and keeps the job", async () => {
    const {spec} = fakeSpec();
    const fake = fakeEngine();
    document.body.innerHTML = `<figure id="a" data-demo="fake"></figure><figure id="b"><figcaption>b</figcaption></figure>`;
    const a = document.getElementById("a")!;
    const b = document.getElementById("b")!;
    const handle = mountDemo(a, spec, mountOptions(fake.engine));
    handle.resume();
    await frames(16);
    send(fake.live(), 2);
    await frames(16);
    handle.moveTo(b);
    expect(handle.element).toBe(b);
    expect(a.querySelector(".demo-output")).toBeNull();
    expect(b.firstElementChild?.className).toBe("demo-output");
    expect(b.querySelectorAll("svg circle")).toHaveLength(2);
    expect(fake.jobs).toHaveLength(1);
    expect(fake.jobs[0]!.cancelled).toBe(false);
    expect(b.dataset.demoState).toBe("running");
    expect(a.dataset.demoState).toBeUndefined();
  });
});

describe("mountDemo: declared state", () => {
  it("tweens numbers to a declared state and ends exactly on it; going back restores the earlier state", async () => {
    const {spec, paints, renders} = fakeSpec();
    const fake = fakeEngine();
    const handle = mountDemo(figure(), spec, mountOptions(fake.engine));
    handle.declare({t: "0.2"}, "slide 1");
    handle.resume();
    await frames(16);
    expect(paints.at(-1)!.t).toBe(0.2);
    handle.declare({t: "0.9", show: "field"}, "slide 2");
    await frames(300);
    const mid = paints.at(-1)!.t as number;
    expect(mid).toBeGreaterThan(0.2);
    expect(mid).toBeLessThan(0.9);
    expect(renders.at(-1)!.state.show).toBe("field");
    await frames(400);
    expect(paints.at(-1)!.t).toBe(0.9);
    handle.declare({t: "0.2"}, "slide 1");
    await frames(700);
    expect(paints.at(-1)).toMatchObject({t: 0.2, show: "dots"});
    const count = paints.length;
    await frames(200);
    expect(paints.length).toBe(count);
  });

  it("set changes state keys as a control would, keeps the declared state, and reports a bad key on the demo", async () => {
    const {spec, paints} = fakeSpec();
    const element = figure();
    const handle = mountDemo(element, spec, mountOptions(fakeEngine().engine, {reducedMotion: true}));
    handle.declare({t: "0.2"}, "slide 1");
    handle.resume();
    await frames(16);
    handle.set({show: "field"}, "slide 1");
    await frames(16);
    expect(paints.at(-1)).toMatchObject({t: 0.2, show: "field"});
    handle.set({nope: "1"}, "slide 1");
    await frames(16);
    expect(element.querySelector(".demo-error")?.textContent).toMatch(/nope/);
  });

  it("cuts instead of tweening under reduced motion or with instant", async () => {
    const {spec, paints} = fakeSpec();
    const handle = mountDemo(figure(), spec, mountOptions(fakeEngine().engine, {reducedMotion: true}));
    handle.resume();
    await frames(16);
    handle.declare({t: "0.7"}, "slide 2");
    await frames(16);
    expect(paints.at(-1)!.t).toBe(0.7);
  });

  it("names the slide and the key of a bad declared state; reset goes back to the last good one", async () => {
    const {spec, paints} = fakeSpec();
    const fake = fakeEngine();
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fake.engine));
    handle.declare({t: "0.4"}, "slide 3");
    handle.resume();
    await frames(16);
    handle.declare({tt: "1"}, "slide 4");
    expect(el.querySelector(".demo-error")?.textContent).toContain("slide 4: unknown state key: tt");
    expect(el.dataset.demoState).toBe("error");
    expect(fake.jobs[0]!.cancelled).toBe(true);
    el.querySelector<HTMLButtonElement>(".demo-error button")!.click();
    await frames(16);
    expect(el.querySelector(".demo-error")).toBeNull();
    expect(paints.at(-1)!.t).toBe(0.4);
    expect(fake.live()).toBe(fake.jobs[1]);
    handle.declare({t: "2"}, "slide 5");
    expect(el.querySelector(".demo-error")?.textContent).toContain(`slide 5: invalid t: "2" (a number from 0 to 1)`);
  });

  it("a link's state holds over the first slide's declared state until a different declare", async () => {
    const {spec, paints} = fakeSpec();
    const handle = mountDemo(figure(), spec, mountOptions(fakeEngine().engine, {link: {t: "0.55"}}));
    handle.declare({t: "0.1"}, "slide 1");
    handle.resume();
    await frames(16);
    expect(paints.at(-1)!.t).toBe(0.55);
    handle.declare({t: "0.1"}, "slide 1");
    await frames(700);
    expect(paints.at(-1)!.t).toBe(0.55);
    handle.declare({t: "0.3"}, "slide 2");
    await frames(700);
    expect(paints.at(-1)!.t).toBe(0.3);
  });
});

describe("mountDemo: player and controls", () => {
  it("reset cancels the job, starts it again and puts the state back to the declared one", async () => {
    const {spec, paints} = fakeSpec();
    const fake = fakeEngine();
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fake.engine));
    handle.declare({t: "0.3"}, "slide 1");
    handle.resume();
    await frames(16);
    const range = control(el, "t");
    range.value = "0.8";
    range.dispatchEvent(new Event("input", {bubbles: true}));
    await frames(16);
    expect(paints.at(-1)!.t).toBe(0.8);
    const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>(".demo-player button"));
    buttons.find((b) => b.textContent === "reset")!.click();
    await frames(16);
    expect(fake.jobs[0]!.cancelled).toBe(true);
    expect(fake.jobs).toHaveLength(2);
    expect(paints.at(-1)!.t).toBe(0.3);
    buttons.find((b) => b.textContent === "pause")!.click();
    expect(fake.jobs[1]!.paused).toBe(true);
    buttons.find((b) => b.textContent === "step")!.click();
    expect(fake.jobs[1]!.steps).toBe(1);
  });

  it("an option control restarts the work with the new options; a state control re-renders", async () => {
    const {spec, renders} = fakeSpec();
    const fake = fakeEngine();
    const el = figure();
    mountDemo(el, spec, mountOptions(fake.engine)).resume();
    await frames(16);
    const [mode, show] = Array.from(el.querySelectorAll<HTMLSelectElement>(".demo-controls select"));
    mode!.value = "b";
    mode!.dispatchEvent(new Event("change", {bubbles: true}));
    expect(fake.jobs[0]!.cancelled).toBe(true);
    expect(fake.jobs[1]!.request.options.mode).toBe("b");
    show!.value = "field";
    show!.dispatchEvent(new Event("change", {bubbles: true}));
    await frames(16);
    expect(renders.at(-1)!.state.show).toBe("field");
    expect(el.querySelector("svg")!.dataset.show).toBe("field");
  });

  it("keeps arrow keys on a focused select from reaching Reveal's document listener", async () => {
    const {spec} = fakeSpec();
    const el = figure();
    mountDemo(el, spec, mountOptions(fakeEngine().engine)).resume();
    await frames(16);
    const heard: string[] = [];
    document.addEventListener("keydown", (e) => heard.push(e.key));
    const select = el.querySelector("select")!;
    select.focus();
    select.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
    document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowLeft", bubbles: true}));
    expect(heard).toEqual(["ArrowLeft"]);
  });

  it("shows a frame's progress: step, steps per second, time left, loss", async () => {
    const {spec} = fakeSpec();
    const fake = fakeEngine();
    const el = figure();
    mountDemo(el, spec, mountOptions(fake.engine)).resume();
    await frames(16);
    fake.live()!.listener.frame({count: 1, progress: {steps: 200, total: 1000, stepsPerSecond: 100, loss: 0.12345}});
    await frames(16);
    expect(el.querySelector(".demo-progress")?.textContent).toBe(
      "step 200 / 1000 · 100 steps/s · ~8 s left · loss 0.123"
    );
  });
});

describe("mountDemo: reduced motion", () => {
  /** A player with a clock (t runs 0 → 1 in one second) and a worker job, as flow-hero has. */
  const player = () => fakeSpec({advance: playClock(1)});
  const playButton = (el: HTMLElement) => el.querySelector<HTMLButtonElement>(".demo-player button")!;

  it("keeps a player's clock still until play, while its job runs; the button says play, then pause", async () => {
    const {spec, paints} = player();
    const fake = fakeEngine();
    const el = figure();
    mountDemo(el, spec, mountOptions(fake.engine, {reducedMotion: true})).resume();
    await frames(16);
    send(fake.live(), 2);
    await frames(500);
    expect(fake.live()!.paused).toBe(false);
    expect(el.querySelectorAll("svg circle")).toHaveLength(2);
    expect(paints.at(-1)!.t).toBe(0);
    expect(playButton(el).textContent).toBe("play");
    expect(playButton(el).dataset.playing).toBe("false");
    playButton(el).click();
    await frames(300);
    expect(paints.at(-1)!.t).toBeGreaterThan(0.1);
    expect(playButton(el).textContent).toBe("pause");
    playButton(el).click();
    expect(fake.live()!.paused).toBe(true);
    const stopped = paints.at(-1)!.t;
    await frames(300);
    expect(paints.at(-1)!.t).toBe(stopped);
  });

  it("jumps to a declared time and stays there (a stage's next slide does not play)", async () => {
    const {spec, paints} = player();
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fakeEngine().engine, {reducedMotion: true}));
    handle.declare({t: "0.2"}, "slide 1");
    handle.resume();
    await frames(300);
    expect(paints.at(-1)!.t).toBe(0.2);
    handle.declare({t: "0.6"}, "slide 2");
    await frames(300);
    expect(paints.at(-1)!.t).toBe(0.6);
    expect(playButton(el).textContent).toBe("play");
  });

  it("leaves a demo without a clock (training) running, its button on pause", async () => {
    const {spec} = fakeSpec();
    const fake = fakeEngine();
    const el = figure();
    mountDemo(el, spec, mountOptions(fake.engine, {reducedMotion: true})).resume();
    await frames(16);
    expect(fake.live()!.paused).toBe(false);
    expect(playButton(el).textContent).toBe("pause");
  });

  it("without reduced motion the clock starts by itself, as before", async () => {
    const {spec, paints} = player();
    const fake = fakeEngine();
    const el = figure();
    mountDemo(el, spec, mountOptions(fake.engine)).resume();
    await frames(300);
    expect(paints.at(-1)!.t).toBeGreaterThan(0.1);
    expect(fake.live()!.paused).toBe(false);
    expect(playButton(el).textContent).toBe("pause");
  });
});

describe("mountDemo: a player at its end", () => {
  const playButton = (el: HTMLElement) => el.querySelector<HTMLButtonElement>(".demo-player button")!;

  it("shows play once its clock has reached the end, and play replays from where the run began", async () => {
    const {spec, paints} = fakeSpec({advance: playClock(0.2)});
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fakeEngine().engine));
    handle.declare({t: "0.3"}, "slide 1");
    handle.resume();
    await frames(600);
    expect(paints.at(-1)!.t).toBe(1);
    expect(playButton(el).textContent).toBe("play");
    playButton(el).click();
    await frames(16);
    expect(paints.at(-1)!.t).toBeLessThan(0.5);
    expect(paints.at(-1)!.t).toBeGreaterThanOrEqual(0.3);
    expect(playButton(el).textContent).toBe("pause");
    await frames(600);
    expect(paints.at(-1)!.t).toBe(1);
  });

  it("replays from the time the viewer set, not from an older start", async () => {
    const {spec, paints} = fakeSpec({advance: playClock(0.2)});
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fakeEngine().engine));
    handle.resume();
    await frames(600);
    expect(paints.at(-1)!.t).toBe(1);
    const t = el.querySelector<HTMLInputElement>('.demo-controls input[name="t"]')!;
    t.value = "0.6";
    t.dispatchEvent(new Event("input", {bubbles: true}));
    playButton(el).click();
    await frames(600);
    expect(paints.at(-1)!.t).toBe(1);
    playButton(el).click();
    await frames(16);
    expect(paints.at(-1)!.t).toBeGreaterThanOrEqual(0.6);
    expect(paints.at(-1)!.t).toBeLessThan(0.8);
  });
});

describe("mountDemo: static view and links", () => {
  it("in a static view calls no engine, draws the snapshot once and leaves an <img>, not a canvas", async () => {
    const {spec, renders, paints} = fakeSpec({snapshot: (o) => ({count: o.size})});
    const fake = fakeEngine();
    const el = figure(`<figure data-demo="fake" data-size="4"></figure>`);
    const handle = mountDemo(el, spec, mountOptions(fake.engine, {staticView: true}));
    handle.declare({t: "0.6"}, "slide 2");
    await handle.ready;
    expect(fake.engine).not.toHaveBeenCalled();
    expect(el.dataset.demoState).toBe("drawn");
    expect(el.querySelectorAll("svg circle")).toHaveLength(4);
    expect(el.querySelector("canvas")).toBeNull();
    expect(el.querySelector("img.demo-canvas")?.getAttribute("src")).toMatch(/^data:image\/png/);
    expect(renders).toHaveLength(1);
    expect(paints).toEqual([expect.objectContaining({t: 0.6})]);
    expect(el.querySelector(".demo-controls")).toBeNull();
  });

  it("in a static view waits for an async still (computing until then), draws it instead of the snapshot", async () => {
    let resolve: (frame: {count: number}) => void = () => {};
    const asked: number[] = [];
    const {spec, renders} = fakeSpec({
      snapshot: () => ({count: 1}),
      still: (_o, s) => {
        asked.push(s.t);
        return new Promise((r) => (resolve = r));
      }
    });
    const fake = fakeEngine();
    const el = figure(`<figure data-demo="fake" data-size="4"></figure>`);
    const handle = mountDemo(el, spec, mountOptions(fake.engine, {staticView: true}));
    handle.declare({t: "0.6"}, "slide 2");
    await frames(4);
    expect(el.dataset.demoState).toBe("computing");
    expect(renders).toHaveLength(0);
    // A declare while the still loads asks again; the first answer, now stale, is dropped.
    const stale = resolve;
    handle.declare({t: "0.2"}, "slide 2");
    stale({count: 9});
    await frames(2);
    expect(renders).toHaveLength(0);
    resolve({count: 3});
    await handle.ready;
    expect(asked).toEqual([0.6, 0.2]);
    expect(fake.engine).not.toHaveBeenCalled();
    expect(el.dataset.demoState).toBe("drawn");
    expect(el.querySelectorAll("svg circle")).toHaveLength(3);
    expect(renders.map((r) => r.state.t)).toEqual([0.2]);
  });

  it("in a static view shows a still that fails as the demo's error", async () => {
    const {spec} = fakeSpec({still: () => Promise.reject(new Error("invalid weights: kind undefined"))});
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fakeEngine().engine, {staticView: true}));
    await handle.ready;
    expect(el.dataset.demoState).toBe("error");
    expect(el.querySelector(".demo-error")?.textContent).toContain("invalid weights");
  });

  it("shows the time of its last render and the paint after it as data-render-ms (a repaint alone keeps it)", async () => {
    const {spec} = fakeSpec({snapshot: (o) => ({count: o.size})});
    const {render, paint} = spec;
    // The fake clock moves only when told: 7 ms in render, 2 ms in paint.
    spec.render = (...args) => (vi.advanceTimersByTime(7), render(...args));
    spec.paint = (...args) => (vi.advanceTimersByTime(2), paint!(...args));
    const el = figure();
    const handle = mountDemo(el, spec, mountOptions(fakeEngine().engine, {staticView: true}));
    await handle.ready;
    expect(el.dataset.renderMs).toBe("9.0");
    handle.destroy();
    expect(el.dataset.renderMs).toBeUndefined();
  });

  it("link() carries changed options, the seed and the state, and round-trips through parseDeclarations", async () => {
    history.replaceState(null, "", "/deck/?lang=en&demo-fake=t:0.1#/ot-cfm");
    const {spec, paints} = fakeSpec();
    const el = figure(`<figure data-demo="fake" data-size="5"></figure>`);
    const handle = mountDemo(el, spec, mountOptions(fakeEngine().engine));
    handle.declare({t: "0.25", show: "field"}, "slide 1");
    handle.resume();
    await frames(16);
    const mode = el.querySelector<HTMLSelectElement>(".demo-controls select")!;
    mode.value = "b";
    mode.dispatchEvent(new Event("change", {bubbles: true}));
    const url = new URL(handle.link());
    expect(url.pathname).toBe("/deck/");
    expect(url.hash).toBe("#/ot-cfm");
    expect(url.searchParams.get("lang")).toBe("en");
    expect(url.search).toContain("demo-fake=mode:b;seed:0;t:0.25;show:field;big:false;y:0");
    const texts = parseDeclarations(url.searchParams.get("demo-fake")!, "link");
    const again = fakeSpec();
    const fake = fakeEngine();
    const copy = figure(`<figure data-demo="fake" data-size="5"></figure>`);
    const restored = mountDemo(copy, again.spec, mountOptions(fake.engine, {link: texts}));
    restored.declare({t: "0.9"}, "slide 1");
    restored.resume();
    await frames(16);
    expect(fake.jobs[0]!.request.options).toEqual({size: 5, seed: 0, mode: "b"});
    expect(again.paints.at(-1)).toMatchObject({t: 0.25, show: "field", big: false, y: 0});
    expect(paints.at(-1)).toMatchObject({t: 0.25, show: "field"});
  });
});

import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {demosPlugin} from "../../../../slides/runtime/plugins/demos.ts";
import type {DemoSpec} from "../../../../demos/runtime/spec.ts";
import {fakeEngine, fakeSpec, stubCanvas} from "../../../demos/runtime/fakes.ts";
import {fakeDeck} from "./fake-deck.ts";

/** Lets loads, promise callbacks and an animation frame run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 40));
/** A loader of these specs by id, rejecting others as the registry does. */
const loader =
  (...specs: DemoSpec[]) =>
  (id: string) => {
    const spec = specs.find((s) => s.id === id);
    return spec ? Promise.resolve(spec) : Promise.reject(new Error(`unknown demo: ${id}`));
  };
/** A demo with a worker task (id "deferred") and one computed on the page (id "sync"). */
const taskDemo = () => fakeSpec({id: "deferred"}).spec as unknown as DemoSpec;
const syncDemo = () =>
  fakeSpec({id: "sync", task: undefined, snapshot: (o) => ({count: o.size})}).spec as unknown as DemoSpec;
const figure = (id: string) => `<figure data-demo="${id}"></figure>`;
const states = () =>
  Array.from(document.querySelectorAll<HTMLElement>("[data-demo]"), (f) => f.dataset.demoState ?? "-");

describe("demosPlugin", () => {
  beforeEach(stubCanvas);
  afterEach(() => vi.restoreAllMocks());

  it("mounts once although ready, slidechanged and sync all fire on a deep-link load", async () => {
    const fake = fakeEngine();
    const {deck, fire} = fakeDeck([figure("deferred"), "b"]);
    await demosPlugin(loader(taskDemo()), fake.engine).init!(deck);
    fire("ready");
    fire("slidechanged");
    fire("sync");
    await flush();
    expect(fake.jobs).toHaveLength(1);
    expect(document.querySelectorAll(".demo-output")).toHaveLength(1);
  });

  it("mounts within viewDistance, runs only on the current slide and frees beyond it", async () => {
    const fake = fakeEngine();
    const {deck, fire, go} = fakeDeck(["a", "b", figure("deferred"), "d", "e", "f", "g"], {viewDistance: 1});
    await demosPlugin(loader(taskDemo()), fake.engine).init!(deck);
    fire("ready");
    expect(states()).toEqual(["-"]);
    go(1);
    await flush();
    expect(fake.jobs).toHaveLength(0);
    expect(states()).toEqual(["paused"]);
    go(2);
    await flush();
    expect(fake.jobs).toHaveLength(1);
    fake.live()!.listener.frame({count: 2});
    fake.live()!.listener.done!();
    await flush();
    expect(states()).toEqual(["drawn"]);
    go(5);
    expect(states()).toEqual(["-"]);
    expect(document.querySelector(".demo-output")).toBeNull();
  });

  it("remounts after the scroll view rebuilds the DOM (sync) and forgets the old elements", async () => {
    const {deck, fire, rebuild} = fakeDeck([figure("sync")]);
    await demosPlugin(loader(syncDemo())).init!(deck);
    fire("ready");
    await flush();
    rebuild();
    await flush();
    expect(states()).toEqual(["drawn"]);
    expect(document.querySelectorAll(".demo-output")).toHaveLength(1);
  });

  it("keeps a failing demo to itself: the other demo on the slide still draws", async () => {
    const {deck, fire} = fakeDeck([figure("nope") + figure("sync")]);
    await demosPlugin(loader(syncDemo())).init!(deck);
    fire("ready");
    await flush();
    expect(states()).toEqual(["error", "drawn"]);
  });

  it("re-centres the slide once a demo has drawn", async () => {
    const {deck, fire, layouts} = fakeDeck([figure("sync")]);
    await demosPlugin(loader(syncDemo())).init!(deck);
    fire("ready");
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(layouts()).toBeGreaterThan(0);
  });

  it("draws every demo up front in the speaker view's preview frames, and init waits for them", async () => {
    const loads: ((spec: DemoSpec) => void)[] = [];
    const fake = fakeEngine();
    const load = () => new Promise<DemoSpec>((resolve) => loads.push(resolve));
    const {deck} = fakeDeck([figure("sync"), "b", "c", "d", "e", figure("sync")], {speakerNotes: true});
    const init = demosPlugin(load, fake.engine).init!(deck);
    let done = false;
    void Promise.resolve(init).then(() => (done = true));
    expect(loads).toHaveLength(2);
    await flush();
    expect(done).toBe(false);
    for (const resolve of loads) resolve(syncDemo());
    await init;
    expect(fake.engine).not.toHaveBeenCalled();
    expect(states()).toEqual(["drawn", "drawn"]);
  });
});

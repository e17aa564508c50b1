import {describe, expect, it} from "vitest";
import {demosPlugin} from "../../../../slides/runtime/plugins/demos.ts";
import {deferredDemo, flush, registry, syncDemo} from "../../../demos/runtime/fakes.ts";
import {fakeDeck} from "./fake-deck.ts";

const figure = (id: string) => `<figure data-demo="${id}"></figure>`;
const states = () =>
  Array.from(document.querySelectorAll<HTMLElement>("[data-demo]"), (f) => f.dataset.demoState ?? "-");

describe("demosPlugin", () => {
  it("mounts once although ready, slidechanged and sync all fire on a deep-link load", async () => {
    const {spec, calls} = deferredDemo();
    const {deck, fire} = fakeDeck([figure("deferred"), "b"]);
    await demosPlugin(registry(spec)).init!(deck);
    fire("ready");
    fire("slidechanged");
    fire("sync");
    expect(calls).toHaveLength(1);
    expect(document.querySelectorAll(".demo-output")).toHaveLength(1);
  });

  it("mounts within viewDistance, runs only on the current slide and frees beyond it", async () => {
    const {spec, calls} = deferredDemo();
    const {deck, fire, go} = fakeDeck(["a", "b", figure("deferred"), "d", "e", "f", "g"], {viewDistance: 1});
    await demosPlugin(registry(spec)).init!(deck);
    fire("ready");
    expect(states()).toEqual(["-"]);
    go(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(states()).toEqual(["paused"]);
    go(2);
    expect(calls).toHaveLength(2);
    calls[1]!.finish();
    await flush();
    expect(states()).toEqual(["drawn"]);
    go(5);
    expect(states()).toEqual(["-"]);
    expect(document.querySelector(".demo-output")).toBeNull();
  });

  it("remounts after the scroll view rebuilds the DOM (sync) and forgets the old elements", async () => {
    const {deck, fire, rebuild} = fakeDeck([figure("sync")]);
    await demosPlugin(registry(syncDemo())).init!(deck);
    fire("ready");
    await flush();
    rebuild();
    await flush();
    expect(states()).toEqual(["drawn"]);
    expect(document.querySelectorAll(".demo-output")).toHaveLength(1);
  });

  it("keeps a failing demo to itself: the other demo on the slide still draws", async () => {
    const {deck, fire} = fakeDeck([figure("nope") + figure("sync")]);
    await demosPlugin(registry(syncDemo())).init!(deck);
    fire("ready");
    await flush();
    expect(states()).toEqual(["error", "drawn"]);
  });

  it("re-centres the slide once a demo has drawn", async () => {
    const {deck, fire, layouts} = fakeDeck([figure("sync")]);
    await demosPlugin(registry(syncDemo())).init!(deck);
    fire("ready");
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(layouts()).toBeGreaterThan(0);
  });

  it("draws every demo up front in the speaker view's preview frames, and init waits for them", async () => {
    const {spec, calls} = deferredDemo();
    const {deck} = fakeDeck([figure("deferred"), "b", "c", "d", "e", figure("deferred")], {speakerNotes: true});
    const init = demosPlugin(registry(spec)).init!(deck);
    let done = false;
    void Promise.resolve(init).then(() => (done = true));
    expect(calls).toHaveLength(2);
    await flush();
    expect(done).toBe(false);
    for (const call of calls) call.finish();
    await init;
    expect(states()).toEqual(["drawn", "drawn"]);
  });
});

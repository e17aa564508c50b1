import {describe, expect, it} from "vitest";
import {mountDemo} from "../../../demos/runtime/mount.ts";
import {deferredDemo, flush, registry, syncDemo} from "./fakes.ts";

function figure(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}

describe("mountDemo", () => {
  it("draws into a .demo-output box and keeps the author's caption", async () => {
    const el = figure(`<figure data-demo="sync" data-size="4"><figcaption>caption</figcaption></figure>`);
    const handle = mountDemo(el, registry(syncDemo()));
    await handle.ready;
    expect(el.dataset.demoState).toBe("drawn");
    expect(el.querySelectorAll(".demo-output svg circle")).toHaveLength(4);
    expect(el.querySelector("figcaption")?.textContent).toBe("caption");
  });

  it("shows an error on that demo only for an unknown id", async () => {
    const el = figure(`<figure data-demo="nope"></figure>`);
    await mountDemo(el, registry(syncDemo())).ready;
    expect(el.dataset.demoState).toBe("error");
    expect(el.querySelector(".demo-error")?.textContent).toContain("unknown demo: nope");
  });

  it("shows an error for a bad option and for a failing check", async () => {
    const bad = figure(`<figure data-demo="sync" data-size="big"></figure>`);
    await mountDemo(bad, registry(syncDemo())).ready;
    expect(bad.querySelector(".demo-error")?.textContent).toContain("invalid size: big");
    const checked = {
      ...syncDemo(),
      check: ({size}: {size: number}) => {
        if (size > 5) throw new RangeError(`invalid size: ${size}`);
      }
    };
    const big = figure(`<figure data-demo="sync" data-size="9"></figure>`);
    await mountDemo(big, registry(checked)).ready;
    expect(big.querySelector(".demo-error")?.textContent).toContain("invalid size: 9");
  });

  it("pause() aborts work in flight and draws nothing from it; resume() starts it again", async () => {
    const {spec, calls} = deferredDemo();
    const el = figure(`<figure data-demo="deferred"></figure>`);
    const handle = mountDemo(el, registry(spec));
    expect(el.dataset.demoState).toBe("computing");
    handle.pause();
    handle.pause();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.finish();
    await flush();
    expect(el.querySelector("svg")).toBeNull();
    expect(el.dataset.demoState).toBe("paused");
    handle.resume();
    handle.resume();
    expect(calls).toHaveLength(2);
    calls[1]!.finish();
    await flush();
    expect(el.dataset.demoState).toBe("drawn");
  });

  it("destroy() cancels, removes what it drew, and is idempotent", async () => {
    const {spec, calls} = deferredDemo();
    const el = figure(`<figure data-demo="deferred"><figcaption>c</figcaption></figure>`);
    const handle = mountDemo(el, registry(spec));
    handle.destroy();
    handle.destroy();
    await handle.ready;
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(el.querySelector(".demo-output")).toBeNull();
    expect(el.dataset.demoState).toBeUndefined();
    handle.resume();
    expect(calls).toHaveLength(1);
  });
});

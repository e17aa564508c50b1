import type {RevealApi, RevealPlugin} from "reveal.js";
import {loadDemo} from "../../../demos/index.ts";
import {mountDemo} from "../../../demos/runtime/mount.ts";
import type {EngineClient} from "../../../demos/runtime/engine.ts";
import type {DemoHandle, DemoSpec} from "../../../demos/runtime/spec.ts";
import {isStaticView} from "../view.ts";

function noEngine(): EngineClient {
  throw new Error("no engine worker on this page yet");
}

/** Reveal's default `viewDistance` (slides kept loaded on either side of the current one). */
const DEFAULT_VIEW_DISTANCE = 3;

/**
 * The demos plugin: mounts every `[data-demo]` element whose slide is current or within `viewDistance`, lets only
 * the current slide's demos work, and frees the others. Reconciling is idempotent, so Reveal's `ready` and
 * `slidechanged` on a deep-link load, and `sync` after the scroll view rebuilds the DOM, can all trigger it.
 * In print view and in the speaker view's preview frames every demo draws one static snapshot up front instead.
 */
export function demosPlugin(
  load: (id: string) => Promise<DemoSpec> = loadDemo,
  engine: () => EngineClient = noEngine
): RevealPlugin {
  const mounted = new Map<HTMLElement, DemoHandle>();

  function figures(deck: RevealApi): HTMLElement[] {
    return Array.from(deck.getRevealElement()?.querySelectorAll<HTMLElement>(".slides [data-demo]") ?? []);
  }

  // A stopgap until the stages plugin: no worker, no links, no declared states (the runtime gets them there).
  function mount(deck: RevealApi, element: HTMLElement, onDrawn?: () => void): DemoHandle {
    let handle = mounted.get(element);
    if (!handle) {
      const options = {
        engine,
        staticView: isStaticView(deck),
        reducedMotion: false,
        key: element.dataset.demo ?? ""
      };
      mounted.set(element, (handle = mountDemo(element, load(element.dataset.demo ?? ""), options)));
      if (onDrawn) void handle.ready.then(onDrawn);
    }
    return handle;
  }

  function free(element: HTMLElement): void {
    mounted.get(element)?.destroy();
    mounted.delete(element);
  }

  function reconcile(deck: RevealApi): void {
    for (const element of mounted.keys()) if (!element.isConnected) free(element);
    const current = deck.getCurrentSlide();
    if (!current) return;
    const here = deck.getIndices(current);
    const distance = deck.getConfig().viewDistance ?? DEFAULT_VIEW_DISTANCE;
    // A figure that draws changes its slide's height: let Reveal centre the slide again.
    const relayout = () => deck.layout();
    for (const element of figures(deck)) {
      const slide = element.closest("section");
      if (!slide) continue;
      const there = deck.getIndices(slide);
      const away = Math.abs(there.h - here.h) + (there.h === here.h ? Math.abs(there.v - here.v) : 0);
      if (away > distance) free(element);
      else if (slide === current) mount(deck, element, relayout).resume();
      else mount(deck, element, relayout).pause();
    }
    // Reveal centres a slide from its height when it lays out, which may predate the figure: centre it again.
    // Heights settle a frame after the slide change (measured: 363 px at `slidechanged`, 564 px 50 ms later).
    if (current.querySelector("[data-demo]")) requestAnimationFrame(() => requestAnimationFrame(relayout));
  }

  return {
    id: "demos",
    init(deck) {
      if (isStaticView(deck)) {
        // Print view clones slides for fragment pages, so the snapshots must be drawn before Reveal starts.
        return Promise.all(figures(deck).map((element) => mount(deck, element).ready)).then(() => undefined);
      }
      const update = () => reconcile(deck);
      for (const event of ["ready", "slidechanged", "sync", "overviewhidden"]) deck.on(event, update);
    },
    destroy() {
      for (const element of [...mounted.keys()]) free(element);
    }
  };
}

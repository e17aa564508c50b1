import type {EngineClient} from "../../demos/runtime/engine.ts";
import {ERROR_CLASS, showError} from "../../demos/runtime/overlay.ts";
import type {DemoHandle} from "../../demos/runtime/spec.ts";
import {parseDeclarations} from "../../demos/runtime/declarations.ts";
import {collectDemos, copyOptions, declaredTexts, fragmentTarget, slideLabel, type DeckDemo} from "./deck-demos.ts";
import {readDemoLinks} from "./demo-links.ts";
import type {MountOptions} from "./plugins/demos.ts";
import {leafSlides} from "./slide-ids.ts";
import {makeRoomForText} from "./text-room.ts";

/** Below this viewport width (CSS px) a deck opens as an article: a phone held upright. */
export const READING_WIDTH = 700;

/**
 * Whether the page should be the reading view: `?view=reading` asks for it anywhere, `?view=slides` (and print view,
 * the speaker view's previews) never; otherwise a narrow screen gets it.
 */
export function wantsReadingView(search: string, width: number): boolean {
  if (/[?&]view=reading(&|$)/.test(search)) return true;
  if (/[?&](view=slides|view=print|print-pdf|receiver)(&|=|$)/.test(search)) return false;
  return width < READING_WIDTH;
}

/** What the reading view needs from the demos: the same loader, mount and engine as the demos plugin. */
export interface ReadingViewOptions<L> {
  load: L;
  mount(element: HTMLElement, load: L, options: MountOptions): DemoHandle;
  engine(): EngineClient;
  reducedMotion: boolean;
  /** The page's query (for `?demo-<key>=` links). */
  search: string;
}

/** The started view: `ready` settles once the linked slide is in view; `destroy` frees every demo. */
export interface ReadingView {
  readonly ready: Promise<void>;
  destroy(): void;
}

/**
 * Lays a deck out as an article, for reading on a phone: every slide one after another at the column's width, all
 * fragments shown, the speaker notes in a disclosure under each slide, and each figure a live demo of its own (a
 * stage's figures each mounted with the owner's options and their own declared state), mounted when it comes near
 * the screen, running only while on screen, freed when far away, given room for text it draws past its SVG
 * (text-room.ts). Deep links (`#/id` or `#/n`) scroll to their slide,
 * and the address follows the slide being read, so a copied link opens where the reader was.
 */
export function startReadingView<L>(root: HTMLElement, options: ReadingViewOptions<L>): ReadingView {
  const doc = root.ownerDocument;
  doc.documentElement.classList.add("reading-view");
  const slides = leafSlides(root);
  for (const slide of slides) prepareSlide(slide);
  root.prepend(switchBar(doc));

  const demos = startDemos(root, options);
  const hashes = followHash(slides);
  const pin = pinLinkedSlide(root, linkedSlide(slides, location.hash));
  const ready = new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  return {
    ready,
    destroy() {
      demos.destroy();
      hashes.disconnect();
      pin.disconnect();
    }
  };
}

/** Shows a slide's fragments and turns its speaker notes into a "Notes" disclosure under it. */
function prepareSlide(slide: HTMLElement): void {
  slide.classList.add("reading-slide");
  for (const fragment of slide.querySelectorAll(".fragment")) fragment.classList.add("visible");
  for (const notes of slide.querySelectorAll<HTMLElement>(":scope > aside.notes")) {
    const details = slide.ownerDocument.createElement("details");
    details.className = "reading-notes";
    const summary = slide.ownerDocument.createElement("summary");
    summary.textContent = "Notes";
    details.append(summary, ...notes.childNodes);
    notes.replaceWith(details);
  }
}

/** A link to the same place as slides (for a tablet, or a phone turned sideways). */
function switchBar(doc: Document): HTMLElement {
  const bar = doc.createElement("p");
  bar.className = "reading-switch";
  const link = doc.createElement("a");
  link.textContent = "Show as slides";
  const update = () => {
    const query = new URLSearchParams(location.search);
    query.set("view", "slides");
    link.href = `?${query.toString()}${location.hash}`;
  };
  update();
  link.addEventListener("focus", update);
  link.addEventListener("pointerdown", update);
  bar.append(link);
  return bar;
}

/** The slide a link names: `#/<id>`, or `#/<n>` counted from 0 like Reveal's numeric links. */
export function linkedSlide(slides: readonly HTMLElement[], hash: string): HTMLElement | undefined {
  const match = /^#\/([^/?]+)/.exec(hash);
  if (!match) return undefined;
  const name = decodeURIComponent(match[1]!);
  return slides.find((slide) => slide.id === name) ?? (/^\d+$/.test(name) ? slides[Number(name)] : undefined);
}

/**
 * Scrolls to the linked slide and keeps it at the top while the figures above it draw and grow, until the reader
 * scrolls, touches or types.
 */
function pinLinkedSlide(root: HTMLElement, target: HTMLElement | undefined): {disconnect(): void} {
  if (!target) return {disconnect() {}};
  const toTarget = () => target.scrollIntoView({block: "start"});
  requestAnimationFrame(toTarget);
  const grown = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(toTarget);
  grown?.observe(root);
  const inputs = ["wheel", "touchstart", "keydown", "pointerdown"] as const;
  const release = () => {
    grown?.disconnect();
    for (const input of inputs) removeEventListener(input, release, true);
  };
  for (const input of inputs) addEventListener(input, release, {capture: true, passive: true});
  return {disconnect: release};
}

/** How far down the screen a slide's top may be and still count as the one being read (CSS px). */
const READING_LINE = 96;

/** Keeps the address on the slide being read (replacing history entries, not adding them), once per frame at most. */
function followHash(slides: readonly HTMLElement[]): {disconnect(): void} {
  let pending = false;
  const update = () => {
    pending = false;
    let top = slides[0];
    for (const slide of slides) {
      if (slide.getBoundingClientRect().top > READING_LINE) break;
      top = slide;
    }
    if (!top) return;
    const hash = `#/${top.id || slides.indexOf(top)}`;
    if (location.hash !== hash) history.replaceState(history.state, "", hash);
  };
  const onScroll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(update);
  };
  addEventListener("scroll", onScroll, {passive: true});
  return {disconnect: () => removeEventListener("scroll", onScroll)};
}

/** One mounted figure and whether it runs. */
interface Live {
  handle: DemoHandle;
  running: boolean;
  /** Watches what the demo draws, to make room for text that runs past its SVG (text-room.ts). */
  drawn?: MutationObserver;
}

/**
 * Calls `makeRoomForText` on `figure` after each change it draws, before anything else runs: a mutation observer's
 * callback is a microtask, so the text a render drew is measured and given its room before the next frame is painted
 * or the next task (a test's measurement, a worker's next frame) runs. One call per render: its changes come in one
 * batch.
 */
function watchText(figure: HTMLElement): MutationObserver | undefined {
  if (typeof MutationObserver === "undefined") return undefined;
  const observer = new MutationObserver(() => makeRoomForText(figure));
  observer.observe(figure, {childList: true, subtree: true, characterData: true});
  return observer;
}

/** Every figure of every demo, mounted near the screen, running on it, freed far from it. */
function startDemos<L>(root: HTMLElement, options: ReadingViewOptions<L>): {destroy(): void} {
  const {demos, stray} = collectDemos(root);
  for (const {element, error} of stray) element.after(errorBox(element, error));
  const links = readDemoLinks(options.search);
  const figures = new Map<HTMLElement, {demo: DeckDemo; position: number; slide: HTMLElement}>();
  for (const demo of demos) {
    for (const figure of demo.figures) {
      if (demo.error || !demo.owner) {
        if (demo.error) failed(figure.element, demo, demo.error);
        continue;
      }
      if (figure.element !== demo.owner) copyOptions(demo.owner, figure.element);
      figures.set(figure.element, {demo, position: figure.position, slide: figure.slide});
    }
  }
  const live = new Map<HTMLElement, Live>();

  function mount(element: HTMLElement): Live | undefined {
    const known = live.get(element);
    if (known) return known;
    const {demo, position, slide} = figures.get(element)!;
    const link = element === demo.owner ? links.get(demo.key) : undefined;
    try {
      const handle = options.mount(element, options.load, {
        engine: options.engine,
        staticView: false,
        reducedMotion: options.reducedMotion,
        key: demo.key,
        autoplay: demo.owner?.dataset.autoplay !== "false",
        ...(link && "texts" in link ? {link: link.texts} : {})
      });
      handle.declare(declaredTexts(demo, position, "all"), slideLabel(slide, position), true);
      const entry = {handle, running: false, drawn: watchText(element)};
      live.set(element, entry);
      return entry;
    } catch (error) {
      failed(element, demo, error instanceof Error ? error : new Error(String(error)));
      figures.delete(element);
      return undefined;
    }
  }

  function free(element: HTMLElement): void {
    live.get(element)?.drawn?.disconnect();
    live.get(element)?.handle.destroy();
    live.delete(element);
  }

  const observe = (margin: string, react: (element: HTMLElement, near: boolean) => void) =>
    typeof IntersectionObserver === "undefined"
      ? undefined
      : new IntersectionObserver(
          (entries) =>
            entries.forEach(
              (e) => figures.has(e.target as HTMLElement) && react(e.target as HTMLElement, e.isIntersecting)
            ),
          {rootMargin: margin}
        );
  // On screen: mounted and running. Off it: paused. Several screens away: freed (its worker job too).
  const onScreen = observe("0px", (element, near) => {
    const entry = near ? mount(element) : live.get(element);
    if (!entry || entry.running === near) return;
    entry.running = near;
    if (near) entry.handle.resume();
    else entry.handle.pause();
  });
  const nearby = observe("300% 0px", (element, near) => {
    if (near) mount(element);
    else free(element);
  });
  for (const element of figures.keys()) {
    onScreen?.observe(element);
    nearby?.observe(element);
  }
  // A click on `data-set-state` sets that state on its slide's figure of the demo, as on the slides.
  const onClick = (event: Event) => {
    const element = (event.target as Element | null)?.closest?.<HTMLElement>("[data-set-state]");
    const slide = element?.closest<HTMLElement>("section");
    if (!element || !slide) return;
    const demo = fragmentTarget(element, slide, demos);
    const figure = demo?.figures.find((f) => f.slide === slide)?.element;
    const entry = figure ? live.get(figure) : undefined;
    const where = slideLabel(slide, leafSlides(root).indexOf(slide));
    try {
      entry?.handle.set(parseDeclarations(element.dataset.setState ?? "", where), where);
    } catch (error) {
      element.after(errorBox(element, error instanceof Error ? error : new Error(String(error))));
    }
  };
  root.addEventListener("click", onClick);
  return {
    destroy() {
      root.removeEventListener("click", onClick);
      onScreen?.disconnect();
      nearby?.disconnect();
      for (const element of [...live.keys()]) free(element);
    }
  };
}

function failed(element: HTMLElement, demo: DeckDemo, error: Error): void {
  if (element.dataset.demoState === "error") return;
  const output = element.ownerDocument.createElement("div");
  output.className = "demo-output";
  element.prepend(output);
  showError(output, demo.owner?.dataset.demo ?? demo.key, error);
  element.dataset.demoState = "error";
}

function errorBox(element: HTMLElement, error: Error): HTMLElement {
  const box = element.ownerDocument.createElement("div");
  box.className = ERROR_CLASS;
  box.setAttribute("role", "alert");
  box.textContent = error.message;
  return box;
}

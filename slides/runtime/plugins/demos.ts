import type {RevealApi, RevealPlugin} from "reveal.js";
import type {EngineClient} from "../../../demos/runtime/engine.ts";
import {ERROR_CLASS, showError} from "../../../demos/runtime/overlay.ts";
import type {DemoHandle} from "../../../demos/runtime/spec.ts";
import {
  collectDemos,
  copyOptions,
  declaredTexts,
  fragmentTarget,
  slideLabel,
  type DeckDemo,
  type StateFragment,
  type StrayDeclaration
} from "../deck-demos.ts";
import {parseDeclarations} from "../../../demos/runtime/declarations.ts";
import {readDemoLinks, type DemoLink} from "../demo-links.ts";
import {leafSlides} from "../slide-ids.ts";
import {isPrintView, isStaticView, prefersReducedMotion} from "../view.ts";

/** Reveal's default `viewDistance` (slides kept loaded on either side of the current one). */
const DEFAULT_VIEW_DISTANCE = 3;

/** What the plugin tells a demo when it mounts it (demos/runtime/mount.ts reads it). */
export interface MountOptions {
  /** The page's engine client, created on first use: never called in a static view. */
  engine: () => EngineClient;
  /** Draw one snapshot of the declared state: no worker, no animation loop (print view, speaker previews). */
  staticView: boolean;
  /** The settings a link gave this demo (`?demo-<key>=…`), as texts; the demo checks them. */
  link?: Record<string, string>;
  reducedMotion: boolean;
  /** The demo's key in links: its `data-stage`, else its figure's `id`, else its `data-demo`. */
  key: string;
  autoplay?: boolean;
}

/**
 * What the plugin needs from the demos, injected so that it can be tested with fakes: the loader of demo modules
 * (passed through to `mount` untouched), the mount itself, and the page's engine client.
 */
export interface DemosPluginOptions<L> {
  load: L;
  mount(element: HTMLElement, load: L, options: MountOptions): DemoHandle;
  engine(): EngineClient;
  /** The page's query, read once for `?demo-<key>=` links. @defaultValue location.search */
  search?: string;
}

/**
 * A mounted demo, the last state it was told and whether it was told to run, so that a repeated event (the scroll
 * view fires one per scrolled pixel row) calls nothing.
 */
interface Mounted {
  readonly handle: DemoHandle;
  declared?: string;
  running?: boolean;
}

const noEngine = (): EngineClient => {
  throw new Error("no engine in a static view (print view or speaker preview)");
};

/** Shows a content error on every figure of a demo, once. */
function showDemoError(demo: DeckDemo, error: Error): void {
  for (const {element} of demo.figures) {
    if (element.dataset.demoState === "error") continue;
    const output = element.ownerDocument.createElement("div");
    output.className = "demo-output";
    element.prepend(output);
    showError(output, demo.owner?.dataset.demo ?? demo.key, error);
    element.dataset.demoState = "error";
  }
}

/** Shows a fragment's state that has no demo to go to, next to the fragment, once. */
function showStray({element, error}: StrayDeclaration): void {
  if (element.nextElementSibling?.classList.contains(ERROR_CLASS)) return;
  const box = element.ownerDocument.createElement("div");
  box.className = ERROR_CLASS;
  box.setAttribute("role", "alert");
  box.textContent = error.message;
  element.after(box);
}

/** A link value that could not be read stops its demo with a message saying how to get rid of it. */
function linkError(link: DemoLink | undefined): Error | undefined {
  if (!link || !("error" in link)) return undefined;
  return new Error(`${link.error.message} (remove it from the address to reset the demo)`);
}

/** How far a slide is from the current one, in Reveal's slides (as its `viewDistance` counts them). */
function distanceFrom(deck: RevealApi, current: HTMLElement): (slide: HTMLElement) => number {
  const here = deck.getIndices(current);
  return (slide) => {
    const there = deck.getIndices(slide);
    return Math.abs(there.h - here.h) + (there.h === here.h ? Math.abs((there.v ?? 0) - (here.v ?? 0)) : 0);
  };
}

/**
 * The demos plugin: the life of every `<figure data-demo>` and stage (`data-stage`) of the deck.
 *
 * - A demo is mounted when one of its figures is within Reveal's `viewDistance` of the current slide, runs only while
 *   the current slide holds one of its figures, is paused otherwise (no engine work), and is destroyed beyond the
 *   view distance. A stage is one instance that moves (`moveTo`) into the current slide's figure, so its engine job
 *   and training progress go on from slide to slide.
 * - After every change it declares the state of the slide (see {@link declaredTexts}): a cut when the deck jumped
 *   more than one slide (deep link, overview), a tween otherwise.
 * - Reconciling is idempotent, so Reveal's `ready`, `slidechanged`, `sync` (the scroll view rebuilds the DOM),
 *   `overviewhidden` and the fragment events may all call it, in any number.
 * - In print view and the speaker view's previews every figure is mounted up front with `staticView`, a stage's
 *   figures each with its owner's options and their own declared state, and the engine is never asked for.
 */
export function demosPlugin<L>({load, mount, engine, search = location.search}: DemosPluginOptions<L>): RevealPlugin {
  const links = readDemoLinks(search);
  const reducedMotion = prefersReducedMotion();
  const mounted = new Map<HTMLElement, Mounted>();
  let model: {slides: HTMLElement[]; demos: DeckDemo[]} | undefined;
  let last: number | undefined;
  // A figure that draws changes its slide's height: let Reveal centre the slide again.
  let relayout = () => {};
  // And so does a figure that grows later (a frame brings panels, a readout wraps): once per animation frame at most.
  let pending = false;
  const resized =
    typeof ResizeObserver === "undefined"
      ? undefined
      : new ResizeObserver(() => {
          if (pending) return;
          pending = true;
          requestAnimationFrame(() => {
            pending = false;
            relayout();
          });
        });

  function start(demo: DeckDemo, element: HTMLElement, staticView: boolean): Mounted {
    const link = links.get(demo.key);
    const texts = link && "texts" in link ? link.texts : undefined;
    // `data-autoplay="false"` on the owner keeps a demo with a player paused until the viewer presses play.
    const autoplay = demo.owner?.dataset.autoplay !== "false";
    const options = {engine: staticView ? noEngine : engine, staticView, reducedMotion, key: demo.key, autoplay};
    const entry = {handle: mount(element, load, texts ? {...options, link: texts} : options)};
    mounted.set(element, entry);
    return entry;
  }

  function free(element: HTMLElement): void {
    mounted.get(element)?.handle.destroy();
    mounted.delete(element);
  }

  function declare(entry: Mounted, texts: Record<string, string>, where: string, instant: boolean): void {
    const said = JSON.stringify([texts, where]);
    if (entry.declared === said) return;
    entry.declared = said;
    entry.handle.declare(texts, where, instant);
  }

  /** Reads the content again when the DOM was rebuilt (or the first time), freeing demos whose figures are gone. */
  function refresh(root: HTMLElement): {slides: HTMLElement[]; demos: DeckDemo[]} {
    if (model && model.slides.every((slide) => slide.isConnected)) return model;
    const {demos, stray} = collectDemos(root);
    stray.forEach(showStray);
    for (const demo of demos) demo.error ??= linkError(links.get(demo.key));
    const owners = new Set(demos.map((demo) => demo.owner));
    for (const element of [...mounted.keys()]) if (!owners.has(element) || !element.isConnected) free(element);
    // Reveal's scroll view rebuilds slides from HTML it saved, drawn figures included: drop those stale copies.
    const live = new Set([...mounted.values()].map(({handle}) => handle.element));
    for (const {element} of demos.flatMap((demo) => demo.figures)) {
      if (live.has(element)) continue;
      for (const stale of element.querySelectorAll(":scope > .demo-output")) stale.remove();
      delete element.dataset.demoState;
    }
    resized?.disconnect();
    for (const {element} of demos.flatMap((demo) => demo.figures)) resized?.observe(element);
    return (model = {slides: leafSlides(root), demos});
  }

  /** Mounts, moves, declares and runs or pauses one demo near the current slide (at `position`). */
  function place(demo: DeckDemo & {owner: HTMLElement}, current: Element, position: number, instant: boolean) {
    let entry = mounted.get(demo.owner);
    if (!entry) void (entry = start(demo, demo.owner, false)).handle.ready.then(relayout);
    const onSlide = demo.figures.find((figure) => figure.slide === current);
    // Off its slides, a stage waits in its figure nearest to the current slide: the one being left, or entered.
    const nearest = (a: number, b: number) => Math.abs(a - position) - Math.abs(b - position);
    const target = onSlide ?? [...demo.figures].sort((a, b) => nearest(a.position, b.position))[0]!;
    if (entry.handle.element !== target.element) entry.handle.moveTo(target.element);
    // Arriving from a later slide, Reveal shows all of a slide's fragments; from an earlier one, none.
    const shown = onSlide ? "visible" : target.position < position ? "all" : "none";
    const texts = declaredTexts(demo, target.position, shown);
    declare(entry, texts, slideLabel(target.slide, target.position), instant || !onSlide);
    if (entry.running === Boolean(onSlide)) return;
    entry.running = Boolean(onSlide);
    if (onSlide) entry.handle.resume();
    else entry.handle.pause();
  }

  function reconcile(deck: RevealApi, jumped: boolean): void {
    const root = deck.getSlidesElement();
    const current = deck.getCurrentSlide();
    if (!root || !current) return;
    const {slides, demos} = refresh(root);
    const position = slides.indexOf(current);
    const instant = jumped || deck.isOverview() || last === undefined || Math.abs(position - last) > 1;
    last = position;
    const away = distanceFrom(deck, current);
    const distance = deck.getConfig().viewDistance ?? DEFAULT_VIEW_DISTANCE;
    relayout = () => deck.layout();
    for (const demo of demos) {
      const near = demo.figures.some((figure) => away(figure.slide) <= distance);
      if (demo.error || !demo.owner || !near) {
        if (demo.owner) free(demo.owner);
        if (demo.error) showDemoError(demo, demo.error);
        continue;
      }
      guard(demo, () => place(demo as DeckDemo & {owner: HTMLElement}, current, position, instant));
    }
    // Reveal centres a slide from its height when it lays out, which may predate the figure: centre it again.
    // Heights settle a frame after the slide change (measured: 363 px at `slidechanged`, 564 px 50 ms later).
    if (current.querySelector("figure[data-demo], figure[data-stage]")) {
      requestAnimationFrame(() => requestAnimationFrame(relayout));
    }
  }

  /** The mount reports its own failures; this keeps one that throws from stopping the other demos or the deck. */
  function guard(demo: DeckDemo, work: () => void): void {
    try {
      work();
    } catch (error) {
      for (const {element} of demo.figures) free(element);
      showDemoError(demo, (demo.error = error instanceof Error ? error : new Error(String(error))));
    }
  }

  /** Static views: every figure is a snapshot of its own declared state, drawn before Reveal clones slides. */
  function mountStatic(deck: RevealApi): Promise<void> {
    const root = deck.getSlidesElement();
    if (!root) return Promise.resolve();
    const {demos} = refresh(root);
    demos.flatMap((demo) => demo.figures).forEach(({element}, i) => (element.dataset.demoFigure = String(i)));
    demos.flatMap((demo) => demo.fragments).forEach(({element}, i) => (element.dataset.stateFragment = String(i)));
    const figures = new Map<HTMLElement, {demo: DeckDemo; position: number; slide: HTMLElement}>();
    const ready: Promise<void>[] = [];
    for (const demo of demos) {
      if (demo.error || !demo.owner) {
        if (demo.error) showDemoError(demo, demo.error);
        continue;
      }
      const owner = demo.owner;
      guard(demo, () => {
        for (const figure of demo.figures) {
          if (figure.element !== owner) copyOptions(owner, figure.element);
          const entry = start(demo, figure.element, true);
          declare(entry, declaredTexts(demo, figure.position, "none"), slideLabel(figure.slide, figure.position), true);
          figures.set(figure.element, {demo, position: figure.position, slide: figure.slide});
          ready.push(entry.handle.ready.catch(() => {}));
        }
      });
    }
    if (isPrintView(search)) deck.on("pdf-ready", () => mountFragmentPages(demos));
    // The speaker view's preview of the current slide follows its fragments.
    const follow = () => {
      const current = deck.getCurrentSlide();
      for (const [element, {demo, position, slide}] of figures) {
        const shown = slide === current ? "visible" : "none";
        const entry = mounted.get(element);
        if (entry) declare(entry, declaredTexts(demo, position, shown), slideLabel(slide, position), true);
      }
    };
    if (!isPrintView(search)) {
      for (const event of ["slidechanged", "fragmentshown", "fragmenthidden"]) deck.on(event, follow);
    }
    return Promise.all(ready).then(() => undefined);
  }

  /**
   * Print view gives each fragment step a page of its own, a copy of the slide with the step's fragments shown; a
   * copied figure shows the first page's snapshot (its canvas blank). Each copy gets its own snapshot of the state
   * its page declares. The figures and fragments were marked before Reveal copied them, so a copy finds its origin.
   */
  function mountFragmentPages(demos: DeckDemo[]): void {
    const figures = demos.flatMap((demo) => demo.figures.map((figure) => ({demo, figure})));
    const fragments = demos.flatMap((demo) => demo.fragments.map((fragment) => ({demo, fragment})));
    for (const copy of document.querySelectorAll<HTMLElement>("[data-demo-figure]")) {
      const origin = figures[Number(copy.dataset.demoFigure)];
      const page = copy.closest("section");
      if (mounted.has(copy) || !origin || !page) continue;
      const {demo, figure} = origin;
      const texts = declaredTexts(demo, figure.position, "none");
      const shown: StateFragment[] = [];
      for (const element of page.querySelectorAll<HTMLElement>(".fragment.visible[data-state-fragment]")) {
        const origin = fragments[Number(element.dataset.stateFragment)];
        if (origin?.demo === demo) shown.push(origin.fragment);
      }
      for (const fragment of shown.sort((a, b) => a.order - b.order)) Object.assign(texts, fragment.texts);
      for (const stale of copy.querySelectorAll(":scope > .demo-output")) stale.remove();
      guard(demo, () => declare(start(demo, copy, true), texts, slideLabel(figure.slide, figure.position), true));
    }
  }

  /**
   * A click on an element of the current slide that names a state (`<button data-set-state="family: vae">`) sets it
   * on the slide's demo (or the one `data-state-for` names), as its controls would. Enter and Space on it stay away
   * from Reveal (a button clicks on them itself).
   */
  function setStateOnClick(deck: RevealApi): void {
    const root = deck.getRevealElement() as HTMLElement | null;
    const source = (event: Event) => (event.target as Element | null)?.closest?.<HTMLElement>("[data-set-state]");
    root?.addEventListener("click", (event) => {
      const element = source(event);
      const slide = element?.closest<HTMLElement>("section");
      const slidesRoot = deck.getSlidesElement();
      if (!element || !slide || !slidesRoot) return;
      const {slides, demos} = refresh(slidesRoot);
      const where = slideLabel(slide, slides.indexOf(slide));
      const demo = fragmentTarget(element, slide, demos);
      const entry = demo?.owner ? mounted.get(demo.owner) : undefined;
      try {
        if (!entry) throw new Error(`${where}: data-set-state, but no live demo on this slide to set it on`);
        entry.handle.set(parseDeclarations(element.dataset.setState ?? "", where), where);
      } catch (error) {
        showStray({element, error: error instanceof Error ? error : new Error(String(error))});
      }
    });
    root?.addEventListener("keydown", (event) => {
      if ((event.key === "Enter" || event.key === " ") && source(event)) event.stopPropagation();
    });
  }

  return {
    id: "demos",
    init(deck) {
      // Print view clones slides for fragment pages, so the snapshots must be drawn before Reveal starts.
      if (isStaticView(deck, search)) return mountStatic(deck);
      const events = ["ready", "slidechanged", "sync", "overviewhidden", "fragmentshown", "fragmenthidden"];
      for (const event of events) deck.on(event, () => reconcile(deck, event === "overviewhidden"));
      setStateOnClick(deck);
    },
    destroy() {
      for (const element of [...mounted.keys()]) free(element);
      model = undefined;
      last = undefined;
    }
  };
}

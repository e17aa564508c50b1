import {parseDeclarations} from "../../demos/runtime/declarations.ts";
import {leafSlides} from "./slide-ids.ts";

/** A figure of a demo on one slide, with the state it declares (`data-state`), already split into texts. */
export interface DemoFigure {
  readonly element: HTMLElement;
  readonly slide: HTMLElement;
  /** The slide's place in the deck's reading order (0-based, vertical slides included). */
  readonly position: number;
  readonly texts: Readonly<Record<string, string>>;
}

/** A fragment that declares a state for a demo on its slide (`<p class="fragment" data-state="show: field">`). */
export interface StateFragment {
  readonly element: HTMLElement;
  readonly position: number;
  /** Reveal's order of the fragment on its slide (`data-fragment-index`), then document order. */
  readonly order: number;
  readonly texts: Readonly<Record<string, string>>;
}

/**
 * One live demo of the deck: a single `<figure data-demo>`, or a stage, the figures sharing one `data-stage` on
 * consecutive slides, shown by one instance that moves from figure to figure.
 */
export interface DeckDemo {
  /** Its name in links and controls: `data-stage`, else the figure's `id`, else its `data-demo`. */
  readonly key: string;
  readonly stage?: string;
  /** The figure holding `data-demo` and the options: where the demo is mounted. Missing for an owner-less stage. */
  readonly owner?: HTMLElement;
  /** Its figures in reading order. */
  readonly figures: readonly DemoFigure[];
  readonly fragments: StateFragment[];
  /** A mistake in the content that keeps the demo from mounting (shown on its figures). */
  error?: Error;
}

/** A declaration that belongs to no demo (a fragment's `data-state` on a slide without one). */
export interface StrayDeclaration {
  readonly element: HTMLElement;
  readonly error: Error;
}

/** How a slide is named in messages: `slide 5 (#/ot-cfm)`, numbered as Reveal's slide number shows it. */
export function slideLabel(slide: Element, position: number): string {
  return slide.id ? `slide ${position + 1} (#/${slide.id})` : `slide ${position + 1}`;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Figures first, grouped into demos and stages by key. */
function groupFigures(slides: HTMLElement[]): DeckDemo[] {
  const demos: DeckDemo[] = [];
  const stages = new Map<string, DeckDemo>();
  for (const [position, slide] of slides.entries()) {
    for (const element of slide.querySelectorAll<HTMLElement>("figure[data-demo], figure[data-stage]")) {
      const where = slideLabel(slide, position);
      const stage = element.dataset.stage;
      let demo = stage === undefined ? undefined : stages.get(stage);
      if (!demo) {
        const key = stage ?? (element.id || element.dataset.demo || "");
        demo = {key, stage, owner: undefined, figures: [], fragments: []};
        demos.push(demo);
        if (stage !== undefined) stages.set(stage, demo);
      }
      const figure = {element, slide, position, texts: {}};
      (demo.figures as DemoFigure[]).push(figure);
      try {
        figure.texts = parseDeclarations(element.dataset.state ?? "", where);
      } catch (error) {
        demo.error ??= asError(error);
      }
      if (element.dataset.demo === undefined) continue;
      if (!demo.owner) (demo as {owner?: HTMLElement}).owner = element;
      else demo.error ??= new Error(`stage ${stage}: data-demo again on ${where} (keep it on one figure of the stage)`);
    }
  }
  for (const demo of stages.values()) {
    if (!demo.owner) {
      demo.error ??= new Error(`stage ${demo.stage} has no demo: put data-demo="<id>" on one of its figures`);
    }
  }
  return demos;
}

/**
 * The demo a fragment's state (or a `data-set-state` element) is for: the one named by `data-state-for`, else the
 * slide's first.
 */
export function fragmentTarget(element: HTMLElement, slide: HTMLElement, demos: DeckDemo[]): DeckDemo | undefined {
  const named = element.dataset.stateFor;
  const onSlide = demos.filter((demo) => demo.figures.some((figure) => figure.slide === slide));
  if (named === undefined) return onSlide[0];
  return onSlide.find((demo) => demo.stage === named || demo.figures.some((f) => f.element.id === named));
}

/**
 * Finds the demos of a deck (`root` holds its slides) and every state they declare, checking the texts once: a
 * malformed `data-state` or a stage without `data-demo` becomes the demo's error; a fragment state with no demo to
 * go to is returned as stray.
 */
export function collectDemos(root: ParentNode): {demos: DeckDemo[]; stray: StrayDeclaration[]} {
  const slides = leafSlides(root);
  const demos = groupFigures(slides);
  const stray: StrayDeclaration[] = [];
  for (const [position, slide] of slides.entries()) {
    const elements = slide.querySelectorAll<HTMLElement>(".fragment[data-state]");
    for (const [rank, element] of Array.from(elements).entries()) {
      const where = slideLabel(slide, position);
      const target = fragmentTarget(element, slide, demos);
      const named = element.dataset.stateFor;
      if (!target) {
        const what = named === undefined ? "no demo on this slide" : `no demo or stage ${named} on this slide`;
        stray.push({element, error: new Error(`${where}: a fragment declares a state, but there is ${what}`)});
        continue;
      }
      const index = Number(element.dataset.fragmentIndex);
      const order = (Number.isInteger(index) ? index : elements.length) * elements.length + rank;
      try {
        target.fragments.push({element, position, order, texts: parseDeclarations(element.dataset.state ?? "", where)});
      } catch (error) {
        target.error ??= asError(error);
      }
    }
  }
  for (const demo of demos) demo.fragments.sort((a, b) => a.order - b.order);
  return {demos, stray};
}

/** Which of a slide's fragments count: those shown now, all of them (arriving from later), or none. */
export type FragmentsShown = "visible" | "all" | "none";

/**
 * The state a demo declares at the slide in `position`: the `data-state` of its figures on slides up to that one,
 * merged in reading order, then that slide's fragments in fragment order (later keys win). Pure in the content and
 * the visible fragments, so going back to a slide gives back exactly the state it had.
 */
export function declaredTexts(demo: DeckDemo, position: number, shown: FragmentsShown): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const figure of demo.figures) if (figure.position <= position) Object.assign(texts, figure.texts);
  if (shown === "none") return texts;
  for (const fragment of demo.fragments) {
    if (fragment.position !== position) continue;
    if (shown === "all" || fragment.element.classList.contains("visible")) Object.assign(texts, fragment.texts);
  }
  return texts;
}

/**
 * Stage figures after the first carry no options: where each figure is mounted on its own (print view, speaker
 * previews, the reading view) it takes its owner's `data-*` options, its own declared state excepted.
 */
export function copyOptions(owner: HTMLElement, figure: HTMLElement): void {
  for (const {name, value} of owner.attributes) {
    if (!name.startsWith("data-") || /^data-(state|state-for|stage|demo-state)$/.test(name)) continue;
    if (!figure.hasAttribute(name)) figure.setAttribute(name, value);
  }
}

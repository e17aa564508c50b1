import type {RevealApi, RevealPlugin} from "reveal.js";
import {isStaticView, prefersReducedMotion} from "../view.ts";

/** Reveal's own class that switches its slide transitions off (reveal.css). */
const STILL = "disable-slide-transitions";

/** The fields Reveal merges onto its `beforeslidechange` event. */
interface SlideChangeEvent extends Event {
  indexh: number;
  indexv?: number;
}

/** Names a browser accepts in `view-transition-name` (and authors write in ids). */
const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * What morphs on a slide, by view-transition name: terms tagged `\htmlData{mid=sum}{…}` in math (rendered as
 * `data-mid="sum"`) and the figures of stages (`<figure data-stage="hero">`), whose live demo moves with them.
 */
export function morphTargets(slide: Element | null | undefined): Map<string, HTMLElement> {
  const targets = new Map<string, HTMLElement>();
  const add = (name: string, element: HTMLElement) => void (targets.has(name) || targets.set(name, element));
  for (const element of slide?.querySelectorAll<HTMLElement>("[data-mid]") ?? []) {
    const id = element.dataset.mid ?? "";
    if (NAME.test(id)) add(`fd-morph-${id}`, element);
  }
  for (const element of slide?.querySelectorAll<HTMLElement>("figure[data-stage]") ?? []) {
    const stage = element.dataset.stage ?? "";
    if (NAME.test(stage)) add(`fd-stage-${stage}`, element);
  }
  return targets;
}

function name(targets: Map<string, HTMLElement>, on: boolean): void {
  for (const [id, element] of targets) element.style.viewTransitionName = on ? id : "";
}

/** How long a stage figure fades in where the browser has no View Transitions (ms). */
const FADE_MS = 250;

/** The fields Reveal merges onto its `slidechanged` event. */
interface SlideChangedEvent extends Event {
  previousSlide?: HTMLElement | null;
  currentSlide?: HTMLElement | null;
}

/** Without View Transitions: a stage figure that the demo just moved into fades in (the old one is left empty). */
function crossFade(deck: RevealApi): void {
  deck.on("slidechanged", (event) => {
    const {previousSlide, currentSlide} = event as SlideChangedEvent;
    const before = morphTargets(previousSlide);
    for (const [id, element] of morphTargets(currentSlide ?? deck.getCurrentSlide())) {
      if (id.startsWith("fd-stage-") && before.has(id) && typeof element.animate === "function") {
        element.animate([{opacity: 0}, {opacity: 1}], {duration: FADE_MS, easing: "ease-out"});
      }
    }
  });
}

/**
 * Equation and figure morphs with the View Transitions API: when the next slide shares `data-mid` ids or stages
 * (`data-stage`) with the present one, the slide change is cancelled and replayed inside
 * `document.startViewTransition`, with the shared terms and figures named on the present slide only (so each name is
 * unique when the browser captures it). Reveal fires `slidechanged` synchronously inside `slide()`, so the demos
 * plugin has moved a stage's output into the new figure by the time the browser captures it: the figure moves and
 * resizes as PowerPoint's Morph does. Where the API is missing, a stage figure fades in instead; under reduced
 * motion nothing morphs (a cut). Reveal's own auto-animate handles text (`data-auto-animate`, `data-id`).
 */
export function morphPlugin(): RevealPlugin {
  return {
    id: "morph",
    init(deck: RevealApi) {
      if (prefersReducedMotion() || isStaticView(deck)) return;
      if (typeof document.startViewTransition !== "function") return crossFade(deck);
      let replaying = false;
      let running: ViewTransition | undefined;
      deck.on("beforeslidechange", (event) => {
        const {indexh, indexv} = event as SlideChangeEvent;
        if (replaying || deck.isOverview()) return;
        const before = morphTargets(deck.getCurrentSlide());
        const after = morphTargets(deck.getSlide(indexh, indexv));
        const shared = [...before.keys()].filter((id) => after.has(id));
        if (shared.length === 0) return;
        const keep = (m: Map<string, HTMLElement>) => new Map(shared.map((id) => [id, m.get(id)!]));
        event.preventDefault();
        // A key pressed again while a morph plays: finish that one at once (its end state is the slide it was going to).
        running?.skipTransition();
        name(keep(before), true);
        // The view transition animates the change, so Reveal's own slide transition must not move the new slide.
        const slides = deck.getSlidesElement();
        const transition = document.startViewTransition(() => {
          name(keep(before), false);
          slides?.classList.add(STILL);
          replaying = true;
          try {
            deck.slide(indexh, indexv);
          } finally {
            replaying = false;
          }
          name(keep(after), true);
        });
        running = transition;
        const done = () => {
          name(keep(after), false);
          slides?.classList.remove(STILL);
          if (running === transition) running = undefined;
        };
        transition.finished.then(done, done);
        // A skipped transition rejects `ready` ("Transition was skipped"): that is no error, the slide changed anyway.
        transition.ready.catch(() => {});
      });
    }
  };
}

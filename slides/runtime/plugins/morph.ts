import type {RevealApi, RevealPlugin} from "reveal.js";
import {isStaticView, prefersReducedMotion} from "../view.ts";

/** Reveal's own class that switches its slide transitions off (reveal.css). */
const STILL = "disable-slide-transitions";

/** The fields Reveal merges onto its `beforeslidechange` event. */
interface SlideChangeEvent extends Event {
  indexh: number;
  indexv?: number;
}

/** Elements tagged for morphing, by id: `\htmlData{mid=sum}{…}` in math renders as `data-mid="sum"`. */
function morphTargets(slide: Element | null | undefined): Map<string, HTMLElement> {
  const targets = new Map<string, HTMLElement>();
  for (const element of slide?.querySelectorAll<HTMLElement>("[data-mid]") ?? []) {
    const id = element.dataset.mid ?? "";
    if (/^[A-Za-z0-9_-]+$/.test(id) && !targets.has(id)) targets.set(id, element);
  }
  return targets;
}

function name(targets: Map<string, HTMLElement>, on: boolean): void {
  for (const [id, element] of targets) element.style.viewTransitionName = on ? `fd-morph-${id}` : "";
}

/**
 * Equation morphs with the View Transitions API: when the next slide shares `data-mid` ids with the present one,
 * the slide change is cancelled and replayed inside `document.startViewTransition`, with the shared terms named on
 * the present slide only (so each name is unique when the browser captures it). Off under reduced motion and
 * where the API is missing; Reveal's own auto-animate handles text (`data-auto-animate`, `data-id`).
 */
export function morphPlugin(): RevealPlugin {
  return {
    id: "morph",
    init(deck: RevealApi) {
      if (typeof document.startViewTransition !== "function" || prefersReducedMotion() || isStaticView(deck)) return;
      let replaying = false;
      deck.on("beforeslidechange", (event) => {
        const {indexh, indexv} = event as SlideChangeEvent;
        if (replaying || deck.isOverview()) return;
        const before = morphTargets(deck.getCurrentSlide());
        const after = morphTargets(deck.getSlide(indexh, indexv));
        const shared = [...before.keys()].filter((id) => after.has(id));
        if (shared.length === 0) return;
        const keep = (m: Map<string, HTMLElement>) => new Map(shared.map((id) => [id, m.get(id)!]));
        event.preventDefault();
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
        const done = () => {
          name(keep(after), false);
          slides?.classList.remove(STILL);
        };
        transition.finished.then(done, done);
      });
    }
  };
}

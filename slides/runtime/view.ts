import type {RevealApi} from "reveal.js";

/** True in print view (`?print-pdf`, `?view=print`). */
export function isPrintView(search: string = location.search): boolean {
  return /[?&](print-pdf|view=print)(&|=|$)/.test(search);
}

/**
 * True where demos should draw a static snapshot instead of running live: print view (slides are cloned, canvases
 * come out blank) and the speaker view's preview frames (`?receiver`), which would otherwise run every demo twice more.
 */
export function isStaticView(deck: RevealApi, search: string = location.search): boolean {
  return isPrintView(search) || deck.isSpeakerNotes();
}

/** True when the viewer asked the system for reduced motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

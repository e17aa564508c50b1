import type {RevealApi, RevealPlugin} from "reveal.js";
import {isPrintView} from "../view.ts";

/*
 * Scrubbable timelines. A deck writes a plain dated list, typeset at build time like any slide:
 *
 *   <ol class="timeline" data-scrub aria-label="…">
 *     <li><time>2018</time> Neural ODE <div class="timeline-detail">$$…$$</div></li> …
 *   </ol>
 *
 * and this plugin adds, in the page, a labelled range input over the list's dates ("show up to …"), turns each item
 * that has a detail into a button that opens it in a panel beside the list, and keeps the input in step with the
 * list's fragments. Everything is done with DOM calls and classes (no inline scripts or styles: a strict CSP holds).
 */

/** Keys a focused item button keeps: the button's own click opens it, Reveal must not also move on. */
const BUTTON_KEYS = new Set(["Enter", " "]);

/** Counter for the ids that tie a button to its detail (unique in the page). */
let serial = 0;

function itemsOf(list: Element): HTMLLIElement[] {
  return [...list.querySelectorAll<HTMLLIElement>(":scope > li")];
}

/** The date an item carries: its `<time>`'s text (or `datetime`), else its position. */
function dateOf(item: HTMLLIElement, index: number): string {
  const time = item.querySelector("time");
  return (time?.textContent?.trim() || time?.getAttribute("datetime")) ?? `item ${index + 1}`;
}

/**
 * The scrubber's steps: one per run of items that share a date, in the list's order (the list is chronological).
 * Marks each item with its step (`data-step`) and returns the dates.
 */
function numberSteps(list: HTMLElement): string[] {
  const dates: string[] = [];
  itemsOf(list).forEach((item, i) => {
    const date = dateOf(item, i);
    if (dates[dates.length - 1] !== date) dates.push(date);
    item.dataset.step = String(dates.length - 1);
  });
  return dates;
}

const stepOf = (item: HTMLElement) => Number(item.dataset.step ?? 0);
const isFragment = (item: Element) => item.classList.contains("fragment");
const inputOf = (list: Element) =>
  list.closest(".timeline-scrub")?.querySelector<HTMLInputElement>("input.timeline-range") ?? null;

/** Opens `button`'s detail (or closes it if it is open) and closes the other details of its list. */
export function toggleDetail(button: HTMLElement, open = button.getAttribute("aria-expanded") !== "true"): void {
  const scrub = button.closest(".timeline-scrub");
  if (!scrub) return;
  for (const other of scrub.querySelectorAll<HTMLElement>("button.timeline-item")) {
    const shown = other === button && open;
    other.setAttribute("aria-expanded", String(shown));
    const detail = scrub.querySelector<HTMLElement>(`#${other.getAttribute("aria-controls")}`);
    if (detail) detail.hidden = !shown;
  }
  const hint = scrub.querySelector<HTMLElement>(".timeline-hint");
  if (hint) hint.hidden = open;
}

/**
 * Shows the items of `list` up to step `value` (0 = the first date): later items get `timeline-later` (hidden, their
 * place kept) and a detail they had open closes. Fragment items are left to Reveal: `showFragments` receives the
 * index of the last fragment at or before `value` (-1: none) so the deck can show exactly those.
 */
export function scrubTo(list: HTMLElement, value: number, showFragments?: (index: number) => void): void {
  const input = inputOf(list);
  const dates = input ? Number(input.max) + 1 : itemsOf(list).length;
  const step = Math.max(0, Math.min(dates - 1, Math.round(value)));
  let lastFragment = -1;
  for (const item of itemsOf(list)) {
    const later = stepOf(item) > step;
    if (isFragment(item)) {
      if (!later) lastFragment = Math.max(lastFragment, Number(item.dataset.fragmentIndex ?? lastFragment + 1));
    } else item.classList.toggle("timeline-later", later);
    const button = item.querySelector<HTMLElement>("button.timeline-item");
    if (later && button?.getAttribute("aria-expanded") === "true") toggleDetail(button, false);
  }
  if (input) showValue(input, step);
  if (showFragments && itemsOf(list).some(isFragment)) showFragments(lastFragment);
}

/** Puts `step` in the input (property and attribute, so a copy of the DOM keeps it) and in its readout. */
function showValue(input: HTMLInputElement, step: number): void {
  const dates = (input.dataset.dates ?? "").split("\n");
  const date = dates[step] ?? "";
  input.value = String(step);
  input.setAttribute("value", String(step));
  input.setAttribute("aria-valuetext", date);
  const output = input.closest(".timeline-controls")?.querySelector("output");
  if (output) output.textContent = date;
}

/** Moves the input to the last date the list shows: its plain items and the fragments Reveal has made visible. */
export function followFragments(list: HTMLElement): void {
  const input = inputOf(list);
  if (!input) return;
  const shown = itemsOf(list).filter((item) => !isFragment(item) || item.classList.contains("visible"));
  scrubTo(list, shown.length ? Math.max(...shown.map(stepOf)) : 0);
}

function makeButton(item: HTMLLIElement, detail: HTMLElement, id: string): void {
  const button = item.ownerDocument.createElement("button");
  button.type = "button";
  button.className = "timeline-item";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", id);
  button.append(...[...item.childNodes].filter((node) => node !== detail));
  item.append(button);
  detail.id = id;
  detail.hidden = true;
}

/**
 * Turns every `ol.timeline[data-scrub]` in `root` into a scrubbable timeline (see the top of this file). Idempotent.
 * In print view (`print: true`) every item shows and the input stands at the last date.
 */
export function timelineScrubbers(root: ParentNode, {print = false} = {}): HTMLElement[] {
  const lists = [...root.querySelectorAll<HTMLElement>("ol.timeline[data-scrub]")];
  for (const list of lists) {
    if (list.closest(".timeline-scrub")) continue;
    const doc = list.ownerDocument;
    const dates = numberSteps(list);
    const scrub = doc.createElement("div");
    scrub.className = "timeline-scrub";
    const controls = doc.createElement("label");
    controls.className = "timeline-controls";
    const input = doc.createElement("input");
    Object.assign(input, {
      type: "range",
      min: "0",
      max: String(dates.length - 1),
      step: "1",
      className: "timeline-range"
    });
    input.dataset.dates = dates.join("\n");
    const output = doc.createElement("output");
    controls.append(list.dataset.scrubLabel ?? "Show up to", input, output);
    const body = doc.createElement("div");
    body.className = "timeline-body";
    list.replaceWith(scrub);
    scrub.append(controls, body);
    body.append(list);
    const details = itemsOf(list).flatMap((item) => {
      const detail = item.querySelector<HTMLElement>(":scope > .timeline-detail");
      if (!detail) return [];
      makeButton(item, detail, `timeline-${++serial}`);
      return [detail];
    });
    if (details.length) {
      const panel = doc.createElement("div");
      panel.className = "timeline-details";
      panel.setAttribute("aria-live", "polite");
      const hint = doc.createElement("p");
      hint.className = "timeline-hint";
      hint.textContent = list.dataset.scrubHint ?? "Click an item to see its key equation.";
      panel.append(hint, ...details);
      body.append(panel);
      scrub.classList.add("has-details");
    }
    // A list of fragments starts where its plain items end (Reveal shows the rest); any other list shows all.
    const plain = itemsOf(list).filter((item) => !isFragment(item));
    const fragments = plain.length < itemsOf(list).length;
    scrubTo(list, print || !fragments ? dates.length - 1 : Math.max(0, ...plain.map(stepOf)));
  }
  return lists;
}

/**
 * Listens on `root` (delegation: survives Reveal copying slides): the range input scrubs its list, a click on an item
 * opens its detail, Enter and Space on an item stay away from Reveal. `showFragments(index)` shows exactly the
 * fragments up to `index` on the present slide. Returns a function that removes the listeners.
 */
export function timelineEvents(root: HTMLElement, showFragments?: (index: number) => void): () => void {
  const onInput = (event: Event) => {
    const input = event.target as HTMLInputElement | null;
    if (!input?.classList?.contains("timeline-range")) return;
    const list = input.closest(".timeline-scrub")?.querySelector<HTMLElement>("ol.timeline");
    if (list) scrubTo(list, Number(input.value), showFragments);
  };
  const onClick = (event: Event) => {
    const button = (event.target as Element | null)?.closest?.<HTMLElement>("button.timeline-item");
    if (button) toggleDetail(button);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as Element | null;
    if (target?.closest?.("button.timeline-item") && BUTTON_KEYS.has(event.key)) event.stopPropagation();
    if (target?.classList?.contains("timeline-range")) event.stopPropagation(); // the input's keys move the input
  };
  root.addEventListener("input", onInput);
  root.addEventListener("click", onClick);
  root.addEventListener("keydown", onKeyDown);
  return () => {
    root.removeEventListener("input", onInput);
    root.removeEventListener("click", onClick);
    root.removeEventListener("keydown", onKeyDown);
  };
}

/** Keeps the inputs on `slide` in step with its fragments. */
function follow(slide: Element | null | undefined): void {
  for (const list of slide?.querySelectorAll<HTMLElement>(".timeline-scrub ol.timeline") ?? []) followFragments(list);
}

/**
 * Reveal plugin: scrubbable timelines (see {@link timelineScrubbers}). Scrubbing a list whose items are fragments
 * moves the deck to the matching fragment step, and stepping through the fragments moves the input. In print view
 * every item shows.
 */
export function timelinePlugin(): RevealPlugin {
  return {
    id: "timeline",
    init(deck: RevealApi) {
      const root = deck.getRevealElement() as HTMLElement;
      timelineScrubbers(root, {print: isPrintView()});
      timelineEvents(root, (index) => deck.navigateFragment(index));
      const onFragment = (event: Event) => follow((event as Event & {fragment?: Element}).fragment?.closest("section"));
      deck.on("fragmentshown", onFragment);
      deck.on("fragmenthidden", onFragment);
      deck.on("slidechanged", () => follow(deck.getCurrentSlide()));
      deck.on("ready", () => follow(deck.getCurrentSlide()));
      deck.on("sync", () => timelineScrubbers(root, {print: isPrintView()}));
    }
  };
}

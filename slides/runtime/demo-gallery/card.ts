import {formatValue} from "../../../engine/options/schema.ts";
import type {EngineClient} from "../../../demos/runtime/engine.ts";
import {exampleSlug} from "../../../demos/runtime/examples.ts";
import {mountDemo} from "../../../demos/runtime/mount.ts";
import type {DemoExample, DemoHandle, DemoSpec} from "../../../demos/runtime/spec.ts";
import type {DemoUse} from "../build/demo-uses.ts";
import type {DemoLink} from "../demo-links.ts";
import {optionsForm} from "./form.ts";
import {useLabel} from "./page-data.ts";
import type {Watch} from "./visibility.ts";

/** Natural width (px) above which a demo's figure takes the card's whole width, its options going under it. */
const WIDE = 700;

/** What one card of the demo gallery shows and runs on. */
export interface CardOptions {
  /** The demo's id (`data-demo`). */
  id: string;
  /** Its spec; a rejection (an unknown id) shows as the demo's error box. */
  load: Promise<DemoSpec>;
  /** The example this card shows, or none for the demo's defaults. */
  example?: DemoExample;
  /** What the page's address says for this card (`?demo-<key>=…`). */
  link?: DemoLink;
  /** The deck slides that embed the demo (shown on the defaults' card). */
  uses: readonly DemoUse[];
  engine: () => EngineClient;
  reducedMotion: boolean;
  watch: Watch;
}

/** One card: its element, and the demo mounted in it now (a new one after every change of the form). */
export interface DemoCard {
  readonly element: HTMLElement;
  readonly handle: DemoHandle;
}

/** A card's key in links and its element's id: the demo id, `<id>.<example slug>` for an example. */
export function cardKey(id: string, example?: DemoExample): string {
  return example ? `${id}.${exampleSlug(example.name)}` : id;
}

/**
 * A card of the demo gallery: the id (and example name), the description, the live demo, its options form, the tag
 * that embeds it as shown, its state and render time, and links to the slides that use it. The demo runs only while
 * its figure is on screen (`watch`); the form sets the figure's `data-*` attributes and mounts the demo again.
 */
export function demoCard(doc: Document, o: CardOptions): DemoCard {
  const key = cardKey(o.id, o.example);
  const element = doc.createElement("article");
  element.className = "demo-card";
  element.id = key;

  const heading = doc.createElement("h2");
  const title = doc.createElement("a");
  title.href = `#${key}`;
  title.textContent = o.id;
  heading.append(title);
  if (o.example) heading.append(" ", span(doc, "demo-card-example", o.example.name));
  const status = span(doc, "demo-card-status", "");
  status.setAttribute("aria-live", "off");
  const header = doc.createElement("header");
  header.append(heading, status);
  const description = doc.createElement("p");
  description.className = "demo-card-description";

  const figure = doc.createElement("figure");
  figure.dataset.demo = o.id;
  for (const [name, text] of Object.entries(o.example?.options ?? {})) figure.dataset[name] = text;
  const side = doc.createElement("div");
  side.className = "demo-card-side";
  const tag = doc.createElement("code");
  const tagBox = doc.createElement("pre");
  tagBox.className = "demo-card-tag";
  tagBox.append(tag);
  const body = doc.createElement("div");
  body.className = "demo-card-body";
  body.append(figure, side);
  element.append(header, description, body);

  let visible = false;
  let link = o.link && "texts" in o.link ? o.link.texts : undefined;
  let linkError = o.link && "error" in o.link ? o.link.error : undefined;

  function mount(): DemoHandle {
    const load = linkError
      ? Promise.reject(new Error(`${linkError.message} (remove it from the address to reset the demo)`))
      : o.load;
    const options = {engine: o.engine, staticView: false, reducedMotion: o.reducedMotion, key};
    const h = mountDemo(figure, load, link ? {...options, link} : options);
    if (o.example?.state) h.declare(o.example.state, `example "${o.example.name}"`, true);
    if (visible) h.resume();
    return h;
  }

  /** Figures wider than the card's figure column (panels side by side, full-width figures) get the whole width. */
  function fitWidth(): void {
    let width = 0;
    for (const svg of figure.querySelectorAll(".demo-view svg")) {
      if (!svg.parentElement?.closest("svg")) width += Number(svg.getAttribute("width")) || 0;
    }
    if (width > WIDE) element.classList.add("demo-card-wide");
  }

  function showStatus(): void {
    fitWidth();
    const state = figure.dataset.demoState;
    const waiting = !visible && (state === "computing" || state === "paused");
    const ms = figure.dataset.renderMs;
    status.textContent = [waiting ? "off screen" : state, ms && `render ${ms} ms`].filter(Boolean).join(" · ");
  }

  function showTag(): void {
    const attributes = Object.entries(figure.dataset)
      .filter(([name]) => name !== "demoState" && name !== "renderMs")
      .map(([name, text]) => ` data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${quote(text!)}"`);
    const state = Object.entries(o.example?.state ?? {}).map(([name, text]) => `${name}: ${text}`);
    if (state.length > 0) attributes.push(` data-state="${quote(state.join("; "))}"`);
    tag.textContent = `<figure${attributes.join("")}></figure>`;
  }

  let handle = mount();
  new MutationObserver(showStatus).observe(figure, {attributeFilter: ["data-demo-state", "data-render-ms"]});
  o.watch(figure, (on) => {
    visible = on;
    if (on) handle.resume();
    else handle.pause();
    showStatus();
  });
  showStatus();
  showTag();

  o.load.then(
    (spec) => {
      description.textContent = spec.description;
      // The form starts from what the demo shows: the example's options, then the link's.
      const fromLink = Object.fromEntries(Object.entries(link ?? {}).filter(([k]) => Object.hasOwn(spec.options, k)));
      const form = optionsForm(doc, spec.options, {...o.example?.options, ...fromLink}, (texts) => {
        for (const [name, f] of Object.entries(spec.options)) {
          if (texts[name] === formatValue(f.default)) delete figure.dataset[name];
          else figure.dataset[name] = texts[name] ?? "";
        }
        // The form now says what the options are: the link keeps only its state.
        if (link) link = Object.fromEntries(Object.entries(link).filter(([k]) => Object.hasOwn(spec.state, k)));
        linkError = undefined;
        handle.destroy();
        handle = mount();
        showTag();
      });
      side.append(heading3(doc, "Options"), form.element, heading3(doc, "Tag"), tagBox);
      if (!o.example) side.append(heading3(doc, "Used in"), usesList(doc, o.uses));
    },
    () => side.append(span(doc, "demo-card-missing", "no such demo in the registry (demos/index.ts)"))
  );

  return {
    element,
    get handle() {
      return handle;
    }
  };
}

/** The slides that use a demo, as links (relative to the site's root, like the data). */
function usesList(doc: Document, uses: readonly DemoUse[]): HTMLElement {
  if (uses.length === 0) return span(doc, "demo-card-uses", "no deck yet");
  const list = doc.createElement("ul");
  list.className = "demo-card-uses";
  for (const use of uses) {
    const item = doc.createElement("li");
    const a = doc.createElement("a");
    a.href = use.href;
    a.textContent = useLabel(use);
    item.append(a);
    list.append(item);
  }
  return list;
}

function span(doc: Document, className: string, text: string): HTMLElement {
  const s = doc.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}

function heading3(doc: Document, text: string): HTMLElement {
  const h = doc.createElement("h3");
  h.textContent = text;
  return h;
}

function quote(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

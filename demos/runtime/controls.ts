import {describeField, type Field, type Schema, type Value} from "../../engine/options/schema.ts";

// Own tiny controls rather than @observablehq/inputs: Inputs pairs every range with a number box and a notebook-sized
// (13 px) style it injects into the page, while a 1280×720 slide needs a few compact, large-text controls themed by
// the deck's CSS variables; and the runtime must own their events anyway (options restart the engine work on `change`,
// state follows `input`, keys must not reach Reveal). Each control is a labelled native element, so keyboard use,
// focus and screen readers come from the browser.

/** What the controls act on: the mounted demo (demos/runtime/mount.ts). */
export interface ControlsHost {
  readonly options: Schema;
  readonly state: Schema;
  /** Keys of `options` or `state` that get a control, in order. */
  readonly keys: readonly string[];
  readonly player: boolean;
  setOption(key: string, value: Value): void;
  setState(key: string, value: Value): void;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  link(): string;
}

/** A demo's control bar. */
export interface Controls {
  readonly element: HTMLElement;
  /** Shows current values (a tween or a drag moved the state). Skips the control that has focus. */
  update(options: Readonly<Record<string, Value>>, state: Readonly<Record<string, Value>>, playing: boolean): void;
  /** Shows a frame's progress, or hides the line when the frame has none. */
  progress(frame: unknown): void;
}

/** A frame's progress as a worker task reports it. */
export interface Progress {
  steps: number;
  total: number;
  stepsPerSecond: number;
  loss?: number;
  secondsLeft?: number;
}

/** `step 1200 / 5000 · 850 steps/s · ~5 s left · loss 0.123` (undefined when `frame` has no progress). */
export function formatProgress(frame: unknown): string | undefined {
  const p = (frame as {progress?: Progress} | undefined)?.progress;
  if (!p || typeof p.steps !== "number" || typeof p.total !== "number") return undefined;
  const parts = [`step ${p.steps} / ${p.total}`];
  if (p.stepsPerSecond > 0) {
    parts.push(`${Math.round(p.stepsPerSecond)} steps/s`);
    const left = typeof p.secondsLeft === "number" ? p.secondsLeft : (p.total - p.steps) / p.stepsPerSecond;
    if (p.steps < p.total) parts.push(`~${Math.ceil(left)} s left`);
  }
  if (typeof p.loss === "number") parts.push(`loss ${Number.isFinite(p.loss) ? p.loss.toPrecision(3) : p.loss}`);
  return parts.join(" · ");
}

/**
 * Stops keys typed into a demo's controls from reaching Reveal (it ignores keys only while an input or textarea has
 * focus, so an arrow on a focused select would change the slide). Escape still reaches it, and so does every key
 * but Space and Enter on a focused button or checkbox.
 */
export function keepKeys(element: HTMLElement): void {
  element.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement;
    // A button or checkbox uses only Space and Enter: a lecturer who clicked "play" still moves on with the arrows.
    const pressable = target.tagName === "BUTTON" || (target as HTMLInputElement).type === "checkbox";
    if (pressable ? event.key === " " || event.key === "Enter" : event.key !== "Escape") event.stopPropagation();
  });
}

/** Builds the controls for `host.keys`, the player buttons, a progress line and a "copy link" button. */
export function controls(doc: Document, host: ControlsHost): Controls {
  const element = doc.createElement("div");
  element.className = "demo-controls";
  keepKeys(element);
  const setters = new Map<string, (value: Value) => void>();
  for (const key of host.keys) {
    const isOption = Object.hasOwn(host.options, key);
    const f = isOption ? host.options[key] : host.state[key];
    if (!f) throw new RangeError(`unknown control: ${key}`);
    const set = (value: Value) => (isOption ? host.setOption(key, value) : host.setState(key, value));
    const {label, show} = field(doc, key, f, set, isOption);
    element.append(label);
    setters.set(key, show);
  }
  let playButton: HTMLButtonElement | undefined;
  if (host.player) {
    const group = doc.createElement("span");
    group.className = "demo-player";
    playButton = button(doc, "pause", () => (playButton!.dataset.playing === "true" ? host.pause() : host.play()));
    group.append(playButton, button(doc, "step", host.step), button(doc, "reset", host.reset));
    element.append(group);
  }
  const line = doc.createElement("span");
  line.className = "demo-progress";
  line.setAttribute("aria-live", "off");
  line.hidden = true;
  element.append(line, copyLink(doc, host.link));

  return {
    element,
    update(options, state, playing) {
      for (const [key, show] of setters) show((Object.hasOwn(options, key) ? options : state)[key]!);
      if (playButton) {
        playButton.dataset.playing = String(playing);
        playButton.textContent = playing ? "pause" : "play";
      }
    },
    progress(frame) {
      const text = formatProgress(frame);
      line.hidden = text === undefined;
      line.textContent = text ?? "";
    }
  };
}

function button(doc: Document, text: string, onClick: () => void): HTMLButtonElement {
  const b = doc.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

/** One labelled control for a field: the element and a function that shows a value in it. */
function field(doc: Document, key: string, f: Field, set: (value: Value) => void, isOption: boolean) {
  const label = doc.createElement("label");
  label.className = "demo-control";
  label.title = `${f.help} (${describeField(f)})`;
  const name = doc.createElement("span");
  name.textContent = key;
  label.append(name);
  // Options restart the engine work: take the value once it is chosen, not at every pixel of a slider's travel.
  const event = isOption ? "change" : "input";
  const bounded = (f.kind === "number" || f.kind === "integer") && f.min !== undefined && f.max !== undefined;
  if (f.kind === "choice") {
    const select = doc.createElement("select");
    select.name = key;
    for (const c of f.choices) select.append(new Option(c, c));
    select.addEventListener("change", () => set(select.value));
    label.append(select);
    return {label, show: (v: Value) => showValue(select, String(v))};
  }
  const input = doc.createElement("input");
  input.name = key;
  label.append(input);
  if (f.kind === "boolean") {
    input.type = "checkbox";
    input.addEventListener("change", () => set(input.checked));
    return {label, show: (v: Value) => (input.checked = v === true)};
  }
  if (f.kind === "text") {
    input.type = "text";
    input.maxLength = f.maxLength;
    input.addEventListener("change", () => set(input.value));
    return {label, show: (v: Value) => showValue(input, String(v))};
  }
  input.type = bounded ? "range" : "number";
  if (f.kind !== "seed" && f.min !== undefined) input.min = String(f.min);
  if (f.kind !== "seed" && f.max !== undefined) input.max = String(f.max);
  if (f.kind === "seed") input.min = "0";
  input.step = f.kind === "number" ? String(f.step ?? (bounded ? (f.max! - f.min!) / 100 : "any")) : "1";
  const readout = doc.createElement("output");
  if (bounded) label.append(readout);
  input.addEventListener(event, () => {
    const value = Number(input.value);
    if (input.value.trim() !== "" && Number.isFinite(value)) set(value);
  });
  const format = (v: number) => (f.kind === "number" ? String(+v.toPrecision(3)) : String(v));
  return {
    label,
    show(v: Value) {
      showValue(input, String(v));
      readout.textContent = format(v as number);
    }
  };
}

/** Sets a control's value unless the viewer is using it (it then already shows what they chose). */
function showValue(control: HTMLInputElement | HTMLSelectElement, text: string): void {
  if (control.ownerDocument.activeElement !== control && control.value !== text) control.value = text;
}

/** A "copy link" button: the clipboard where the page may use it, else a selected read-only field to copy by hand. */
function copyLink(doc: Document, link: () => string): HTMLElement {
  const wrap = doc.createElement("span");
  wrap.className = "demo-link";
  const b = button(doc, "copy link", () => {
    const url = link();
    const fallback = () => {
      const input = doc.createElement("input");
      input.type = "text";
      input.readOnly = true;
      input.value = url;
      input.setAttribute("aria-label", "link to this demo's state");
      wrap.replaceChildren(b, input);
      input.focus();
      input.select();
    };
    const clipboard = doc.defaultView?.navigator.clipboard;
    if (!clipboard?.writeText) return fallback();
    clipboard.writeText(url).then(() => {
      b.textContent = "copied";
      setTimeout(() => (b.textContent = "copy link"), 1500);
    }, fallback);
  });
  wrap.append(b);
  return wrap;
}

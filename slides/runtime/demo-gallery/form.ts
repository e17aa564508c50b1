import {describeField, formatValue, type Field, type Schema} from "../../../engine/options/schema.ts";
import {keepKeys} from "../../../demos/runtime/controls.ts";

/** A demo's options form: every field of its schema, as texts the way `data-*` attributes give them. */
export interface OptionsForm {
  readonly element: HTMLFormElement;
  /** The texts the form shows now, one per option. */
  texts(): Record<string, string>;
}

/**
 * A form with one control per option of `schema` (a number bounded within a few decades: a slider and a number box;
 * other numbers and seeds: a number box; a choice: a select; a boolean: a checkbox; text: a text box), starting at `initial` (texts by
 * key; missing keys show the default). Nothing is checked here: whatever the viewer enters goes to `apply` on
 * `change` as text, and the demo itself says what is wrong with it, in its own error box.
 */
export function optionsForm(
  doc: Document,
  schema: Schema,
  initial: Readonly<Record<string, string>>,
  apply: (texts: Record<string, string>) => void
): OptionsForm {
  const element = doc.createElement("form");
  element.className = "demo-options";
  element.noValidate = true;
  keepKeys(element);
  element.addEventListener("submit", (event) => event.preventDefault());
  const readers = new Map<string, () => string>();
  for (const [key, f] of Object.entries(schema)) {
    const text = Object.hasOwn(initial, key) ? initial[key]! : formatValue(f.default);
    const {row, read} = control(doc, key, f, text);
    element.append(row);
    readers.set(key, read);
  }
  const texts = () => Object.fromEntries([...readers].map(([key, read]) => [key, read()]));
  element.addEventListener("change", () => apply(texts()));
  if (readers.size === 0) element.append(Object.assign(doc.createElement("p"), {textContent: "no options"}));
  return {element, texts};
}

/** One labelled row: the key, its control(s), the help line; and how to read the control's text. */
function control(doc: Document, key: string, f: Field, text: string) {
  const row = doc.createElement("label");
  row.className = "demo-option";
  const name = doc.createElement("span");
  name.className = "demo-option-key";
  name.textContent = key;
  const help = doc.createElement("span");
  help.className = "demo-option-help";
  // A select lists its choices itself: "one of …" would repeat them all (some demos have twenty datasets).
  help.textContent = f.kind === "choice" ? f.help : `${f.help} (${describeField(f)})`;
  const input = doc.createElement("input");
  input.name = key;
  let read = () => input.value;
  let controls: HTMLElement[] = [input];
  if (f.kind === "choice") {
    const select = doc.createElement("select");
    select.name = key;
    for (const c of f.choices) select.append(new Option(c, c));
    select.value = text;
    controls = [select];
    read = () => select.value;
  } else if (f.kind === "boolean") {
    input.type = "checkbox";
    input.checked = text.trim() !== "false";
    read = () => String(input.checked);
  } else if (f.kind === "text") {
    input.type = "text";
    input.value = text;
  } else {
    input.type = "number";
    input.value = text;
    input.step = f.kind === "number" ? String(f.step ?? "any") : "1";
    // A range over many decades (a learning rate from 1e-6 to 1e4) is typed, not slid: a linear slider cannot hit it.
    const bounded =
      f.kind !== "seed" && f.min !== undefined && f.max !== undefined && !(f.min > 0 && f.max / f.min > 1000);
    if (f.kind !== "seed" && f.min !== undefined) input.min = String(f.min);
    if (f.kind !== "seed" && f.max !== undefined) input.max = String(f.max);
    if (bounded) controls = [slider(doc, input, f.kind === "number" ? f.step : 1), input];
  }
  const box = doc.createElement("span");
  box.className = "demo-option-control";
  box.append(...controls);
  row.append(name, box, help);
  return {row, read};
}

/** A range input tied to a number box: moving either shows the value in the other; `change` bubbles from both. */
function slider(doc: Document, box: HTMLInputElement, step: number | undefined): HTMLInputElement {
  const range = doc.createElement("input");
  range.type = "range";
  range.min = box.min;
  range.max = box.max;
  range.step = String(step ?? (Number(box.max) - Number(box.min)) / 100);
  range.value = box.value;
  range.tabIndex = -1;
  range.setAttribute("aria-hidden", "true");
  // A slider's value can carry float noise (0.35000000000000003): the box shows it as a person would write it.
  range.addEventListener("input", () => (box.value = String(+Number(range.value).toPrecision(6))));
  box.addEventListener("input", () => (range.value = box.value));
  return range;
}

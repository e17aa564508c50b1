import {defaults, parseValues, type Schema, type Value, type Values} from "../../engine/options/schema.ts";

/**
 * `data-*` attributes that belong to Reveal or to the demo runtime, not to a demo's options (camel-case, as in
 * `element.dataset`): the demo id and its state, stage, autoplay and controls, the render time mount.ts shows; Reveal's ids, fragments, auto-animate,
 * backgrounds, transitions, visibility and timing; the morph ids of the math plugin.
 */
const RESERVED =
  /^(demo|state|stage|id|mid|autoplay|controls$|renderMs$|fragment|autoAnimate|autoSlide|background|transition|visibility|timing|preload|markdown|separator|notes|noscaling|preventSwipe)/;

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The option texts an element's `data-*` attributes give (`data-show-field="true"` → `{showField: "true"}`), minus the
 * reserved ones. Unknown names are kept: parsing them against the schema names them (`unknown option: sede`).
 */
export function attributeTexts(element: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(element.dataset)) {
    if (text === undefined || RESERVED.test(key)) continue;
    out[key] = text;
  }
  return out;
}

/** Splits a link's texts into the options' and the state's keys; a key in neither throws `<where>: unknown key: k`. */
export function splitLink(
  texts: Readonly<Record<string, string>>,
  options: Schema,
  state: Schema,
  where = "link"
): {options: Record<string, string>; state: Record<string, string>} {
  const out = {options: {} as Record<string, string>, state: {} as Record<string, string>};
  for (const [key, text] of Object.entries(texts)) {
    if (Object.hasOwn(options, key)) out.options[key] = text;
    else if (Object.hasOwn(state, key)) out.state[key] = text;
    else throw new RangeError(`${where}: unknown key: ${key}`);
  }
  return out;
}

/**
 * A demo's options, by precedence: the schema's defaults < the element's `data-*` attributes < the link. Throws a
 * RangeError naming where the bad text came from and the option (`link: invalid n: abc (an integer from 0 to 20000)`).
 */
export function resolveOptions<S extends Schema>(
  schema: S,
  attributes: Readonly<Record<string, string>>,
  link: Readonly<Record<string, string>> = {}
): Values<S> {
  // An unknown attribute is named as the deck spells it (`data-sede`), so the typo is found where it is written.
  for (const key of Object.keys(attributes)) {
    if (!Object.hasOwn(schema, key)) throw new RangeError(`unknown option: data-${kebab(key)}`);
  }
  const fromAttributes = parseValues(schema, attributes);
  return {...defaults(schema), ...fromAttributes, ...parseValues(schema, link, "link")};
}

/** The entries of `values` that differ from `base` (what a link must carry to restore them). */
export function changed(values: Readonly<Record<string, Value>>, base: Readonly<Record<string, Value>>) {
  const out: Record<string, Value> = {};
  for (const [key, value] of Object.entries(values)) if (!Object.is(value, base[key])) out[key] = value;
  return out;
}

/**
 * The controls a figure shows: the ones its `data-controls` names (`data-controls="n speed t"`, separated by spaces
 * or commas), else the demo's own list. A name that is neither an option nor a state key throws a RangeError.
 */
export function controlKeys(
  element: HTMLElement,
  spec: {readonly options: Schema; readonly state: Schema; readonly controls?: readonly string[]}
): readonly string[] {
  const asked = element.dataset.controls;
  if (asked === undefined) return spec.controls ?? [];
  const keys = asked.split(/[\s,]+/).filter(Boolean);
  for (const key of keys) {
    if (!Object.hasOwn(spec.options, key) && !Object.hasOwn(spec.state, key)) {
      const known = [...Object.keys(spec.options), ...Object.keys(spec.state)].join(", ");
      throw new RangeError(`unknown control in data-controls: ${key} (one of: ${known})`);
    }
  }
  return keys;
}

import type {DemoOptions} from "./spec.ts";

// data-* attributes that belong to Reveal or to the demo runtime, not to the demo's options.
const RESERVED = /^(demo|id|fragment|autoAnimate|background|transition|state)/;

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function parse(name: string, text: string, fallback: number | string | boolean): number | string | boolean {
  if (typeof fallback === "number") {
    const value = text.trim() === "" ? NaN : Number(text);
    if (!Number.isFinite(value)) throw new RangeError(`invalid ${name}: ${text}`);
    return value;
  }
  if (typeof fallback === "boolean") {
    if (text === "" || text === "true") return true;
    if (text === "false") return false;
    throw new RangeError(`invalid ${name}: ${text}`);
  }
  return text;
}

/**
 * Reads a demo's options from its element's `data-*` attributes: `data-n="500"` → `{n: 500}`, typed by the default
 * (number, boolean, string) and falling back to it. Throws a `RangeError` for an unparsable value
 * (`invalid n: abc`) or an attribute the demo does not know (`unknown option: data-sede`).
 */
export function readOptions<O extends DemoOptions>(element: HTMLElement, defaults: O): O {
  const options: DemoOptions = {...defaults};
  for (const [key, text] of Object.entries(element.dataset)) {
    if (RESERVED.test(key) || text === undefined) continue;
    const fallback = defaults[key];
    if (fallback === undefined) throw new RangeError(`unknown option: data-${kebab(key)}`);
    options[key] = parse(kebab(key), text, fallback);
  }
  return options as O;
}

/** Checks that `value` is an integer in [min, max]; throws `invalid <name>: <value>` otherwise. */
export function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`invalid ${name}: ${value} (an integer from ${min} to ${max})`);
  }
}

/** Checks that `value` lies in [min, max]; throws `invalid <name>: <value>` otherwise. */
export function checkRange(name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) throw new RangeError(`invalid ${name}: ${value} (from ${min} to ${max})`);
}

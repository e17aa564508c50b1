/**
 * One typed option schema for everything a person can set: a demo's `data-*` attributes, the states a slide declares
 * (`data-state="t: 0.5; show: field"`), a link's query, a demo's controls, the command line and the docs all read the
 * same declaration. A schema is a plain object of fields; the type of the values is inferred from it:
 *
 *   const schema = {n: integer(500, "samples", {min: 0, max: 20000}), method: choice(["i-cfm", "ot-cfm"], "ot-cfm", "…")};
 *   type Options = Values<typeof schema>;   // {n: number; method: "i-cfm" | "ot-cfm"}
 *
 * Every parse and check throws a `RangeError` whose message names the option: `invalid n: abc (an integer from 0 to
 * 20000)`, `unknown option: sede`. Text is parsed strictly (no `parseFloat` leniency): what a link or an attribute
 * says is either exactly a value or an error.
 */

interface FieldBase<K extends string, T> {
  readonly kind: K;
  /** The value when nothing sets it. */
  readonly default: T;
  /** One line for controls, the docs and `--help`. */
  readonly help: string;
}

/** A real number in [min, max] (both optional). `step` is the control's granularity, not a constraint. */
export interface NumberField extends FieldBase<"number", number> {
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
}

/** An integer in [min, max] (both optional). */
export interface IntegerField extends FieldBase<"integer", number> {
  readonly min?: number;
  readonly max?: number;
}

/** A seed of the engine's generator: an integer from 0 to 2³² − 1. */
export type SeedField = FieldBase<"seed", number>;

export type BooleanField = FieldBase<"boolean", boolean>;

/** One of a fixed list of names. */
export interface ChoiceField<C extends string = string> extends FieldBase<"choice", C> {
  readonly choices: readonly C[];
}

/** Free text, at most `maxLength` characters (a word for a text cloud, a file name on the command line). */
export interface TextField extends FieldBase<"text", string> {
  readonly maxLength: number;
}

export type Field = NumberField | IntegerField | SeedField | BooleanField | ChoiceField | TextField;
export type Schema = Readonly<Record<string, Field>>;
export type Value = number | boolean | string;

/** The values a schema describes: `{[key]: number | boolean | the choice's names | string}`. */
export type Values<S extends Schema> = {-readonly [K in keyof S]: S[K]["default"]};

const SEED_MAX = 2 ** 32 - 1;

export function number(defaultValue: number, help: string, range: {min?: number; max?: number; step?: number} = {}) {
  return field<NumberField>({kind: "number", default: defaultValue, help, ...range});
}

export function integer(defaultValue: number, help: string, range: {min?: number; max?: number} = {}): IntegerField {
  return field<IntegerField>({kind: "integer", default: defaultValue, help, ...range});
}

export function seed(defaultValue = 0, help = "seed of every random draw; the same seed gives the same numbers") {
  return field<SeedField>({kind: "seed", default: defaultValue, help});
}

export function boolean(defaultValue: boolean, help: string): BooleanField {
  return field<BooleanField>({kind: "boolean", default: defaultValue, help});
}

export function choice<const C extends string>(choices: readonly C[], defaultValue: C, help: string): ChoiceField<C> {
  // A name with outer spaces could never be parsed back (parsing trims), and a repeated one is a typo.
  for (const [i, c] of choices.entries()) {
    if (c.trim() !== c || c === "" || choices.indexOf(c) !== i)
      throw new RangeError(`invalid choice: ${JSON.stringify(c)}`);
  }
  return field<ChoiceField<C>>({kind: "choice", default: defaultValue, help, choices: Object.freeze([...choices])});
}

export function text(defaultValue: string, help: string, maxLength = 64): TextField {
  return field<TextField>({kind: "text", default: defaultValue, help, maxLength});
}

/** Builds a field and checks that its own default is valid, so a bad declaration fails where it is written. */
function field<F extends Field>(f: F): F {
  if ("step" in f && f.step !== undefined && !(f.step > 0 && Number.isFinite(f.step))) {
    throw new RangeError(`invalid step: ${f.step}`);
  }
  checkValue("default", f, f.default);
  return Object.freeze(f);
}

/** What a field accepts, for messages and docs: "an integer from 0 to 20000", "one of i-cfm, ot-cfm". */
export function describeField(f: Field): string {
  const range = (what: string, min?: number, max?: number) =>
    min !== undefined && max !== undefined
      ? `${what} from ${min} to ${max}`
      : min !== undefined
        ? `${what} ≥ ${min}`
        : max !== undefined
          ? `${what} ≤ ${max}`
          : what;
  switch (f.kind) {
    case "number":
      return range("a number", f.min, f.max);
    case "integer":
      return range("an integer", f.min, f.max);
    case "seed":
      return range("an integer", 0, SEED_MAX);
    case "boolean":
      return "true or false";
    case "choice":
      return `one of ${f.choices.join(", ")}`;
    case "text":
      return `text of at most ${f.maxLength} characters`;
  }
}

function invalid(key: string, shown: unknown, f: Field): RangeError {
  return new RangeError(`invalid ${key}: ${show(shown)} (${describeField(f)})`);
}

/** A value as a message shows it: text quoted and cut short; an object by its kind (its `toString` may throw). */
function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "function") return "a function";
  if (typeof v === "object" && v !== null) return Array.isArray(v) ? "an array" : "an object";
  return String(v);
}

/** Throws `invalid <key>: <value> (<what it accepts>)` unless `value` is valid for the field. */
export function checkValue(key: string, f: Field, value: unknown): void {
  if (!isValid(f, value)) throw invalid(key, value, f);
}

function isValid(f: Field, value: unknown): boolean {
  switch (f.kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) && inRange(value, f.min, f.max);
    case "integer":
      return typeof value === "number" && Number.isInteger(value) && inRange(value, f.min, f.max);
    case "seed":
      return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= SEED_MAX;
    case "boolean":
      return typeof value === "boolean";
    case "choice":
      return typeof value === "string" && (f.choices as readonly string[]).includes(value);
    case "text":
      return typeof value === "string" && value.length <= f.maxLength;
  }
}

function inRange(v: number, min?: number, max?: number): boolean {
  return (min === undefined || v >= min) && (max === undefined || v <= max);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses the text of one value (an attribute, a link, a declared state, a command-line argument) and checks it.
 * Numbers, booleans and names may have outer spaces; free text is taken as it is, so every text round-trips.
 */
export function parseValue(key: string, f: Field, raw: string): Value {
  if (typeof raw !== "string") throw invalid(key, raw, f);
  const text = raw.trim();
  let value: Value;
  switch (f.kind) {
    case "number":
    case "integer":
    case "seed":
      if (!NUMBER.test(text)) throw invalid(key, raw, f);
      value = Number(text);
      break;
    case "boolean":
      if (text !== "true" && text !== "false" && text !== "") throw invalid(key, raw, f);
      value = text !== "false";
      break;
    case "choice":
      value = text;
      break;
    case "text":
      value = raw;
      break;
  }
  // The message quotes what the person wrote ("1e999"), not what it became (Infinity).
  if (!isValid(f, value)) throw invalid(key, raw, f);
  return value;
}

/** Every field at its default. */
export function defaults<S extends Schema>(schema: S): Values<S> {
  const out: Record<string, Value> = {};
  for (const [key, f] of Object.entries(schema)) out[key] = f.default;
  return out as Values<S>;
}

/**
 * Parses a record of texts against the schema (keys as the schema spells them). Unknown keys throw
 * `unknown <noun>: <key>`; `where` (e.g. `slide 4`) is prefixed to every message so a typo in a deck is found.
 */
export function parseValues<S extends Schema>(
  schema: S,
  texts: Readonly<Record<string, string>>,
  where = "",
  noun = "option"
): Partial<Values<S>> {
  const out: Record<string, Value> = {};
  const at = where ? `${where}: ` : "";
  for (const [key, raw] of Object.entries(texts)) {
    const f = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (!f) throw new RangeError(`${at}unknown ${noun}: ${key}`);
    try {
      out[key] = parseValue(key, f, raw);
    } catch (error) {
      throw new RangeError(`${at}${(error as Error).message}`);
    }
  }
  return out as Partial<Values<S>>;
}

/** Checks a whole record of values (e.g. one that crossed the worker boundary); throws on the first bad key. */
export function checkValues<S extends Schema>(schema: S, values: Readonly<Record<string, unknown>>): Values<S> {
  for (const key of Object.keys(values))
    if (!Object.hasOwn(schema, key)) throw new RangeError(`unknown option: ${key}`);
  const out: Record<string, Value> = {};
  for (const [key, f] of Object.entries(schema)) {
    const v = Object.hasOwn(values, key) ? values[key] : f.default;
    checkValue(key, f, v);
    out[key] = v as Value;
  }
  return out as Values<S>;
}

/** The text form of a value, the inverse of {@link parseValue} (used by links and `data-*` attributes). */
export function formatValue(value: Value): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

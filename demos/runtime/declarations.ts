/**
 * The text form of a demo's settings where a person writes or copies them: a slide's `data-state="t: 0.5; show: field"`,
 * a fragment's `data-state`, and a link's `?demo-hero=t:0.5;seed:3`. Parsing only splits keys from values; what a
 * value means is checked against the demo's schema (engine/options/schema.ts), which names the key when it is wrong.
 */

/** Keys are identifiers as the schemas spell them (`t`, `show`, `lr`, `source`). */
const KEY = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** A declaration longer than this is not something a person wrote: refuse it before splitting it. */
const MAX_LENGTH = 20_000;

/**
 * Splits `key: value; key: value` into a record of texts (later keys win). Throws a RangeError naming `where` for a
 * malformed entry (`slide 4: invalid state entry "t 0.5" (write key: value)`), a bad key, or an overlong text.
 * Empty entries (a trailing `;`) are ignored.
 */
export function parseDeclarations(text: string, where = "state"): Record<string, string> {
  if (text.length > MAX_LENGTH) throw new RangeError(`${where}: too long (${text.length} characters)`);
  const out: Record<string, string> = {};
  for (const entry of text.split(";")) {
    if (entry.trim() === "") continue;
    const colon = entry.indexOf(":");
    const shown = JSON.stringify(entry.trim().slice(0, 40));
    if (colon < 0) throw new RangeError(`${where}: invalid entry ${shown} (write key: value)`);
    const key = entry.slice(0, colon).trim();
    if (!KEY.test(key)) throw new RangeError(`${where}: invalid key ${shown}`);
    out[key] = entry.slice(colon + 1).trim();
  }
  return out;
}

/** The inverse of {@link parseDeclarations} for values without `;` (numbers, names, booleans, short text). */
export function formatDeclarations(values: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}:${String(value)}`)
    .join(";");
}

import type {Value} from "../../engine/options/schema.ts";
import {formatDeclarations} from "./declarations.ts";

/** The query parameter that carries a demo's options and state in a link: `demo-<key>`. */
export function linkParam(key: string): string {
  return `demo-${key}`;
}

/**
 * `href` with `demo-<key>=<key:value;…>` set (replacing an earlier one), its origin, path, other parameters and hash
 * kept. `:`, `;` and `,` stay unescaped so the link reads as the deck's own `data-state` does.
 */
export function linkWith(href: string, key: string, values: Readonly<Record<string, Value>>): string {
  const url = new URL(href);
  const name = linkParam(key);
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/%3A/gi, ":").replace(/%3B/gi, ";").replace(/%2C/gi, ",");
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((part) => part !== "" && decoded(part.split("=")[0]!) !== name);
  // A tweened or played number (t = 0.14085000000000006) reads better, and links the same place, at 6 digits.
  const short = (v: Value) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v);
  const shown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, short(v)]));
  kept.push(`${encode(name)}=${encode(formatDeclarations(shown))}`);
  return `${url.origin}${url.pathname}?${kept.join("&")}${url.hash}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

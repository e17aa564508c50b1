import {DEMO_USES_ID, type DemoUse} from "../build/demo-uses.ts";

/**
 * The slides that use each demo, from the data block the build put in the page (slides/runtime/build/vite-plugin.ts);
 * none when the page was served without it.
 */
export function readUses(doc: Document): Record<string, DemoUse[]> {
  const text = doc.getElementById(DEMO_USES_ID)?.textContent;
  return text ? (JSON.parse(text) as Record<string, DemoUse[]>) : {};
}

/** The ids `?only=a,b` asks for, in its order, or undefined to show every demo. */
export function onlyIds(search: string): string[] | undefined {
  const only = new URLSearchParams(search).get("only");
  if (only === null) return undefined;
  return [...new Set(only.split(",").map((id) => id.trim()))].filter((id) => id !== "");
}

/** How a use is named on a card: `Flow matching, slide 4` (`slide 4.2` inside a vertical stack). */
export function useLabel(use: DemoUse): string {
  return `${use.title}, slide ${use.h + 1}${use.v > 0 ? `.${use.v + 1}` : ""}`;
}

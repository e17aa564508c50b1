import {parseDeclarations} from "../../demos/runtime/declarations.ts";

/** What a link says about one demo: its settings as texts, or why they could not be read. */
export type DemoLink = {texts: Record<string, string>} | {error: Error};

/** The query parameter that carries the settings of the demo with key `key` (`?demo-hero=t:0.5;seed:3`). */
export const linkParameter = (key: string) => `demo-${key}`;

/**
 * Reads every `demo-<key>=<declarations>` parameter of a page's query once, by demo key (a demo's `data-stage`, else
 * its figure's `id`, else its `data-demo`). A malformed value is kept as its error, so that it ends on that demo
 * only; what the values mean is checked by the demo when it mounts.
 */
export function readDemoLinks(search: string): Map<string, DemoLink> {
  const links = new Map<string, DemoLink>();
  for (const [name, value] of new URLSearchParams(search)) {
    if (!name.startsWith("demo-") || name.length === 5) continue;
    const key = name.slice(5);
    try {
      links.set(key, {texts: parseDeclarations(value, `link ?${name}`)});
    } catch (error) {
      links.set(key, {error: error instanceof Error ? error : new Error(String(error))});
    }
  }
  return links;
}

import {readOptions} from "./options.ts";
import {showError} from "./overlay.ts";
import type {DemoHandle, DemoSpec} from "./spec.ts";

/** Demos by id, as exported by `demos/index.ts`. */
export type DemoRegistry = ReadonlyMap<string, DemoSpec>;

/** What a demo element is doing; mirrored in its `data-demo-state` attribute for styles and tests. */
export type DemoState = "computing" | "drawn" | "error" | "paused";

/**
 * Mounts the demo named by `element.dataset.demo`: reads and checks its options, computes its frame and draws it
 * into a `.demo-output` box inside the element (the author's own children, e.g. a `<figcaption>`, stay).
 * An unknown id, bad options or a failure while computing or drawing end in an error box on this demo only.
 */
export function mountDemo(element: HTMLElement, registry: DemoRegistry): DemoHandle {
  const doc = element.ownerDocument;
  // A copy of a drawn figure (Reveal's scroll view rebuilds slides from their HTML) carries a stale output box.
  for (const stale of element.querySelectorAll(":scope > .demo-output")) stale.remove();
  const output = doc.createElement("div");
  output.className = "demo-output";
  element.prepend(output);
  const id = element.dataset.demo ?? "";
  let controller: AbortController | undefined;
  let state: DemoState | "destroyed" = "paused";
  let settle: () => void = () => {};
  const ready = new Promise<void>((resolve) => (settle = resolve));
  const setState = (next: DemoState) => {
    state = next;
    element.dataset.demoState = next;
    if (next !== "computing") settle();
  };
  const fail = (error: unknown) => {
    showError(output, id, error);
    setState("error");
  };

  async function draw(spec: DemoSpec, signal: AbortSignal): Promise<void> {
    const options = readOptions(element, spec.defaults);
    spec.check?.(options);
    const frame = await spec.compute(options, signal);
    if (signal.aborted) return;
    output.replaceChildren(spec.render(frame, options));
    setState("drawn");
  }

  function resume(): void {
    if (state !== "paused") return;
    const spec = registry.get(id);
    if (!spec) return fail(new Error(`unknown demo: ${id}`));
    const current = (controller = new AbortController());
    setState("computing");
    draw(spec, current.signal).catch((error: unknown) => {
      if (!current.signal.aborted) fail(error);
    });
  }

  function pause(): void {
    if (state !== "computing") return;
    controller?.abort();
    setState("paused");
  }

  function destroy(): void {
    if (state === "destroyed") return;
    controller?.abort();
    output.remove();
    delete element.dataset.demoState;
    state = "destroyed";
    settle();
  }

  resume();
  return {element, ready, resume, pause, destroy};
}

import type {DemoRegistry} from "../../../demos/runtime/mount.ts";
import type {DemoSpec} from "../../../demos/runtime/spec.ts";

/** A demo whose engine work finishes only when the test says so; counts computes and aborts. */
export function deferredDemo(id = "deferred") {
  const calls: {signal: AbortSignal; finish: () => void}[] = [];
  const spec: DemoSpec<{size: number}, number> = {
    id,
    description: "test demo",
    defaults: {size: 3},
    compute: ({size}, signal) => new Promise<number>((resolve) => calls.push({signal, finish: () => resolve(size)})),
    render(size) {
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      for (let i = 0; i < size; i++) svg.append(document.createElementNS("http://www.w3.org/2000/svg", "circle"));
      return svg;
    }
  };
  return {spec, calls};
}

/** A demo that computes synchronously. */
export function syncDemo(id = "sync"): DemoSpec<{size: number}, number> {
  return {...deferredDemo(id).spec, compute: ({size}) => size};
}

export function registry(...specs: DemoSpec<{size: number}, number>[]): DemoRegistry {
  return new Map(specs.map((s) => [s.id, s as unknown as DemoSpec]));
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

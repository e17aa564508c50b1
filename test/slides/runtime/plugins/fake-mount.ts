import type {EngineClient} from "../../../../demos/runtime/engine.ts";
import type {DemoHandle} from "../../../../demos/runtime/spec.ts";
import type {DemosPluginOptions, MountOptions} from "../../../../slides/runtime/plugins/demos.ts";

/** One fake mount: where it was mounted, with what, and every call its handle got, in order. */
export interface FakeMounted {
  readonly mountedOn: HTMLElement;
  readonly options: MountOptions;
  readonly handle: DemoHandle;
  /** `resume`, `pause`, `destroy`, `moveTo <slide>`, `declare {texts} <where> <instant>`. */
  readonly log: string[];
  /** The declarations in order, as [texts, where, instant]. */
  readonly declared: [Record<string, string>, string, boolean][];
  running: boolean;
  destroyed: boolean;
}

const slideOf = (element: Element) => {
  const slides = Array.from(element.ownerDocument.querySelectorAll(".slides section"));
  return slides.indexOf(element.closest("section")!);
};

/** The demos plugin's dependencies, faked: `mounts` records each mount, `engineCalls` counts engine factory calls. */
export function fakeDemos(search = "") {
  const mounts: FakeMounted[] = [];
  let engineCalls = 0;
  const load = {name: "fake loader"};
  const options: DemosPluginOptions<typeof load> = {
    load,
    search,
    engine: () => {
      engineCalls++;
      return {} as EngineClient;
    },
    mount(element, given, mountOptions) {
      if (given !== load) throw new Error("the loader was not passed through");
      const log: string[] = [];
      const declared: FakeMounted["declared"] = [];
      let current = element;
      const record: FakeMounted = {
        mountedOn: element,
        options: mountOptions,
        log,
        declared,
        running: false,
        destroyed: false,
        handle: {
          get element() {
            return current;
          },
          ready: Promise.resolve(),
          resume: () => void (log.push("resume"), (record.running = true)),
          pause: () => void (log.push("pause"), (record.running = false)),
          destroy: () => void (log.push("destroy"), (record.destroyed = true), (record.running = false)),
          moveTo: (figure) => void (log.push(`moveTo ${slideOf(figure)}`), (current = figure)),
          set: (texts, where) => void log.push(`set ${JSON.stringify(texts)} ${where}`),
          declare: (texts, where, instant = false) => {
            declared.push([{...texts}, where, instant]);
            log.push(`declare ${JSON.stringify(texts)} ${where} ${instant}`);
          },
          link: () => ""
        }
      };
      mounts.push(record);
      return record.handle;
    }
  };
  return {options, mounts, engineCalls: () => engineCalls, live: () => mounts.filter((m) => !m.destroyed)};
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

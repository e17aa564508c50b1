/** A demo's options: flat values that fit in `data-*` attributes (and, later, in the URL). */
export type DemoOptions = Record<string, number | string | boolean>;

/**
 * One demo: documented defaults, the engine work it needs, and a pure render function.
 * Registered by `id` in `demos/index.ts`; used in a deck as `<figure data-demo="<id>" data-<option>="…">`.
 */
export interface DemoSpec<O extends DemoOptions = DemoOptions, F = unknown> {
  /** Kebab-case id, equal to the demo's file name and to the `data-demo` value. */
  readonly id: string;
  /** One line for the README and error messages. */
  readonly description: string;
  /** Every option with its default; an option's type is its default's type. */
  readonly defaults: O;
  /** Throws a `RangeError` (e.g. `invalid n: 0`) for values the demo cannot use. */
  check?(options: O): void;
  /** Asks the engine for the numbers to draw. May be async; must stop early once `signal` is aborted. */
  compute(options: O, signal: AbortSignal): F | Promise<F>;
  /** Pure: the same frame and options give the same figure (snapshot-tested). No DOM reads, no state. */
  render(frame: F, options: O): Element;
}

/** A mounted demo, owned by the lifecycle: drawn once mounted, paused off its slide, freed when far away. */
export interface DemoHandle {
  readonly element: HTMLElement;
  /** Settles once the demo has drawn, failed, or been paused or destroyed before drawing. */
  readonly ready: Promise<void>;
  /** Starts (or restarts) work that was paused before the demo could draw. Idempotent. */
  resume(): void;
  /** Cancels engine work in flight. Idempotent. */
  pause(): void;
  /** Cancels everything and removes what the demo drew. Idempotent. */
  destroy(): void;
}

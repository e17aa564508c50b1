import type {Schema, Value, Values} from "../../engine/options/schema.ts";

/**
 * One demo: two schemas (what is fixed for a mounted instance, what changes live), the engine work it needs, and pure
 * drawing functions. Registered by `id` in `demos/index.ts` (loaded lazily); used in a deck as
 * `<figure data-demo="<id>" data-<option>="…" data-state="<key>: <value>; …">`.
 *
 * - `options` come from `data-*` attributes and the link. Changing one (a control) restarts the engine work.
 * - `state` comes from the slide and fragment declarations (`data-state`), the controls, drags and the link; it
 *   changes without restarting anything, numbers tween, and going back to a slide restores its declared state.
 * - The engine work is either a worker `task` that streams frames, or a cheap `snapshot` computed on the page, or
 *   both (then the snapshot is what print view and the speaker view's previews show, with no worker started).
 * - `render` draws the figure with Observable Plot (pure: same frame, options and state give the same SVG, so it is
 *   snapshot-tested); `paint` draws what moves (particles, trajectories) on a canvas laid exactly over the figure's
 *   frame, every animation frame.
 */
// The frame type defaults to `any` so that a registry can hold specs of different frames (a `DemoSpec<…, unknown>`
// would refuse them: `render` takes its frame as a parameter).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface DemoSpec<O extends Schema = Schema, S extends Schema = Schema, F = any> {
  /** Kebab-case id, equal to the demo's file name and to the `data-demo` value. */
  readonly id: string;
  /** One line for the README, the demo gallery and error messages. */
  readonly description: string;
  readonly options: O;
  readonly state: S;
  /** Keys of `options` and `state` that get a control, in this order (options restart the engine work). */
  readonly controls?: readonly string[];
  /** Play / pause / step / reset buttons (training and animations). @defaultValue false */
  readonly player?: boolean;
  /** Cross-checks between options that one field cannot say (e.g. source ≠ target); throws a RangeError. */
  check?(options: Values<O>): void;
  /** The engine work the worker runs for these options; its frames are what `render` and `paint` get. */
  task?(options: Values<O>): TaskRequest;
  /** A frame computed on the page synchronously, cheaply: a simple demo's whole work, or a task demo's static view. */
  snapshot?(options: Values<O>, state: Values<S>): F;
  /**
   * A task demo's static view that needs something loaded first (shipped weights): print view and the speaker
   * previews draw the frame it resolves to instead of `snapshot`'s, and count the demo as computing until then.
   * Keep its work small (a short ODE pass of a few hundred points): it runs on the page.
   */
  still?(options: Values<O>, state: Values<S>): Promise<F>;
  /** Pure: the figure (a Plot figure or an element holding one). `frame` is undefined until the first one arrives. */
  render(frame: F | undefined, options: Values<O>, state: Values<S>): Element;
  /** State keys the figure depends on (default: all); a change of any other key only repaints the canvas. */
  readonly renderKeys?: readonly string[];
  /** Draws the moving layer; called each animation frame while the state or the frame changes. */
  paint?(layer: CanvasLayer, frame: F | undefined, options: Values<O>, state: Values<S>): void;
  /** While playing: the state `dt` seconds later, or undefined when the animation has reached its end. */
  advance?(state: Values<S>, dt: number, frame: F | undefined): Partial<Values<S>> | undefined;
  /** Draggable marks: `data-drag="<name>"` on an SVG element moves the state keys named here ([x key, y key]). */
  readonly drag?: Readonly<Record<string, readonly [string, string]>>;
  /**
   * Drawing on the figure: each stroke the viewer draws (press and drag) is added to the text option `option` as
   * `x,y x,y …` in data units (the newest `max` points kept), the options in `set` take their values with it (e.g.
   * `{target: "points"}`), and the engine work starts again from them.
   */
  readonly sketch?: {readonly option: string; readonly set?: Readonly<Record<string, Value>>; readonly max?: number};
  /** The text alternative: what the figure shows and its current numbers (for screen readers and the gallery). */
  describe?(frame: F | undefined, options: Values<O>, state: Values<S>): string;
  /**
   * Settings worth seeing besides the defaults, as a deck would write them (option texts as `data-*` attributes,
   * state texts as `data-state`): each is one more card of the demo gallery (demos.html) and one more SVG snapshot
   * (test/demos/gallery.test.ts). Names are unique within a demo.
   */
  readonly examples?: readonly DemoExample[];
}

/** One named setting of a demo, shown in the demo gallery and snapshot-tested; see {@link DemoSpec.examples}. */
export interface DemoExample {
  /** A few words, unique within the demo (`"narrow, 2000 samples"`); its kebab-case form names the card and snapshot. */
  readonly name: string;
  /** Option texts by schema key (`{n: "2000", sigma: "0.4"}`), as `data-*` attributes would give them. */
  readonly options?: Readonly<Record<string, string>>;
  /** State texts by schema key (`{t: "0.5"}`), as a slide's `data-state` would declare them. */
  readonly state?: Readonly<Record<string, string>>;
}

/** Engine work by name: the worker checks `options` against the task's own schema. */
export interface TaskRequest {
  task: string;
  options: Record<string, Value>;
}

/** A canvas exactly over a Plot figure's frame, in the figure's data coordinates, at the device pixel ratio. */
export interface CanvasLayer {
  readonly context: CanvasRenderingContext2D;
  /** Data → canvas pixels (CSS pixels; the context is already scaled by the device pixel ratio). */
  x(value: number): number;
  y(value: number): number;
  readonly width: number;
  readonly height: number;
  /** The palette's colours, read from the page's CSS variables (see demos/runtime/palette.ts). */
  color(name: string): string;
  /** Clears the whole layer. */
  clear(): void;
}

/** A demo's mounted instance, owned by the demos plugin (slides/runtime/plugins/demos.ts). All calls are idempotent. */
export interface DemoHandle {
  /** The figure the demo draws into now (a stage moves it from slide to slide). */
  readonly element: HTMLElement;
  /** Settles once the demo has drawn its first figure or failed (or was paused or freed before it could). */
  readonly ready: Promise<void>;
  /** Runs: engine work and animation go on (its slide is the current one). */
  resume(): void;
  /** Stops engine work and animation, keeping everything (its slide was left, or its stage's slide). */
  pause(): void;
  /** Cancels everything and removes what the demo drew. */
  destroy(): void;
  /** Moves the demo's output into another figure (the next slide of its stage); engine work and state are kept. */
  moveTo(figure: HTMLElement): void;
  /**
   * Applies the state a slide (and its shown fragments) declares, as texts keyed like the state schema; the demo
   * tweens to it (a cut under reduced motion or with `instant`). `where` names the slide in error messages.
   */
  declare(texts: Readonly<Record<string, string>>, where: string, instant?: boolean): void;
  /**
   * Sets state keys as a control would (texts keyed like the state schema): the viewer clicked something on the
   * slide that names them (`data-set-state`). The slide's declared state is unchanged. `where` names it in errors.
   */
  set(texts: Readonly<Record<string, string>>, where: string): void;
  /** A link to this slide that restores this demo's options and state (seed included). */
  link(): string;
}

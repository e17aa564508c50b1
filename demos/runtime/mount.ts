// The live instance of one demo: a longer file than most because it is the one place where options, state, the
// engine job, the animation loop and the drawing meet; each of those has its own small module beside it.
import {defaults, parseValues, type Value} from "../../engine/options/schema.ts";
import {canvasImage, figureFrame, type FigureFrame, type PlotFigure} from "./canvas.ts";
import {controls as makeControls, type Controls} from "./controls.ts";
import "./controls.css";
import {draggable, focusedHandle} from "./drag.ts";
import type {EngineClient} from "./engine.ts";
import {startJob as start, type DemoJob} from "./job.ts";
import {linkWith} from "./link.ts";
import {animationLoop} from "./loop.ts";
import {attributeTexts, changed, controlKeys, resolveOptions, splitLink} from "./options.ts";
import {showError} from "./overlay.ts";
import {quietMarks} from "./quiet-marks.ts";
import {sketchable} from "./sketch.ts";
import type {CanvasLayer, DemoHandle, DemoSpec} from "./spec.ts";
import {tween, type Tween} from "./tween.ts";

/** What a demo element is doing; mirrored in its `data-demo-state` attribute for styles and tests. */
export type DemoState = "computing" | "running" | "drawn" | "paused" | "error";

/** How the deck mounts a demo (slides/runtime/plugins/demos.ts). */
export interface MountOptions {
  /** The page's engine client; called only when a task starts (never in a static view). */
  engine: () => EngineClient;
  /** Print view or a speaker-view preview: one snapshot of the declared state, no engine, no animation loop. */
  staticView: boolean;
  /** Texts from the link for this demo (option and state keys), e.g. parsed from `?demo-hero=t:0.5;seed:3`. */
  link?: Readonly<Record<string, string>>;
  /**
   * The viewer asked for reduced motion: every tween becomes a cut, and a player's clock (`spec.advance`) waits for
   * the play button instead of starting by itself. Its engine job (training, streaming) still runs.
   */
  reducedMotion: boolean;
  /** The demo's name in links (`demo-<key>`). */
  key: string;
  /** Whether the player starts playing when the demo is resumed (its job and its clock). @defaultValue true */
  autoplay?: boolean;
  /** The shortest time between two renders caused by new frames alone, in ms. @defaultValue 125 (8 a second) */
  frameRenderMs?: number;
}

type Values = Record<string, Value>;

/** The shortest time between two renders of the figure caused by new frames alone (8 a second). */
const FRAME_RENDER_MS = 125;

/**
 * Mounts a demo into `element`: loads its spec, reads its options (schema defaults < `data-*` attributes < link) and
 * state (defaults < declared < link), and draws into a `.demo-output` box (the author's own children, e.g. a
 * `<figcaption>`, stay). The engine task starts on the first `resume()`, never while paused. An unknown id (a rejected
 * load), a bad option or state and a failed job end in an error box, with a reset button, on this demo only.
 *
 * A link's state holds over the state the first slide declares and is dropped at the first declare whose texts
 * differ from that one, so going to the next slide of a stage moves on from the linked state as usual.
 */
export function mountDemo(element: HTMLElement, load: DemoSpec | Promise<DemoSpec>, options: MountOptions): DemoHandle {
  const doc = element.ownerDocument;
  for (const stale of element.querySelectorAll(":scope > .demo-output")) stale.remove();
  const output = doc.createElement("div");
  output.className = "demo-output";
  const view = doc.createElement("div");
  view.className = "demo-view";
  output.append(view);
  element.prepend(output);

  let figure = element;
  let spec: DemoSpec | undefined;
  let failed = false;
  let destroyed = false;
  /** Resumed (its slide is current); `paused` once told to pause, so a demo only mounted is still "computing". */
  let running = false;
  let paused = false;
  /** The player's play/pause as it gates the engine job: work the viewer came for runs under reduced motion too. */
  let playing = options.autoplay ?? true;
  /** Whether the player's clock (`spec.advance`) runs: as `playing`, but under reduced motion only after "play". */
  let clockRunning = playing && !options.reducedMotion;
  /** True while `spec.advance` has not reached its end. */
  let advancing = true;
  /**
   * Where the clock's run began: each state key `advance` has moved, as it was before. Play at the end replays from
   * here (a lecturer presses play again to show the flow again); a change of one of these keys by the viewer, a new
   * declared state or reset forgets it.
   */
  let clockFrom: Values = {};
  let link = options.link ?? {};
  let linkState: Values | undefined;
  /** The controls shown: the figure's `data-controls`, else the demo's own. */
  let keys: readonly string[] = [];
  let firstDeclared: string | undefined;
  let pending: {texts: Readonly<Record<string, string>>; where: string; instant: boolean} | undefined;

  let attributeOptions: Values = {};
  let opts: Values = {};
  let state: Values = {};
  let declared: Values = {};
  let motion: Tween | undefined;

  let job: DemoJob | undefined;
  let frame: unknown;
  let frameVersion = 0;
  let drawnVersion = -1;
  let drawnKeys: string | undefined;
  let hasDrawn = false;
  let root: PlotFigure | undefined;
  let frameBox: FigureFrame | undefined;
  let bar: Controls | undefined;
  let drag: ReturnType<typeof draggable> | undefined;
  let sketching = false;
  let renderedAt = -Infinity;
  let renderLater: ReturnType<typeof setTimeout> | undefined;
  /** The stroke being drawn, [x0, y0, …] in data units, painted over the figure until it is released. */
  let stroke: readonly number[] = [];
  /** Static views: the newest still asked for (an older one that resolves late is dropped), and whether it is due. */
  let stillRequest = 0;
  let stillPending = false;

  const loop = animationLoop(tick);

  let settle: () => void = () => {};
  const ready = new Promise<void>((resolve) => (settle = resolve));

  function status(): DemoState {
    if (failed) return "error";
    if (!options.staticView && !running) return paused ? "paused" : "computing";
    if (!hasDrawn) return "computing";
    const working = (job !== undefined && !job.done && playing) || loop.active;
    return working && !options.staticView ? "running" : "drawn";
  }

  function show(): void {
    if (destroyed) return;
    const next = status();
    figure.dataset.demoState = next;
    if (next !== "computing") settle();
  }

  function fail(error: unknown): void {
    if (destroyed) return;
    stopJob();
    stopLoop();
    failed = true;
    const reset = spec ? resetFromError : undefined;
    showError(view, spec?.id ?? figure.dataset.demo ?? "", error, reset);
    bar?.element.remove();
    show();
  }

  /** Loads options and state and builds the output; also what the error box's reset does. */
  function setUp(): void {
    const s = spec!;
    const split = splitLink(link, s.options, s.state);
    const attributes = attributeTexts(element);
    keys = controlKeys(element, s);
    attributeOptions = resolveOptions(s.options, attributes);
    opts = resolveOptions(s.options, attributes, split.options);
    s.check?.(opts as never);
    const fromLink = parseValues(s.state, split.state, "link", "state key") as Values;
    linkState = Object.keys(fromLink).length > 0 ? fromLink : undefined;
    declared = {...defaults(s.state)};
    state = {...declared, ...linkState};
    frameBox = figureFrame(doc, s.paint !== undefined, () => figure);
    if (s.drag) drag ??= draggable(output, dragHost());
    if (s.sketch && !options.staticView && !sketching) {
      sketchable(output, sketchHost());
      sketching = true;
    }
    if (!options.staticView) {
      bar = makeControls(doc, controlsHost());
      output.append(bar.element);
      bar.update(opts, state, playerPlaying());
    }
    view.replaceChildren();
  }

  function init(loaded: DemoSpec): void {
    if (destroyed) return;
    spec = loaded;
    try {
      setUp();
    } catch (error) {
      return fail(error);
    }
    if (pending) declare(pending.texts, pending.where, true);
    pending = undefined;
    if (failed) return;
    if (options.staticView) drawStatic();
    else if (running) resume(true);
    show();
  }

  function resetFromError(): void {
    // A link that failed is not read again: the demo starts from its attributes and the last good declared state.
    const good = declared;
    link = {};
    failed = false;
    stopJob();
    bar?.element.remove();
    bar = undefined;
    frame = undefined;
    motion = undefined;
    hasDrawn = false;
    root = undefined;
    try {
      setUp();
    } catch (error) {
      return fail(error);
    }
    state = {...good};
    declared = {...good};
    if (options.staticView) drawStatic();
    else if (running) resume(true);
    show();
  }

  // ---- engine work ----

  function startJob(): void {
    const s = spec!;
    if (!s.task || job) return;
    try {
      // Only the newest frame is kept: the next animation frame draws whichever arrived last.
      job = start(options.engine(), s.task(opts as never), {
        frame(next) {
          frame = next;
          frameVersion++;
          request();
        },
        done: request,
        error: fail
      });
    } catch (error) {
      return fail(error);
    }
    if (failed) return stopJob();
    if (!playing) job.pause();
  }

  function stopJob(): void {
    job?.cancel();
    job = undefined;
  }

  /** Starts the work again from nothing (new options, or the player's reset). */
  function restart(): void {
    stopJob();
    frame = undefined;
    frameVersion++;
    if (spec?.task) hasDrawn = false;
    if (running) startJob();
    request();
    show();
  }

  // ---- drawing ----

  function renderKeys(): string {
    const keys = spec!.renderKeys ?? Object.keys(spec!.state);
    return JSON.stringify(keys.map((key) => state[key]));
  }

  /**
   * Renders when the frame or a render key changed, then paints; throws what the spec's functions throw. A render is
   * timed with the paint that follows it (`spec.render`, placing the figure, `spec.paint`; not the snapshot's
   * compute, nor the browser's own layout) and the milliseconds shown as `data-render-ms` on the figure.
   */
  function draw(): void {
    const s = spec!;
    const keys = renderKeys();
    let renderMs: number | undefined;
    // After the first real frame, a new frame alone re-renders the figure at most every frameRenderMs (a training demo streams 20 frames a
    // second; its canvas still paints the newest frame every animation frame), a state change at once.
    const minimum = options.frameRenderMs ?? FRAME_RENDER_MS;
    const wait = root && hasDrawn && keys === drawnKeys ? minimum - (performance.now() - renderedAt) : 0;
    if (frameVersion !== drawnVersion && wait > 0) {
      renderLater ??= setTimeout(() => {
        renderLater = undefined;
        request();
      }, wait);
    } else if (frameVersion !== drawnVersion || keys !== drawnKeys || !root) {
      renderedAt = performance.now();
      if (!s.task && s.snapshot) frame = s.snapshot(opts as never, state as never);
      const focused = focusedHandle(root);
      const started = performance.now();
      const next = s.render(frame, opts as never, state as never) as PlotFigure;
      view.replaceChildren(frameBox!.place(next));
      renderMs = performance.now() - started;
      root = next;
      drag?.prepare(next, focused);
      if (s.describe) {
        // The text alternative labels the figure: a picture (role img) unless it holds handles to move, which a
        // picture may not contain (its content is hidden from assistive technology): then a labelled group.
        const interactive = next.querySelector("[tabindex]") !== null;
        frameBox!.wrapper.setAttribute("role", interactive ? "group" : "img");
        frameBox!.wrapper.setAttribute("aria-label", s.describe(frame, opts as never, state as never));
      }
      quietMarks(next);
      drawnVersion = frameVersion;
      drawnKeys = keys;
      bar?.progress(frame);
      if (!s.task || frame !== undefined) hasDrawn = true;
    }
    const layer = frameBox!.layer;
    const painting = performance.now();
    if (s.paint && layer) {
      layer.clear();
      s.paint(layer, frame, opts as never, state as never);
      if (stroke.length >= 4) paintStroke(layer, stroke);
    }
    if (renderMs !== undefined) figure.dataset.renderMs = (renderMs + performance.now() - painting).toFixed(1);
  }

  /**
   * The static view: the spec's `still` once it resolves (the demo stays "computing" until then, so print waits for
   * it), else its `snapshot`. Only the newest request draws: a declare while a still loads asks for another.
   */
  function drawStatic(): void {
    const s = spec!;
    const asked = ++stillRequest;
    try {
      if (!s.still) return drawStill(s.snapshot?.(opts as never, state as never));
      stillPending = true;
      s.still(opts as never, state as never).then(
        (still) => asked === stillRequest && drawStill(still),
        (error: unknown) => asked === stillRequest && fail(error)
      );
    } catch (error) {
      fail(error);
    }
  }

  function drawStill(still: unknown): void {
    if (destroyed || failed) return;
    stillPending = false;
    try {
      frame = still;
      frameVersion++;
      root = undefined;
      draw();
      hasDrawn = true;
      const canvas = frameBox!.canvas;
      if (canvas?.parentNode) canvas.replaceWith(canvasImage(canvas));
    } catch (error) {
      return fail(error);
    }
    show();
  }

  // ---- animation loop ----

  function request(): void {
    if (loop.active || !running || failed || destroyed || !spec) return;
    loop.request();
    show();
  }

  function stopLoop(): void {
    loop.stop();
  }

  /** One animation frame: the tween, the player's animation, then render and paint; true while something moves. */
  function tick(dt: number): boolean {
    const s = spec!;
    let moving = false;
    try {
      if (motion) {
        const at = motion.at(performance.now());
        state = at.values;
        if (at.done) motion = undefined;
        else moving = true;
      }
      if (clockRunning && advancing && s.advance && !motion) {
        const next = s.advance(state as never, dt, frame as never);
        if (next === undefined) advancing = false;
        else {
          for (const key of Object.keys(next)) if (!(key in clockFrom)) clockFrom[key] = state[key]!;
          state = {...state, ...(next as Values)};
          moving = true;
        }
      }
      draw();
    } catch (error) {
      fail(error);
      return false;
    }
    bar?.update(opts, state, playerPlaying());
    // The loop re-arms itself only after this returns: show the state it is in then.
    queueMicrotask(show);
    return moving;
  }

  // ---- what controls and drags act on ----

  /** What the play button shows: the clock's state where the demo has one (at its end: play), else the job's. */
  function playerPlaying(): boolean {
    return spec?.advance ? clockRunning && advancing : playing;
  }

  function setState(values: Values): void {
    if (Object.keys(values).some((key) => key in clockFrom)) clockFrom = {};
    motion = undefined;
    state = {...state, ...values};
    request();
  }

  function controlsHost() {
    const s = spec!;
    return {
      options: s.options,
      state: s.state,
      keys,
      player: s.player === true,
      setOption(key: string, value: Value) {
        const next = {...opts, [key]: value};
        try {
          s.check?.(next as never);
        } catch (error) {
          return fail(error);
        }
        opts = next;
        restart();
      },
      setState: (key: string, value: Value) => setState({[key]: value}),
      play() {
        if (!advancing && Object.keys(clockFrom).length > 0) {
          motion = undefined;
          state = {...state, ...clockFrom};
          clockFrom = {};
        }
        playing = true;
        clockRunning = true;
        advancing = true;
        job?.resume();
        request();
        bar?.update(opts, state, playerPlaying());
      },
      pause() {
        playing = false;
        clockRunning = false;
        job?.pause();
        stopLoop();
        bar?.update(opts, state, playerPlaying());
        show();
      },
      step() {
        job?.step();
        if (s.advance) {
          const next = s.advance(state as never, 1 / 30, frame as never);
          if (next) setState(next as Values);
        }
      },
      reset() {
        motion = undefined;
        advancing = true;
        clockFrom = {};
        state = {...declared};
        restart();
      },
      link: () => handle.link()
    };
  }

  function sketchHost() {
    const {option, set = {}, max = 300} = spec!.sketch!;
    return {
      figure: () => root,
      preview(points: readonly number[]) {
        stroke = points;
        request();
      },
      done(points: readonly number[]) {
        stroke = [];
        // Strokes add up while the options the sketch sets are in force (the viewer is drawing a figure of strokes).
        const drawing = Object.entries(set).every(([key, value]) => opts[key] === value);
        const before = drawing ? String(opts[option] ?? "").trim() : "";
        const pairs = [...(before ? before.split(/\s+/) : []), ...pairsOf(points)];
        const next = {...opts, ...set, [option]: pairs.slice(-max).join(" ")};
        try {
          spec!.check?.(next as never);
          parseValues(spec!.options, {[option]: String(next[option])}, "drawing");
        } catch (error) {
          return fail(error);
        }
        opts = next;
        bar?.update(opts, state, playerPlaying());
        restart();
      }
    };
  }

  function dragHost() {
    return {
      drag: spec!.drag!,
      state: spec!.state,
      figure: () => root,
      value: (key: string) => state[key]!,
      set: setState
    };
  }

  // ---- the handle ----

  function resume(force = false): void {
    if (destroyed || (running && !force)) return;
    running = true;
    paused = false;
    if (!spec || failed || options.staticView) return show();
    startJob();
    if (playing) job?.resume();
    request();
    show();
  }

  function pause(): void {
    if (destroyed) return;
    running = false;
    paused = true;
    job?.pause();
    stopLoop();
    show();
  }

  function declare(texts: Readonly<Record<string, string>>, where: string, instant = false): void {
    if (destroyed) return;
    if (!spec) {
      pending = {texts, where, instant};
      return;
    }
    let values: Values;
    try {
      values = {...defaults(spec.state), ...(parseValues(spec.state, texts, where, "state key") as Values)};
    } catch (error) {
      return fail(error);
    }
    const written = JSON.stringify(Object.entries(texts).sort());
    firstDeclared ??= written;
    if (linkState && written === firstDeclared) values = {...values, ...linkState};
    else linkState = undefined;
    declared = values;
    advancing = true;
    clockFrom = {};
    const cut = instant || options.reducedMotion || options.staticView || !root;
    motion = cut ? undefined : tween(spec.state, state, values, performance.now());
    if (cut) state = {...values};
    if (options.staticView && (hasDrawn || stillPending) && !failed) drawStatic();
    else request();
  }

  const handle: DemoHandle = {
    get element() {
      return figure;
    },
    ready,
    resume: () => resume(),
    pause,
    destroy() {
      if (destroyed) return;
      stopJob();
      stopLoop();
      destroyed = true;
      output.remove();
      delete figure.dataset.demoState;
      delete figure.dataset.renderMs;
      settle();
    },
    moveTo(next) {
      if (destroyed || next === figure) return;
      for (const stale of next.querySelectorAll(":scope > .demo-output")) stale.remove();
      delete figure.dataset.demoState;
      delete figure.dataset.renderMs;
      figure = next;
      next.prepend(output);
      show();
    },
    declare,
    set(texts, where) {
      if (destroyed || !spec || failed) return;
      try {
        setState(parseValues(spec.state, texts, where, "state key") as Values);
      } catch (error) {
        fail(error);
      }
    },
    link() {
      const href = doc.location?.href ?? "";
      if (!spec || !href) return href;
      const seeds = Object.keys(spec.options).filter((key) => spec!.options[key]!.kind === "seed");
      const values = {
        ...changed(opts, attributeOptions),
        ...Object.fromEntries(seeds.map((key) => [key, opts[key]!])),
        ...state
      };
      return linkWith(href, options.key, values);
    }
  };

  show();
  Promise.resolve(load).then(init, fail);
  return handle;
}

/** Points [x0, y0, …] as `x,y` texts with 3 decimals (what a drawn option holds, and a link carries). */
function pairsOf(points: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) out.push(`${points[i]!.toFixed(3)},${points[i + 1]!.toFixed(3)}`);
  return out;
}

/** The stroke being drawn, as a line over the figure. */
function paintStroke(layer: CanvasLayer, points: readonly number[]): void {
  const c = layer.context;
  c.save();
  c.beginPath();
  for (let i = 0; i + 1 < points.length; i += 2) {
    const [x, y] = [layer.x(points[i]!), layer.y(points[i + 1]!)];
    if (i === 0) c.moveTo(x, y);
    else c.lineTo(x, y);
  }
  c.strokeStyle = layer.color("target");
  c.lineWidth = 3;
  c.lineCap = "round";
  c.lineJoin = "round";
  c.stroke();
  c.restore();
}

// The render benchmark's page (built and driven by scripts/bench-render.mjs): mounts the reference demos as a deck
// would, with the page's shared engine, and measures animation frames while the worker trains. `window.bench` has
// one function per measurement; the script opens a fresh page for each, so each starts with a fresh worker.
import "../../../slides/runtime/theme.css";
import {particlesAt} from "../../../demos/flow-hero.ts";
import {loadDemo} from "../../../demos/index.ts";
import {figure, particles} from "../../../demos/layers/index.ts";
import {sharedEngine} from "../../../demos/runtime/engine-client.ts";
import {mountDemo} from "../../../demos/runtime/mount.ts";
import type {DemoHandle, DemoSpec} from "../../../demos/runtime/spec.ts";
import type {FlowHeroFrame} from "../../../engine/tasks/flow-hero.ts";
import type {FmTrainFrame} from "../../../engine/tasks/fm-train.ts";
import {frameRecorder, summary} from "./frames.ts";
import {tap} from "./tap.ts";

/** Seconds the hero takes from t = 0 to 1 when played (demos/flow-hero.ts), for the SVG peer's own loop. */
const HERO_DURATION = 4;
/** Training steps for fm-train while frames are measured: enough to keep training through any measurement. */
const LONG_RUN = 100_000;
const TIMEOUT = 180_000;

const recorder = frameRecorder();
const engine = tap(sharedEngine);
const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.startTime);
}).observe({type: "longtask", buffered: false});

/** Options of one render measurement. */
export interface RenderRun {
  n: number;
  warmupMs: number;
  measureMs: number;
  /** Also measure the same particles re-rendered as a Plot SVG per frame, with the canvas demo removed. */
  svg: boolean;
  /** Mount fm-train and measure while it trains (false: flow-hero alone, the worker idle once its path is done). */
  train: boolean;
}

/** What one window of frames showed. */
export interface Measured {
  interval: ReturnType<typeof summary>;
  callbacks: ReturnType<typeof summary>;
  work: ReturnType<typeof summary>;
  /** flow-hero's paint per frame (canvas), or the SVG re-render per frame (peer). */
  draw: ReturnType<typeof summary>;
  /** fm-train's render (a Plot figure for each new frame from the worker) and paint, per call. */
  trainDraw: ReturnType<typeof summary>;
  /** fm-train's renders per second (one per new worker frame that reached an animation frame). */
  trainRenders: number;
  longTasks: number;
  stepsPerSecond: number;
}

declare global {
  interface Window {
    bench?: {
      idle(measureMs: number): Promise<Measured>;
      render(run: RenderRun): Promise<{canvas: Measured; svg?: Measured; heroComputeS: number}>;
      train(seed: number): Promise<Record<string, number>>;
    };
  }
}

function demoFigure(id: string, data: Record<string, string>): HTMLElement {
  const element = document.createElement("figure");
  element.dataset.demo = id;
  Object.assign(element.dataset, data);
  document.body.append(element);
  return element;
}

function mount(element: HTMLElement, spec: DemoSpec | Promise<DemoSpec>, key: string): DemoHandle {
  const handle = mountDemo(element, spec, {engine: () => engine.client, staticView: false, reducedMotion: false, key});
  handle.resume();
  return handle;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(test: () => boolean, what: string): Promise<void> {
  const start = performance.now();
  while (!test()) {
    const failed = [...engine.seen.values()].find((s) => s.error)?.error;
    if (failed) throw new Error(`${what}: ${failed}`);
    if (performance.now() - start > TIMEOUT) throw new Error(`${what}: timed out after ${TIMEOUT / 1000} s`);
    await sleep(20);
  }
}

const fmFrame = () => engine.seen.get("fm-train")?.frame as FmTrainFrame | undefined;

/** A demo's spec whose render and paint push their times (ms) to `times`; the demo itself is untouched. */
function timed(spec: DemoSpec, times: {render: number[]; paint: number[]}): DemoSpec {
  const clock = <T>(into: number[], f: () => T): T => {
    const t0 = performance.now();
    try {
      return f();
    } finally {
      into.push(performance.now() - t0);
    }
  };
  return {
    ...spec,
    render: (frame, options, state) => clock(times.render, () => spec.render(frame, options, state)),
    paint: (layer, frame, options, state) => clock(times.paint, () => spec.paint!(layer, frame, options, state))
  };
}

const trainTimes = {render: [] as number[], paint: [] as number[]};

/** Records frames for `ms` and summarizes them with `draws` (the per-frame drawing times kept meanwhile). */
async function measure(ms: number, draws: number[]): Promise<Measured> {
  trainTimes.render.length = 0;
  trainTimes.paint.length = 0;
  const steps0 = fmFrame()?.progress.steps ?? 0;
  const at0 = engine.seen.get("fm-train")?.frameAt ?? 0;
  const since = performance.now();
  draws.length = 0;
  recorder.record(true);
  await sleep(ms);
  recorder.record(false);
  const frames = [...recorder.frames];
  const steps1 = fmFrame()?.progress.steps ?? 0;
  const at1 = engine.seen.get("fm-train")?.frameAt ?? 0;
  return {
    interval: summary(frames.map((f) => f.interval)),
    callbacks: summary(frames.map((f) => f.callbacks)),
    work: summary(frames.map((f) => f.work)),
    draw: summary(draws),
    trainDraw: summary([...trainTimes.render, ...trainTimes.paint]),
    trainRenders: Math.round(trainTimes.render.length / (ms / 1000)),
    longTasks: longTasks.filter((t) => t >= since).length,
    stepsPerSecond: at1 > at0 ? Math.round(((steps1 - steps0) / (at1 - at0)) * 1000) : NaN
  };
}

/** The page with nothing mounted but the frame watcher: what the machine's load alone does to animation frames. */
async function idle(measureMs: number) {
  recorder.watch(() => {});
  await sleep(500);
  return measure(measureMs, []);
}

async function render({n, warmupMs, measureMs, svg, train}: RenderRun) {
  const heroTimes = {render: [] as number[], paint: [] as number[]};
  const draws = heroTimes.paint;
  const heroFigure = demoFigure("flow-hero", {n: String(n)});
  const heroHandle = mount(heroFigure, timed(await loadDemo("flow-hero"), heroTimes), "hero");
  // Played in a loop: once t reached 1 (and the path is computed) the demo rests as "drawn"; start it again at 0.
  const looping = recorder.watch(() => {
    if (heroFigure.dataset.demoState === "drawn") heroHandle.declare({t: "0"}, "bench", true);
  });
  await until(() => engine.seen.get("flow-hero")?.doneAt !== undefined, "flow-hero");
  const heroSeen = engine.seen.get("flow-hero")!;
  const heroComputeS = (heroSeen.doneAt! - heroSeen.startedAt) / 1000;

  if (train) {
    mount(demoFigure("fm-train", {steps: String(LONG_RUN)}), timed(await loadDemo("fm-train"), trainTimes), "train");
    await until(() => (fmFrame()?.progress.steps ?? 0) > 0, "fm-train");
  }
  await sleep(warmupMs);
  const canvas = await measure(measureMs, draws);
  if (!svg) return {canvas, heroComputeS};

  // The peer: the same particles, each frame a fresh Plot SVG (what the canvas layer exists to avoid).
  looping.stop();
  heroHandle.destroy();
  const frame = heroSeen.frame as FlowHeroFrame;
  const e = frame.extent;
  const points = new Float32Array(2 * frame.n);
  const host = document.createElement("div");
  heroFigure.append(host);
  const start = performance.now();
  recorder.watch(() => {
    const t0 = performance.now();
    const t = ((t0 - start) / 1000 / HERO_DURATION) % 1;
    particlesAt(frame, t, points);
    const plot = figure({
      label: "particles re-rendered as SVG",
      size: [600, 470],
      equal: true,
      x: {domain: [e[0]!, e[1]!], label: null},
      y: {domain: [e[2]!, e[3]!], label: null},
      marks: [particles(points, {color: "source", r: 2})]
    });
    host.replaceChildren(plot);
    draws.push(performance.now() - t0);
  });
  await sleep(warmupMs);
  return {canvas, svg: await measure(measureMs, draws), heroComputeS};
}

async function train(seed: number) {
  engine.keep = true;
  mount(demoFigure("fm-train", {seed: String(seed)}), loadDemo("fm-train"), "train");
  await until(() => engine.seen.get("fm-train")?.doneAt !== undefined, "fm-train");
  const seen = engine.seen.get("fm-train")!;
  const frames = seen.log.map(({at, frame}) => ({at, frame: frame as FmTrainFrame}));
  const last = frames.at(-1)!.frame;
  const trained = frames.find((f) => f.frame.phase !== "training")?.at ?? seen.doneAt!;
  const s = (at: number) => (at - seen.startedAt) / 1000;
  return {
    seed,
    steps: last.progress.steps,
    firstFrameS: s(frames[0]!.at),
    trainingS: s(trained),
    totalS: s(seen.doneAt!),
    w2: last.w2 ?? NaN,
    floor: last.w2Floor ?? NaN
  };
}

window.bench = {idle, render, train};
document.body.dataset.ready = "true";

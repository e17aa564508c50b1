import {vi} from "vitest";
import {boolean, choice, integer, number, seed} from "../../../engine/options/schema.ts";
import type {Frame} from "../../../engine/tasks/task.ts";
import type {EngineClient, JobListener} from "../../../demos/runtime/engine.ts";
import type {MountOptions} from "../../../demos/runtime/mount.ts";
import type {CanvasLayer, DemoSpec, TaskRequest} from "../../../demos/runtime/spec.ts";

const SVG = "http://www.w3.org/2000/svg";

/** One job of the fake engine: what it was asked, what the demo did to it, and its listener to send frames. */
export interface FakeJob {
  request: TaskRequest;
  listener: JobListener;
  paused: boolean;
  cancelled: boolean;
  steps: number;
}

/** An in-process EngineClient whose jobs do nothing until the test sends frames through their listeners. */
export function fakeEngine() {
  const jobs: FakeJob[] = [];
  let created = 0;
  const client: EngineClient = {
    start(request, listener) {
      created = 1;
      const job: FakeJob = {request, listener, paused: false, cancelled: false, steps: 0};
      jobs.push(job);
      return {
        pause: () => void (job.paused = true),
        resume: () => void (job.paused = false),
        step: () => void job.steps++,
        command: () => {},
        cancel: () => void (job.cancelled = true)
      };
    },
    stats: () => ({
      workers: created,
      messages: 0,
      lastMessageAt: 0,
      jobs: jobs.filter((j) => !j.cancelled).length,
      paused: jobs.filter((j) => !j.cancelled && j.paused).length
    }),
    restart() {}
  };
  /** Counts calls of the `engine` accessor (a static view must make none). */
  const engine = vi.fn(() => client);
  /** The newest job that was not cancelled. */
  const live = () => jobs.filter((j) => !j.cancelled).at(-1);
  return {client, engine, jobs, live};
}

const options = {
  size: integer(3, "number of circles", {min: 0, max: 10}),
  seed: seed(0),
  mode: choice(["a", "b"], "a", "a mode")
};
const state = {
  t: number(0, "time", {min: 0, max: 1}),
  show: choice(["dots", "field"], "dots", "what to show"),
  big: boolean(false, "large marks"),
  y: number(0, "handle height", {min: -1, max: 1})
};

export type FakeFrame = Frame & {count: number};

/** A task demo: renders `frame.count` circles (and its state as attributes), paints, and records every call. */
export function fakeSpec(overrides: Partial<DemoSpec<typeof options, typeof state, FakeFrame>> = {}) {
  const renders: {frame: FakeFrame | undefined; options: Record<string, unknown>; state: Record<string, unknown>}[] =
    [];
  const paints: Record<string, unknown>[] = [];
  const spec: DemoSpec<typeof options, typeof state, FakeFrame> = {
    id: "fake",
    description: "a test demo",
    options,
    state,
    controls: ["size", "mode", "t", "show"],
    player: true,
    renderKeys: ["show", "big"],
    task: (o) => ({task: "fake-task", options: {...o}}),
    render(frame, o, s) {
      renders.push({frame, options: {...o}, state: {...s}});
      const svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("width", "200");
      svg.setAttribute("height", "100");
      svg.dataset.show = s.show;
      for (let i = 0; i < (frame?.count ?? 0); i++) svg.append(document.createElementNS(SVG, "circle"));
      return svg;
    },
    paint(layer: CanvasLayer, _frame, _o, s) {
      paints.push({...s, width: layer.width});
    },
    ...overrides
  };
  return {spec, renders, paints};
}

/** A 2D context that records nothing and a canvas that "encodes" to a fixed data URL (jsdom has neither). */
export function stubCanvas(): void {
  const context = {
    setTransform() {},
    save() {},
    restore() {},
    clearRect() {}
  } as unknown as CanvasRenderingContext2D;
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation((() => context) as never);
  vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockImplementation(() => "data:image/png;base64,AAAA");
}

/** Mount options with a fake engine. */
export function mountOptions(engine: () => EngineClient, o: Partial<MountOptions> = {}): MountOptions {
  // Frames re-render at once here (a test drives animation frames by hand); the throttle has its own test.
  return {engine, staticView: false, reducedMotion: false, key: "fake", frameRenderMs: 0, ...o};
}

/** A figure element on a fresh page. */
export function figure(html = `<figure data-demo="fake"><figcaption>caption</figcaption></figure>`): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}

/** Lets promise callbacks run (with fake timers, setTimeout would not). */
export async function microtasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Runs `ms` of animation frames (fake timers: requestAnimationFrame and performance). */
export async function frames(ms: number): Promise<void> {
  await microtasks();
  vi.advanceTimersByTime(ms);
  await microtasks();
}

import {boolean, number, type Values} from "../engine/options/schema.ts";
import {flowHeroOptions} from "../engine/tasks/flow-hero-options.ts";
import {flowHeroJob, type FlowHeroFrame} from "../engine/tasks/flow-hero.ts";
import {figure, paintParticles, paintTrajectories, particles} from "./layers/index.ts";
import type {CanvasLayer, DemoSpec} from "./runtime/spec.ts";

const state = {
  t: number(0, "time along the path: 0 is noise, 1 is data", {min: 0, max: 1, step: 0.01}),
  paths: boolean(false, "draw the paths of a few particles"),
  speed: number(1, "playing speed: one flow from noise to data takes 4 s / speed", {min: 0.25, max: 4, step: 0.25})
};

export type FlowHeroState = Values<typeof state>;

/** Seconds a played flow takes from t = 0 to t = 1 at speed 1. */
const DURATION = 4;
/** Paths drawn when `paths` is on, and particles in a static view (print, speaker previews: computed on the page). */
const TRAILS = 150;
const STATIC_N = 1500;

/** Where the particles are at time t: rows k and k + 1 of the path, mixed linearly (t clamped to what is computed). */
export function particlesAt(frame: FlowHeroFrame, t: number, out: Float32Array): Float32Array {
  const row = 2 * frame.n;
  const s = Math.min(Math.max(t, 0) * frame.steps, frame.computedUpTo);
  const k = Math.min(Math.floor(s), frame.computedUpTo);
  const f = s - k;
  const a = frame.trajectories.subarray(k * row, (k + 1) * row);
  if (f === 0 || k === frame.computedUpTo) {
    out.set(a);
    return out;
  }
  const b = frame.trajectories.subarray((k + 1) * row, (k + 2) * row);
  for (let i = 0; i < row; i++) out[i] = a[i]! + f * (b[i]! - a[i]!);
  return out;
}

/** The first `m` paths of a frame, [K' + 1, m, 2], cached per frame (a frame never changes once it arrived). */
const trails = new WeakMap<FlowHeroFrame, Float32Array>();
function trailsOf(frame: FlowHeroFrame, m: number): Float32Array {
  let paths = trails.get(frame);
  if (!paths) {
    const rows = frame.computedUpTo + 1;
    paths = new Float32Array(rows * m * 2);
    for (let k = 0; k < rows; k++) {
      paths.set(frame.trajectories.subarray(2 * k * frame.n, 2 * (k * frame.n + m)), 2 * k * m);
    }
    trails.set(frame, paths);
  }
  return paths;
}

/** One reusable buffer for the particles' positions (the demo paints every animation frame). */
let scratch = new Float32Array(0);

/** t as a fraction of the computed part of the path (paths cover t ∈ [0, computedUpTo / K]). */
const computedT = (frame: FlowHeroFrame) => frame.computedUpTo / frame.steps;

/**
 * The hero: particles drawn from N(0, I) flow to a dataset, a word or a drawing along the exact marginal velocity
 * field of the straight path (no training), computed in the engine worker and played on a canvas with a t scrubber.
 */
export const flowHero: DemoSpec<typeof flowHeroOptions, typeof state, FlowHeroFrame> = {
  id: "flow-hero",
  description: "particles flowing from N(0, I) to a dataset, a word or a drawing along the closed-form marginal field",
  options: flowHeroOptions,
  state,
  controls: ["target", "dataset", "word", "t", "paths"],
  player: true,
  // Draw with the pointer: the strokes become the target cloud.
  sketch: {option: "points", set: {target: "points"}, max: 300},
  task: (options) => ({task: "flow-hero", options}),
  snapshot(options) {
    // The same job the worker runs, on the page, smaller: print view and the speaker's previews start no worker.
    return runHero({...options, n: Math.min(options.n, STATIC_N)});
  },
  render(frame, options) {
    const e = frame?.extent ?? [-3.5, 3.5, -3.5, 3.5];
    return figure({
      label: `particles flowing from noise to ${targetName(options)}`,
      size: [540, 390],
      equal: true,
      x: {domain: [e[0]!, e[1]!], label: null},
      y: {domain: [e[2]!, e[3]!], label: null},
      // The particles and the paths are painted on the canvas (also in a static view, where it becomes an image).
      marks: frame ? [particles(frame.target, {color: "target", symbol: "diamond", r: 2.5, opacity: 0.35})] : []
    });
  },
  renderKeys: [],
  paint(layer: CanvasLayer, frame, _options, {t, paths}) {
    if (!frame) return;
    if (scratch.length < 2 * frame.n) scratch = new Float32Array(2 * frame.n);
    const at = particlesAt(frame, t, scratch.subarray(0, 2 * frame.n));
    if (paths) {
      const m = Math.min(TRAILS, frame.n);
      const tt = Math.min(1, t / computedT(frame));
      paintTrajectories(layer, trailsOf(frame, m), m, {t: tt, kind: "marginal", ends: false});
    }
    paintParticles(layer, at, {color: "source", r: 2});
  },
  advance({t, speed}, dt, frame) {
    if (t >= 1) return undefined;
    // Never run ahead of the part of the path the worker has computed: the particles wait for it.
    const limit = frame ? computedT(frame) : 0;
    return {t: Math.min(1, Math.min(limit, t + (dt * speed) / DURATION))};
  },
  describe(frame, options, {t}) {
    const n = frame?.n ?? options.n;
    return `${n} particles at t = ${t.toFixed(2)} on their way from N(0, I) to ${targetName(options)}`;
  }
};

function targetName(o: Values<typeof flowHeroOptions>): string {
  return o.target === "word" ? `the word "${o.word}"` : o.target === "points" ? "a drawing" : o.dataset;
}

/** Runs the flow-hero task to its end on the page. */
function runHero(options: Values<typeof flowHeroOptions>): FlowHeroFrame {
  const job = flowHeroJob(options);
  let last: FlowHeroFrame | undefined;
  for (;;) {
    const slice = job.run(1000);
    last = slice.frame ?? last;
    if (slice.done && last) return last;
    if (slice.done) throw new Error("flow-hero: the task ended without a frame");
  }
}

export default flowHero;

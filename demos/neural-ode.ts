import * as Plot from "@observablehq/plot";
import {choice, number, type Values} from "../engine/options/schema.ts";
import {neuralOdeOptions} from "../engine/tasks/neural-ode-options.ts";
import {NEURAL_ARROWS, NEURAL_BOX, neuralSceneNow, type NeuralScene} from "../engine/tasks/neural-ode-scene.ts";
import {figure, paintArrowField, paintParticles, paintTrajectories} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {CanvasLayer, DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

const state = {
  t: number(0.6, "time t from 0 (the starts) to 1", {min: 0, max: 1, step: 0.01}),
  start: choice(["grid", "gaussian"], "grid", "where the trajectories start: a grid of points, or draws from N(0, I)")
};

type Options = Values<typeof neuralOdeOptions>;
type State = Values<typeof state>;

/** Points of the N(0, I) cloud in the page's still (the worker pushes 1000). */
const STILL_CLOUD = 100;
/** Cloud points whose trajectories are drawn. */
const CLOUD_TRAILS = 30;
/** Seconds a played clock takes from t = 0 to t = 1. */
const DURATION = 4;
const SIZE = [460, 460] as const;

/** The positions of points [from, from + m) at time t, interpolated between the RK4 step records. */
export function positionsAt(scene: NeuralScene, t: number, from: number, m: number, out = new Float32Array(2 * m)) {
  const n = scene.starts + scene.cloud;
  const s = Math.min(Math.max(t, 0), 1) * scene.steps;
  const k = Math.min(Math.floor(s), scene.steps - 1);
  const f = s - k;
  const a = scene.paths.subarray(2 * (k * n + from), 2 * (k * n + from + m));
  const b = scene.paths.subarray(2 * ((k + 1) * n + from), 2 * ((k + 1) * n + from + m));
  for (let i = 0; i < 2 * m; i++) out[i] = a[i]! + f * (b[i]! - a[i]!);
  return out;
}

/** Rows [steps + 1, m, 2] of the points [from, from + m): the layout the trajectory layer draws (cached). */
const trailCache = new WeakMap<NeuralScene, Map<number, Float32Array>>();
function trails(scene: NeuralScene, from: number, m: number): Float32Array {
  const byStart = trailCache.get(scene) ?? new Map<number, Float32Array>();
  trailCache.set(scene, byStart);
  let rows = byStart.get(from);
  if (!rows) {
    const n = scene.starts + scene.cloud;
    rows = new Float32Array((scene.steps + 1) * 2 * m);
    for (let k = 0; k <= scene.steps; k++) {
      rows.set(scene.paths.subarray(2 * (k * n + from), 2 * (k * n + from + m)), 2 * k * m);
    }
    byStart.set(from, rows);
  }
  return rows;
}

/** The mean and the spread (RMS distance from the mean) of the cloud at time t: a number that moves with the flow. */
export function cloudStats(scene: NeuralScene, t: number): {mean: [number, number]; spread: number} {
  const p = positionsAt(scene, t, scene.starts, scene.cloud);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < scene.cloud; i++) {
    mx += p[2 * i]! / scene.cloud;
    my += p[2 * i + 1]! / scene.cloud;
  }
  let s = 0;
  for (let i = 0; i < scene.cloud; i++) s += ((p[2 * i]! - mx) ** 2 + (p[2 * i + 1]! - my) ** 2) / scene.cloud;
  return {mean: [mx, my], spread: Math.sqrt(s)};
}

function readout(scene: NeuralScene | undefined, o: Options, s: State): string {
  const net = `network 3→32→32→2 (tanh), seed ${o.seed}, weights × ${o.scale}`;
  if (!scene || s.start === "grid") return net;
  return `${net}\n${scene.cloud} draws of x₀ ~ N(0, I), pushed by ${scene.steps} RK4 steps`;
}

/**
 * A neural ODE (lecture D3.7-D3.8): the field of an untrained network u^θ_t(x) = MLP_θ([x, t]) (its arrows change
 * with t) and the RK4 trajectories it gives, from a grid of starts or, as a CNF, from draws of N(0, I). The
 * worker pushes 1000 draws; the page's still (print, before the worker answers) 100.
 */
export const neuralOde: DemoSpec<typeof neuralOdeOptions, typeof state, NeuralScene> = {
  id: "neural-ode",
  description: "an untrained neural network as a velocity field: its arrows at time t and the trajectories it gives",
  options: neuralOdeOptions,
  state,
  controls: ["seed", "scale", "t"],
  player: true,
  examples: [
    {name: "pushing a Gaussian to t = 1", state: {start: "gaussian", t: "1"}},
    {name: "small weights", options: {scale: "0.8", seed: "3"}, state: {t: "1"}}
  ],
  task: (options) => ({task: "neural-ode", options}),
  snapshot: ({seed, scale}) => neuralSceneNow(seed, scale, STILL_CLOUD),
  render(scene, o, s) {
    return figure({
      label: s.start === "grid" ? "a neural ODE's field and trajectories" : "a Gaussian pushed by a neural ODE",
      description: describeScene(scene, o, s),
      size: SIZE,
      equal: true,
      marginTop: 56,
      marginLeft: 12,
      marginRight: 12,
      marginBottom: 12,
      x: {domain: [NEURAL_BOX[0], NEURAL_BOX[1]], label: null, ticks: 0},
      y: {domain: [NEURAL_BOX[2], NEURAL_BOX[3]], label: null, ticks: 0},
      marks: [
        Plot.frame({stroke: palette.rule}),
        Plot.text([readout(scene, o, s)], {frameAnchor: "top-left", dy: -50, lineAnchor: "top", fontSize: 17})
      ]
    });
  },
  renderKeys: ["start"],
  paint(layer: CanvasLayer, scene, _o, {t, start}) {
    if (!scene) return;
    // Points a fast field carries out of the plane drawn are cut at its frame, not drawn over the caption.
    const [x0, x1, y0, y1] = NEURAL_BOX;
    const c = layer.context;
    c.save();
    c.beginPath();
    c.rect(layer.x(x0), layer.y(y1), layer.x(x1) - layer.x(x0), layer.y(y0) - layer.y(y1));
    c.clip();
    const cells = NEURAL_ARROWS * NEURAL_ARROWS;
    const k = Math.round(Math.min(Math.max(t, 0), 1) * scene.steps);
    paintArrowField(
      layer,
      {
        nx: NEURAL_ARROWS,
        ny: NEURAL_ARROWS,
        extent: NEURAL_BOX,
        values: scene.fields.subarray(2 * k * cells, 2 * (k + 1) * cells)
      },
      {kind: "model", color: "muted", speed: scene.speed, opacity: 0.6, strokeWidth: 1.5}
    );
    const from = start === "grid" ? 0 : scene.starts;
    const m = start === "grid" ? scene.starts : scene.cloud;
    const shown = start === "grid" ? m : Math.min(CLOUD_TRAILS, m);
    paintTrajectories(layer, trails(scene, from, shown), shown, {t, kind: "model", ends: false, opacity: 0.6});
    if (start === "gaussian") {
      paintParticles(layer, positionsAt(scene, 0, from, m), {color: "source", r: 1.8, opacity: 0.25});
    }
    paintParticles(layer, positionsAt(scene, t, from, m), {color: t > 0 ? "model" : "source", r: 2.6, opacity: 0.8});
    c.restore();
  },
  advance: playClock(DURATION),
  describe: describeScene
};

function describeScene(scene: NeuralScene | undefined, o: Options, s: State): string {
  const head = `The field of an untrained network (seed ${o.seed}, weights × ${o.scale}) at t = ${s.t.toFixed(2)}`;
  if (!scene) return `${head}.`;
  if (s.start === "grid") return `${head}, with the trajectories of ${scene.starts} starts on a grid.`;
  const {mean, spread} = cloudStats(scene, s.t);
  return (
    `${head}, pushing ${scene.cloud} draws of N(0, I): their mean is (${mean[0].toFixed(2)}, ${mean[1].toFixed(2)}) ` +
    `and their spread ${spread.toFixed(2)} (1.41 for N(0, I)).`
  );
}

export default neuralOde;

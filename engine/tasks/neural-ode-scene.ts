/**
 * What the neural-ode demo shows (lecture D3.7-D3.8), computed the same way on the page (a small still) and in the
 * worker (more particles): an untrained network's field u^θ_t on a grid at every step time, and RK4 trajectories of a
 * grid of starts and of a cloud drawn from p_0 = N(0, I), over t from 0 to 1.
 */
import {randomNeuralField} from "../cnf/random-field.ts";
import {rk4} from "../ode/rk4.ts";
import {rng} from "../random.ts";

/** RK4 steps from t = 0 to 1 (the trajectories are recorded at every step). */
export const NEURAL_STEPS = 20;
/** Starts on a STARTS × STARTS grid over [−2.5, 2.5]². */
export const NEURAL_STARTS = 6;
/** Arrows on an ARROWS × ARROWS grid over the plane. */
export const NEURAL_ARROWS = 15;
/** The plane drawn: [−4, 4]². */
export const NEURAL_BOX = [-4, 4, -4, 4] as const;

export interface NeuralScene {
  [key: string]: unknown;
  steps: number;
  /** Grid starts, then cloud points: n = starts + cloud. */
  starts: number;
  cloud: number;
  /** Positions at step k = 0..steps: row k holds all n points, [steps + 1, n, 2]. */
  paths: Float32Array;
  /** u^θ at t_k on the arrow grid, [steps + 1, ARROWS², 2]. */
  fields: Float32Array;
  /** The largest arrow over every step (one length scale for the whole clock). */
  speed: number;
}

/** A scene being computed step by step: `advance()` does one RK4 step and says whether the scene is complete. */
export function neuralScene(seed: number, scale: number, cloud: number): {scene: NeuralScene; advance(): boolean} {
  const {field} = randomNeuralField({seed, scale});
  const starts = NEURAL_STARTS * NEURAL_STARTS;
  const n = starts + cloud;
  const x = new Float64Array(2 * n);
  for (let j = 0; j < NEURAL_STARTS; j++) {
    for (let i = 0; i < NEURAL_STARTS; i++) {
      x[2 * (j * NEURAL_STARTS + i)] = -2.5 + (5 * i) / (NEURAL_STARTS - 1);
      x[2 * (j * NEURAL_STARTS + i) + 1] = -2.5 + (5 * j) / (NEURAL_STARTS - 1);
    }
  }
  rng(seed + 1).fillNormal(x.subarray(2 * starts));
  const cells = NEURAL_ARROWS * NEURAL_ARROWS;
  const grid = new Float64Array(2 * cells);
  const [x0, x1, y0, y1] = NEURAL_BOX;
  for (let j = 0; j < NEURAL_ARROWS; j++) {
    for (let i = 0; i < NEURAL_ARROWS; i++) {
      grid[2 * (j * NEURAL_ARROWS + i)] = x0 + ((i + 0.5) * (x1 - x0)) / NEURAL_ARROWS;
      grid[2 * (j * NEURAL_ARROWS + i) + 1] = y0 + ((j + 0.5) * (y1 - y0)) / NEURAL_ARROWS;
    }
  }
  const scene: NeuralScene = {
    steps: NEURAL_STEPS,
    starts,
    cloud,
    paths: new Float32Array((NEURAL_STEPS + 1) * 2 * n),
    fields: new Float32Array((NEURAL_STEPS + 1) * 2 * cells),
    speed: 0
  };
  const arrows = new Float64Array(2 * cells);
  const record = (k: number) => {
    scene.paths.set(x, k * 2 * n);
    field.velocity(arrows, grid, cells, k / NEURAL_STEPS);
    scene.fields.set(arrows, k * 2 * cells);
    for (let c = 0; c < cells; c++) scene.speed = Math.max(scene.speed, Math.hypot(arrows[2 * c]!, arrows[2 * c + 1]!));
  };
  record(0);
  const stepper = rk4();
  const f = (out: Float64Array, y: Float64Array, t: number) => field.velocity(out, y, n, t);
  const next = new Float64Array(2 * n);
  let k = 0;
  return {
    scene,
    advance() {
      if (k >= NEURAL_STEPS) return true;
      stepper.step(f, x, k / NEURAL_STEPS, 1 / NEURAL_STEPS, next);
      x.set(next);
      k++;
      record(k);
      return k >= NEURAL_STEPS;
    }
  };
}

/** The whole scene at once (the page's still, and tests). */
export function neuralSceneNow(seed: number, scale: number, cloud: number): NeuralScene {
  const s = neuralScene(seed, scale, cloud);
  while (!s.advance());
  return s.scene;
}

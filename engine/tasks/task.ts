/**
 * What the engine worker runs: a task is a named, serialisable piece of engine work a demo asks for with plain
 * options (checked against the task's schema on the worker's side, since they crossed a boundary). Starting a task
 * gives a job, which the worker loop drives in time slices and which hands back frames: plain objects whose typed
 * arrays are transferred to the page, never copied. Tasks are loaded lazily by name (tasks/index.ts), so a page
 * pays only for the engine code its demos use.
 */
import type {Kernels} from "../kernels/index.ts";
import type {Schema, Value, Values} from "../options/schema.ts";

/** A frame: flat values and typed arrays (transferred) that a demo's render and paint functions read. */
export type Frame = Record<string, unknown>;

/** What one slice of a job produced. */
export interface Slice<F extends Frame = Frame> {
  /** The newest frame, if this slice made one (the worker posts at most a few per second per job). */
  frame?: F;
  /** True when the job has nothing more to do (its last frame is then posted at once). */
  done: boolean;
  /**
   * Milliseconds in which the job will have nothing to do (a paced animation between two of its steps): the worker
   * sleeps instead of calling `run` again at once, unless another job, a step or a command needs it sooner.
   */
  idleMs?: number;
}

/** A running task. The worker calls `run` again and again while the demo is on screen and not paused. */
export interface Job<F extends Frame = Frame> {
  /** Does about `budgetMs` milliseconds of work (at least one unit of it) and says what it has to show. */
  run(budgetMs: number): Slice<F>;
  /** A command from the demo while the job lives, e.g. `{sample: true}`; throw a RangeError for a bad one. */
  command?(message: Readonly<Record<string, Value>>): void;
  /** Frees what the job holds (e.g. WebAssembly memory). */
  dispose?(): void;
}

/** What the worker gives every task. */
export interface TaskEnv {
  /** The kernels of this worker (WebAssembly SIMD where it loads, else the TypeScript reference). */
  kernels: Kernels;
}

export interface EngineTask<S extends Schema = Schema, F extends Frame = Frame> {
  /** Kebab-case name, equal to the file name in engine/tasks/. */
  readonly name: string;
  readonly options: S;
  start(options: Values<S>, env: TaskEnv): Job<F> | Promise<Job<F>>;
}

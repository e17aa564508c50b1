/**
 * The messages between a page and its engine worker: a typed union each way, every message about a job carrying the
 * job's `id` (chosen by the page, unique for the page's lifetime, so a late message from a replaced worker can never
 * be mistaken for a new job's).
 *
 * Hand-written rather than comlink. comlink turns calls into proxied promises: one call, one return. What a live demo
 * needs is the other shape: a job that streams frames for seconds (newest only, at a bounded rate, their buffers
 * transferred), that the page pauses, steps and cancels while it runs, and a worker the page can kill and replace
 * when it crashes or hangs, telling every job what happened. Each of those would be a workaround on top of comlink's
 * proxies (callbacks proxied back, a cancel token per call, no notion of a restart); as plain messages they are a
 * dozen types and two small loops (host.ts on the worker's side, demos/runtime/engine-client.ts on the page's).
 */
import type {Value} from "../options/schema.ts";
import type {Frame} from "../tasks/task.ts";

/** From the page to the worker. */
export type Request =
  /** Loads the task by name, checks the options against its schema and starts a job that runs at once. */
  | {type: "start"; id: number; task: string; options: Record<string, Value>}
  /** Stops running the job's slices; its state is kept and it costs nothing while paused. */
  | {type: "pause"; id: number}
  | {type: "resume"; id: number}
  /** While paused: runs one slice and posts its frame at once. */
  | {type: "step"; id: number}
  /** Passes a message to the job's `command`. */
  | {type: "command"; id: number; message: Record<string, Value>}
  /** Ends the job and frees it; nothing more is posted about it. */
  | {type: "cancel"; id: number}
  /** Answered by a `pong` with the same id between two slices: how the page tells a hung worker. */
  | {type: "ping"; id: number};

/** An error as data: what crosses the boundary, to be rethrown as an `Error` on the page's side. */
export interface ErrorData {
  name: string;
  message: string;
}

/** From the worker to the page. */
export type Response =
  /** The worker's kernels are loaded (WebAssembly SIMD where it instantiates, else the TypeScript reference). */
  | {type: "ready"; kernels: "wasm" | "reference"}
  /** The job's newest frame; its typed arrays' buffers were transferred where they could be. */
  | {type: "frame"; id: number; frame: Frame}
  /** The job finished; its last frame was posted just before. */
  | {type: "done"; id: number}
  /** The job failed (bad option, unknown task, a throw in start, run or command) and was dropped. */
  | {type: "error"; id: number; error: ErrorData}
  | {type: "pong"; id: number};

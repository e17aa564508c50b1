import type {Value} from "../../engine/options/schema.ts";
import type {Frame} from "../../engine/tasks/task.ts";
import type {TaskRequest} from "./spec.ts";

/**
 * The page's side of the engine worker, as the demos see it (implemented by engine-client.ts; a test can give a
 * demo an in-process one). One client per page, shared by every demo on it; no worker starts before the first job.
 */
export interface EngineClient {
  /** Starts a task; the listener hears its frames (the newest only, at most once per animation frame), end or error. */
  start(request: TaskRequest, listener: JobListener): JobHandle;
  /** Counters for tests and the render benchmark. */
  stats(): EngineStats;
  /** Terminates the worker and starts a fresh one; every live job hears an error (used by tests and "reset all"). */
  restart(reason?: string): void;
}

export interface JobListener {
  frame(frame: Frame): void;
  /** The job finished; its last frame came just before. */
  done?(): void;
  /** The task failed (the worker's error, rethrown here), or the worker crashed or hung and was restarted. */
  error(error: Error): void;
}

/** A running job. Every call is idempotent and harmless after the job ended. */
export interface JobHandle {
  /** Stops the job's slices in the worker (no more frames), keeping its state. */
  pause(): void;
  resume(): void;
  /** While paused: runs one slice and posts its frame. */
  step(): void;
  /** Passes a command to the job (Job.command in the worker). */
  command(message: Record<string, Value>): void;
  /** Ends the job and frees it in the worker; no listener call follows. */
  cancel(): void;
}

export interface EngineStats {
  /** Workers created so far on this page (0 until the first job: print view and speaker previews must stay at 0). */
  workers: number;
  /** Messages received from workers so far, and the time (performance.now()) of the last one. */
  messages: number;
  lastMessageAt: number;
  /** Jobs started and not yet ended or cancelled, and how many of them are paused. */
  jobs: number;
  paused: number;
}

/**
 * The worker's side of the engine (the page's side is demos/runtime/engine-client.ts; the messages between them are
 * protocol.ts). The page asks for a task by name with plain options; the host loads the task lazily, checks the
 * options against the task's schema, starts a job and drives every running job in short time slices, round robin,
 * yielding to the event loop between two slices so that a pause, a step, a cancel or a ping is answered within one
 * slice. Frames go back at a bounded rate per job, newest only (a job's last frame and a stepped frame go at once),
 * their typed arrays transferred. Any throw from a task crosses as data and ends that job only. The host never
 * touches `self`: entry.ts wires it to the worker's scope, and the tests wire it to an in-process channel.
 * About 200 lines: the table of jobs and the loop that drives them are one idea; transfer.ts (what a frame can hand
 * over) and yielder.ts (how to give the event loop a turn) are the parts that stand alone.
 */
import type {Kernels} from "../kernels/index.ts";
import {checkValues, type Value} from "../options/schema.ts";
import type {EngineTask, Frame, Job} from "../tasks/task.ts";
import type {ErrorData, Request, Response} from "./protocol.ts";
import {transferable} from "./transfer.ts";
import {yielder, type Yielder} from "./yielder.ts";

/** Where the host reads requests and posts responses: a worker's scope, a MessagePort, a test's fake. */
export interface HostPort {
  postMessage(message: Response, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: {data: Request}) => void) | null;
}

export interface HostOptions {
  /** The task of a name (engine/tasks/index.ts's `loadTask`); rejects for an unknown name. */
  load(name: string): Promise<EngineTask>;
  /** The kernels every job gets (engine/kernels' `kernels()`); loaded once, when the host starts. */
  kernels(): Promise<Kernels>;
  /** Milliseconds of work per slice of a job. @defaultValue 12 */
  sliceMs?: number;
  /** At most this many frames per second per job (the newest is kept in between). @defaultValue 20 */
  framesPerSecond?: number;
  /** The clock. @defaultValue performance.now */
  now?: () => number;
  /** How to let the event loop run between two slices. @defaultValue a MessageChannel (setTimeout 0 without one) */
  yielder?: Yielder;
}

/** A running host; `close` ends every job and stops listening. */
export interface EngineHost {
  close(): void;
}

interface Entry {
  readonly id: number;
  /** Undefined while the task loads and starts. */
  job?: Job;
  paused: boolean;
  /** Slices asked for by `step` while paused (and not yet run). */
  steps: number;
  /** Commands that came before the job started. */
  commands: Record<string, Value>[];
  ended: boolean;
  lastPostAt: number;
  /** The newest frame not yet posted (held back by the frame rate). */
  pending?: Frame;
  /** Until when the job said it has nothing to do (its last slice's `idleMs`). */
  wakeAt?: number;
}

/** Serves the engine over `port`: see the comment at the top of this file. */
export function engineHost(port: HostPort, options: HostOptions): EngineHost {
  const {load, sliceMs = 12, framesPerSecond = 20, now = () => performance.now()} = options;
  const gapMs = 1000 / framesPerSecond;
  const loop = options.yielder ?? yielder();
  // Insertion order is the round robin: a job that ran a slice moves to the end.
  const entries = new Map<number, Entry>();
  let scheduled = false;
  /** The timer of a sleep, when every runnable job is idle. */
  let sleeping: ReturnType<typeof setTimeout> | undefined;

  const kernels = options.kernels();
  kernels.then(
    (k) => port.postMessage({type: "ready", kernels: k.name}),
    () => {} // every start reports it
  );

  const post = (message: Response, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  const runnable = (e: Entry) => e.job !== undefined && (!e.paused || e.steps > 0);

  function end(entry: Entry): void {
    entry.ended = true;
    entries.delete(entry.id);
    try {
      entry.job?.dispose?.();
    } catch {
      // A failing dispose has nothing left to tell the page.
    }
  }

  function fail(entry: Entry, error: unknown): void {
    if (entry.ended) return;
    end(entry);
    post({type: "error", id: entry.id, error: errorData(error)});
  }

  function postFrame(entry: Entry, frame: Frame): void {
    entry.pending = undefined;
    entry.lastPostAt = now();
    try {
      const out = transferable(frame);
      post({type: "frame", id: entry.id, frame: out.frame}, out.transfer);
    } catch (error) {
      // A buffer that cannot be detached (WebAssembly memory): copy everything instead.
      if ((error as Error)?.name !== "DataCloneError") throw error;
      const copy = transferable(frame, true);
      post({type: "frame", id: entry.id, frame: copy.frame}, copy.transfer);
    }
  }

  /** Runnable and not idle (a step asked for while paused runs at once). */
  const due = (e: Entry, t: number) => runnable(e) && (e.paused || e.wakeAt === undefined || e.wakeAt <= t);

  function schedule(): void {
    if (sleeping !== undefined) {
      // Something changed while every job slept (a new job, a step, a resume): look again.
      clearTimeout(sleeping);
      sleeping = undefined;
      scheduled = false;
    }
    if (scheduled) return;
    const live = [...entries.values()].filter(runnable);
    if (live.length === 0) return;
    scheduled = true;
    const t = now();
    if (live.some((e) => due(e, t))) return loop.next(tick);
    // Every job is idle: sleep until the first one has something to do, instead of spinning.
    const wake = Math.min(...live.map((e) => e.wakeAt!));
    sleeping = setTimeout(() => {
      sleeping = undefined;
      tick();
    }, wake - t);
  }

  function tick(): void {
    scheduled = false;
    const t0 = now();
    const entry = [...entries.values()].find((e) => due(e, t0));
    if (entry) {
      entries.delete(entry.id);
      entries.set(entry.id, entry);
      runSlice(entry);
    }
    const t = now();
    for (const e of entries.values()) {
      if (e.pending && !e.paused && t - e.lastPostAt >= gapMs) sendOrFail(e, e.pending);
    }
    schedule();
  }

  function runSlice(entry: Entry): void {
    const stepping = entry.paused;
    if (stepping) entry.steps--;
    try {
      const slice = entry.job!.run(sliceMs);
      entry.wakeAt = slice.idleMs !== undefined && slice.idleMs > 0 ? now() + slice.idleMs : undefined;
      const frame = slice.frame ?? (slice.done ? entry.pending : undefined);
      if (frame && (stepping || slice.done || now() - entry.lastPostAt >= gapMs)) postFrame(entry, frame);
      else if (frame) entry.pending = frame;
      if (slice.done) {
        end(entry);
        post({type: "done", id: entry.id});
      }
    } catch (error) {
      fail(entry, error);
    }
  }

  function sendOrFail(entry: Entry, frame: Frame): void {
    try {
      postFrame(entry, frame);
    } catch (error) {
      fail(entry, error);
    }
  }

  async function start(id: number, name: string, values: Record<string, Value>): Promise<void> {
    if (entries.has(id)) return post({type: "error", id, error: {name: "RangeError", message: `duplicate job: ${id}`}});
    const entry: Entry = {id, paused: false, steps: 0, commands: [], ended: false, lastPostAt: -Infinity};
    entries.set(id, entry);
    try {
      const task = await load(name);
      const checked = checkValues(task.options, values ?? {});
      const env = {kernels: await kernels};
      if (entry.ended) return;
      const job = await task.start(checked, env);
      if (entry.ended) return void job.dispose?.();
      entry.job = job;
      for (const message of entry.commands.splice(0)) command(entry, message);
      schedule();
    } catch (error) {
      fail(entry, error);
    }
  }

  function command(entry: Entry, message: Record<string, Value>): void {
    if (!entry.job) return void entry.commands.push(message);
    try {
      if (!entry.job.command) throw new RangeError(`this task takes no commands`);
      entry.job.command(message);
      schedule(); // a paused job stays paused; a running one carries on
    } catch (error) {
      fail(entry, error);
    }
  }

  function receive(request: Request): void {
    if (request.type === "ping") return post({type: "pong", id: request.id});
    if (request.type === "start") return void start(request.id, request.task, request.options);
    const entry = entries.get(request.id);
    if (!entry) return; // the job ended: every request about it is harmless
    switch (request.type) {
      case "pause":
        entry.paused = true;
        if (entry.pending) sendOrFail(entry, entry.pending);
        return;
      case "resume":
        entry.paused = false;
        entry.steps = 0;
        return schedule();
      case "step":
        if (entry.paused) entry.steps++;
        return schedule();
      case "command":
        return command(entry, request.message);
      case "cancel":
        return end(entry);
    }
  }

  port.onmessage = (event) => receive(event.data);
  return {
    close() {
      port.onmessage = null;
      for (const entry of [...entries.values()]) end(entry);
      if (sleeping !== undefined) clearTimeout(sleeping);
      loop.close();
    }
  };
}

/** The error of any throw, as data. */
export function errorData(error: unknown): ErrorData {
  if (error instanceof Error) return {name: error.name, message: error.message};
  return {name: "Error", message: String(error)};
}

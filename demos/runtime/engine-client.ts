/**
 * The page's side of the engine worker: implements the `EngineClient` the demos use (engine.ts). The worker's side
 * is engine/worker/host.ts, the messages between them engine/worker/protocol.ts. The client creates the page's one
 * worker when the first job starts (never before: print view and the speaker view's previews start none), gives
 * each job an id, and routes the worker's messages back by id: of the frames that arrive between two animation
 * frames it keeps the newest per job and hands it over at the next one, and an error that crossed as data is rethrown
 * as an `Error` to that job's listener. It also watches the worker: a crash (`error`, `messageerror`) or a hang (no
 * `pong` within `hangMs` to the pings sent while jobs run) terminates it and tells every live job; the next start
 * creates a fresh worker. About 250 lines, one idea: the bookkeeping of jobs and the watch share one worker's life.
 */
import type {Value} from "../../engine/options/schema.ts";
import type {Frame} from "../../engine/tasks/task.ts";
import type {Request, Response} from "../../engine/worker/protocol.ts";
import type {EngineClient, EngineStats, JobHandle, JobListener} from "./engine.ts";
import type {TaskRequest} from "./spec.ts";

/** What the client needs of a worker: a module `Worker` in the browser, a fake in the tests. */
export interface WorkerPort {
  postMessage(message: Request): void;
  onmessage: ((event: {data: Response}) => void) | null;
  onerror: ((event: {message?: string}) => void) | null;
  onmessageerror: ((event: unknown) => void) | null;
  terminate(): void;
}

export interface EngineClientOptions {
  /** Creates a worker (called for the first job, and again for the first job after a crash). */
  create(): WorkerPort;
  /** Calls back at the next animation frame. @defaultValue requestAnimationFrame */
  schedule?: (callback: () => void) => void;
  /** A worker that answers no ping for this long while jobs run is taken as hung. @defaultValue 4000 */
  hangMs?: number;
  /** Milliseconds between two pings while jobs run. @defaultValue 1000 */
  pingMs?: number;
  /** The clock. @defaultValue performance.now */
  now?: () => number;
}

/** What every live job hears when the worker crashed. */
export const CRASHED = "the engine worker crashed; press reset to start again";
/** What every live job hears when the worker stopped answering. */
export const HUNG = "the engine worker stopped responding; press reset to start again";
/** What every live job hears on `restart()` without a reason. */
export const RESTARTED = "the engine worker was restarted; press reset to start again";

interface Live {
  readonly id: number;
  readonly listener: JobListener;
  paused: boolean;
  ended: boolean;
  /** The newest frame not yet handed over, and whether the job is done after it. */
  frame?: Frame;
  done: boolean;
}

/** The engine client over workers made by `create`: see the comment at the top of this file. */
export function engineClient(options: EngineClientOptions): EngineClient {
  const {create, hangMs = 4000, pingMs = 1000, now = () => performance.now()} = options;
  const schedule = options.schedule ?? nextAnimationFrame;
  const jobs = new Map<number, Live>();
  const counts = {workers: 0, messages: 0, lastMessageAt: 0};
  let worker: WorkerPort | undefined;
  let nextId = 1;
  let flushing = false;
  // The watch of the current worker: whether it has said anything yet, when it last did, the unanswered ping.
  let heardAt: number | undefined;
  let ping: {id: number; sentAt: number} | undefined;
  let watchTimer: ReturnType<typeof setInterval> | undefined;
  let checkedAt = 0;

  function current(): WorkerPort {
    if (worker) return worker;
    const w = create();
    counts.workers++;
    w.onmessage = (event) => worker === w && receive(event.data);
    w.onerror = (event) => worker === w && restart(CRASHED, event?.message);
    w.onmessageerror = () => worker === w && restart(CRASHED, "a message could not be read");
    worker = w;
    heardAt = undefined;
    ping = undefined;
    return w;
  }

  function receive(message: Response): void {
    counts.messages++;
    counts.lastMessageAt = heardAt = now();
    if (message.type === "ready") return;
    if (message.type === "pong") {
      if (ping?.id === message.id) ping = undefined;
      return;
    }
    const job = jobs.get(message.id);
    if (!job) return; // cancelled meanwhile
    if (message.type === "error") {
      end(job);
      return call(() => job.listener.error(rethrown(message.error)));
    }
    if (message.type === "frame") job.frame = message.frame;
    else job.done = true;
    if (!flushing) {
      flushing = true;
      schedule(flush);
    }
  }

  function flush(): void {
    flushing = false;
    for (const job of [...jobs.values()]) {
      const frame = job.frame;
      job.frame = undefined;
      if (frame && !job.ended) call(() => job.listener.frame(frame));
      if (job.done && !job.ended) {
        end(job);
        call(() => job.listener.done?.());
      }
    }
  }

  function end(job: Live): void {
    job.ended = true;
    jobs.delete(job.id);
    watch();
  }

  /** Pings while some job runs; stops when none does (paused jobs cost the worker nothing, nor the page). */
  function watch(): void {
    const running = [...jobs.values()].some((job) => !job.paused);
    if (running && watchTimer === undefined) {
      checkedAt = now();
      watchTimer = setInterval(check, pingMs);
    }
    if (!running && watchTimer !== undefined) {
      clearInterval(watchTimer);
      watchTimer = undefined;
      ping = undefined;
    }
  }

  function check(): void {
    if (!worker) return;
    const t = now();
    const late = t - checkedAt > hangMs;
    checkedAt = t;
    if (!ping || late) {
      // A late check means the page itself was stopped (a laptop asleep, a throttled tab): ask again, judge later.
      ping = {id: nextId++, sentAt: t};
      worker.postMessage({type: "ping", id: ping.id});
    } else if (heardAt !== undefined && t - ping.sentAt >= hangMs && t - heardAt >= hangMs) {
      // A worker still loading its script has said nothing yet: its failure to load is an `error` event instead.
      restart(HUNG);
    }
  }

  function restart(reason = RESTARTED, detail?: string): void {
    const w = worker;
    worker = undefined;
    w?.terminate();
    const live = [...jobs.values()];
    for (const job of live) end(job);
    const cause = detail ? new Error(detail) : undefined;
    for (const job of live) call(() => job.listener.error(new Error(reason, {cause})));
  }

  function start(request: TaskRequest, listener: JobListener): JobHandle {
    const job: Live = {id: nextId++, listener, paused: false, ended: false, done: false};
    let w: WorkerPort;
    try {
      w = current();
    } catch (error) {
      job.ended = true;
      queueMicrotask(() => call(() => listener.error(new Error(`cannot start the engine worker: ${message(error)}`))));
      return handle(job);
    }
    jobs.set(job.id, job);
    w.postMessage({type: "start", id: job.id, task: request.task, options: request.options});
    watch();
    return handle(job);
  }

  function handle(job: Live): JobHandle {
    const send = (request: Request) => worker?.postMessage(request);
    const setPaused = (paused: boolean) => {
      if (job.ended || job.paused === paused) return;
      job.paused = paused;
      send({type: paused ? "pause" : "resume", id: job.id});
      watch();
    };
    return {
      pause: () => setPaused(true),
      resume: () => setPaused(false),
      step: () => void (!job.ended && job.paused && send({type: "step", id: job.id})),
      command: (message: Record<string, Value>) => void (!job.ended && send({type: "command", id: job.id, message})),
      cancel() {
        if (job.ended) return;
        end(job);
        send({type: "cancel", id: job.id});
      }
    };
  }

  function stats(): EngineStats {
    let paused = 0;
    for (const job of jobs.values()) if (job.paused) paused++;
    return {...counts, jobs: jobs.size, paused};
  }

  return {start, stats, restart: (reason?: string) => restart(reason)};
}

let shared: EngineClient | undefined;

/**
 * The page's one engine client, made on first call; its worker is made on the first `start`. Also exposed as
 * `globalThis.flowdeckEngine` for the end-to-end walk (`flowdeckEngine.stats()`, `flowdeckEngine.restart()`).
 */
export function sharedEngine(): EngineClient {
  if (!shared) {
    shared = engineClient({
      create: () =>
        new Worker(new URL("../../engine/worker/entry.ts", import.meta.url), {type: "module"}) as unknown as WorkerPort
    });
    (globalThis as {flowdeckEngine?: EngineClient}).flowdeckEngine = shared;
  }
  return shared;
}

/** An error that crossed the boundary as data, as an `Error` with its name and message. */
function rethrown(data: {name: string; message: string}): Error {
  const error = new Error(data.message);
  error.name = data.name;
  return error;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Calls a listener; a throw in one demo's listener is reported and never breaks the others. */
function call(f: () => void): void {
  try {
    f();
  } catch (error) {
    if (typeof reportError === "function") reportError(error);
    else console.error(error);
  }
}

function nextAnimationFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}

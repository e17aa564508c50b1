import type {Kernels} from "../../../engine/kernels/index.ts";
import {integer} from "../../../engine/options/schema.ts";
import type {EngineTask} from "../../../engine/tasks/task.ts";
import {engineHost, type HostOptions, type HostPort} from "../../../engine/worker/host.ts";
import type {Request, Response} from "../../../engine/worker/protocol.ts";

/** What the test tasks did, for the tests to read. */
export interface TaskLog {
  disposed: number;
  /** Every frame's array as the job kept it (detached after a transfer). */
  kept: Float64Array[];
  /** Called at the start of every slice (e.g. to move a fake clock). */
  onRun?: () => void;
}

/**
 * Test tasks. `counter` counts one per slice (by `add`, set by a command) and is done after `limit` slices; it
 * throws at `failAt`. `views` hands over one array that owns its buffer and one that is a view into a larger one.
 * `broken` throws in start; `mute` takes no commands; `paced` has nothing to do for `idle` ms after each slice.
 */
export function testTasks(log: TaskLog): Record<string, EngineTask> {
  const counter: EngineTask = {
    name: "counter",
    options: {
      limit: integer(1e9, "slices before done", {min: 1}),
      failAt: integer(0, "the count at which run throws (0: never)", {min: 0})
    },
    start({limit, failAt}) {
      let count = 0;
      let add = 1;
      return {
        run() {
          log.onRun?.();
          count += add;
          if (count === failAt) throw new RangeError(`diverged at count ${count}`);
          const values = new Float64Array([count]);
          log.kept.push(values);
          return {frame: {count, values}, done: count >= (limit as number)};
        },
        command(message) {
          if (typeof message.add !== "number") throw new RangeError(`unknown command: ${Object.keys(message).join()}`);
          add = message.add;
        },
        dispose: () => void log.disposed++
      };
    }
  };
  const views: EngineTask = {
    name: "views",
    options: {},
    start() {
      const big = new Float64Array(8).fill(7);
      return {
        run() {
          const own = new Float64Array([1, 2, 3]);
          log.kept.push(own, big);
          return {frame: {own, part: big.subarray(2, 4), nested: {rows: [own]}}, done: true};
        }
      };
    }
  };
  const broken: EngineTask = {
    name: "broken",
    options: {},
    start() {
      throw new Error("cannot start: out of luck");
    }
  };
  const mute: EngineTask = {name: "mute", options: {}, start: () => ({run: () => ({frame: {}, done: false})})};
  // Paced: nothing to do for `idle` ms after each slice (counts its slices in log.kept's length).
  const paced: EngineTask = {
    name: "paced",
    options: {idle: integer(50, "ms of nothing to do after each slice", {min: 0})},
    start: ({idle}) => ({
      run() {
        log.kept.push(new Float64Array(0));
        return {done: false, idleMs: idle as number};
      }
    })
  };
  return {counter, views, broken, mute, paced};
}

/** A fake of the kernels: the tasks here use none. */
export const fakeKernels = async () => ({name: "reference"}) as Kernels;

/** Serves the test tasks on one end of a MessageChannel; the test talks to the other. */
export function connect(tasks: Record<string, EngineTask>, options: Partial<HostOptions> = {}) {
  const {port1, port2} = new MessageChannel();
  const port: HostPort = {postMessage: (m, transfer = []) => port1.postMessage(m, transfer), onmessage: null};
  port1.onmessage = (event: MessageEvent<Request>) => port.onmessage?.({data: event.data});
  const load = async (name: string) => {
    if (!Object.hasOwn(tasks, name)) throw new RangeError(`unknown task: ${name}`);
    return tasks[name]!;
  };
  const host = engineHost(port, {load, kernels: fakeKernels, ...options});
  const received: Response[] = [];
  port2.onmessage = (event: MessageEvent<Response>) => void received.push(event.data);
  return {
    received,
    send: (request: Request) => port2.postMessage(request),
    /** The messages about one job. */
    about: (id: number) => received.filter((m) => "id" in m && m.id === id && m.type !== "pong"),
    frames: (id: number) =>
      received.flatMap((m) => (m.type === "frame" && m.id === id ? [m.frame as {count: number}] : [])),
    /** Resolves when `ok()` holds (polled), rejects after `ms`. */
    until: (ok: () => boolean, ms = 5000) => until(ok, ms),
    /** Resolves when the host has answered a ping sent now: every request sent before it was handled. */
    async barrier() {
      const id = 1e6 + barriers++;
      port2.postMessage({type: "ping", id});
      await until(() => received.some((m) => m.type === "pong" && m.id === id), 5000);
    },
    close() {
      host.close();
      port1.close();
      port2.close();
    }
  };
}

let barriers = 0;

export async function until(ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(2);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

import type {WorkerPort} from "../../../demos/runtime/engine-client.ts";
import type {JobListener} from "../../../demos/runtime/engine.ts";
import type {Frame} from "../../../engine/tasks/task.ts";
import {engineHost, type HostOptions, type HostPort} from "../../../engine/worker/host.ts";
import type {Request, Response} from "../../../engine/worker/protocol.ts";
import {fakeKernels, testTasks, type TaskLog} from "../../engine/worker/fakes.ts";

/** A worker in-process: the real host on one end of a MessageChannel, with a crash and a hang to order. */
export interface FakeWorker extends WorkerPort {
  terminated: boolean;
  /** Fires the worker's `error` event, as an uncaught throw in a real worker does. */
  crash(message: string): void;
  /** From now on the worker neither reads nor posts anything, as one stuck in an endless loop. */
  hang(): void;
}

/** Makes fake workers serving the test tasks (engine/worker fakes); `made` lists every one made. */
export function fakeWorkers(options: Partial<HostOptions> = {}) {
  const log: TaskLog = {disposed: 0, kept: []};
  const tasks = testTasks(log);
  const made: FakeWorker[] = [];
  const create = (): FakeWorker => {
    const {port1, port2} = new MessageChannel();
    const port: HostPort = {postMessage: (m, transfer = []) => port1.postMessage(m, transfer), onmessage: null};
    port1.onmessage = (event: MessageEvent<Request>) => !hung && port.onmessage?.({data: event.data});
    const load = async (name: string) => {
      if (!Object.hasOwn(tasks, name)) throw new RangeError(`unknown task: ${name}`);
      return tasks[name]!;
    };
    const host = engineHost(port, {load, kernels: fakeKernels, framesPerSecond: 1e9, ...options});
    let hung = false;
    const worker: FakeWorker = {
      terminated: false,
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      postMessage: (message: Request) => port2.postMessage(message),
      terminate() {
        worker.terminated = true;
        host.close();
        port1.close();
        port2.close();
      },
      crash: (message) => worker.onerror?.({message}),
      hang: () => void (hung = true)
    };
    port2.onmessage = (event: MessageEvent<Response>) => !hung && worker.onmessage?.({data: event.data});
    made.push(worker);
    return worker;
  };
  return {create, made, log};
}

/** A listener that records what it hears. */
export function recorder() {
  const heard: {frames: Frame[]; done: number; errors: Error[]} = {frames: [], done: 0, errors: []};
  const listener: JobListener = {
    frame: (frame) => void heard.frames.push(frame),
    done: () => void heard.done++,
    error: (error) => void heard.errors.push(error)
  };
  return {heard, listener, counts: () => heard.frames.map((f) => (f as {count: number}).count)};
}

/** Animation frames run by the test: `schedule` queues, `run` calls what is queued. */
export function manualFrames() {
  const queue: (() => void)[] = [];
  return {
    schedule: (callback: () => void) => void queue.push(callback),
    pending: () => queue.length,
    run() {
      for (const callback of queue.splice(0)) callback();
    }
  };
}

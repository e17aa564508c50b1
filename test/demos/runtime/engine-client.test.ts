import {afterEach, describe, expect, it} from "vitest";
import {CRASHED, engineClient, HUNG, RESTARTED, sharedEngine} from "../../../demos/runtime/engine-client.ts";
import type {EngineClient} from "../../../demos/runtime/engine.ts";
import {sleep, until} from "../../engine/worker/fakes.ts";
import {fakeWorkers, manualFrames, recorder} from "./engine-fakes.ts";

let clients: EngineClient[] = [];
afterEach(() => {
  for (const c of clients) c.restart();
  clients = [];
});

function setup(options: {hangMs?: number; pingMs?: number} = {}) {
  const workers = fakeWorkers();
  const frames = manualFrames();
  const client = engineClient({create: workers.create, schedule: frames.schedule, ...options});
  clients.push(client);
  /** Runs animation frames until `ok()`. */
  const animate = (ok: () => boolean) =>
    until(() => {
      frames.run();
      return ok();
    }, 5000);
  return {workers, frames, client, animate};
}

describe("engineClient", () => {
  it("creates no worker before the first start", async () => {
    const {workers, client} = setup();
    expect(client.stats()).toEqual({workers: 0, messages: 0, lastMessageAt: 0, jobs: 0, paused: 0});
    client.start({task: "counter", options: {limit: 1}}, recorder().listener);
    expect(workers.made.length).toBe(1);
    expect(client.stats().workers).toBe(1);
  });

  it("makes the page's shared client lazily, exposes it, and makes no worker for it", () => {
    const engine = sharedEngine();
    expect(sharedEngine()).toBe(engine);
    expect((globalThis as {flowdeckEngine?: EngineClient}).flowdeckEngine).toBe(engine);
    expect(engine.stats().workers).toBe(0);
  });

  it("routes the frames of two jobs by id and ends each with done after its last frame", async () => {
    const {client, animate} = setup();
    const a = recorder();
    const b = recorder();
    client.start({task: "counter", options: {limit: 3}}, a.listener);
    client.start({task: "counter", options: {limit: 5}}, b.listener);
    expect(client.stats().jobs).toBe(2);
    await animate(() => a.heard.done === 1 && b.heard.done === 1);
    expect(a.counts().at(-1)).toBe(3);
    expect(b.counts().at(-1)).toBe(5);
    expect(client.stats()).toMatchObject({jobs: 0, paused: 0});
    expect(client.stats().messages).toBeGreaterThanOrEqual(1 + 3 + 5); // ready, at least one frame each, done each
  });

  it("hands over only the newest frame of a job at each animation frame", async () => {
    const {client, frames} = setup();
    const a = recorder();
    client.start({task: "counter", options: {limit: 40}}, a.listener);
    await until(() => client.stats().messages >= 1 + 40 + 1, 5000);
    expect(frames.pending()).toBe(1);
    frames.run();
    expect(a.counts()).toEqual([40]);
    expect(a.heard.done).toBe(1);
  });

  it("rethrows a task's error as an Error with its name and message", async () => {
    const {client, animate} = setup();
    const a = recorder();
    client.start({task: "counter", options: {failAt: 2}}, a.listener);
    await animate(() => a.heard.errors.length === 1);
    const [error] = a.heard.errors;
    expect(error).toBeInstanceOf(Error);
    expect(error!.name).toBe("RangeError");
    expect(error!.message).toBe("diverged at count 2");
    expect(client.stats().jobs).toBe(0);
  });

  it.each([
    [{task: "counter", options: {limit: -1}}, "invalid limit: -1 (an integer ≥ 1)"],
    [{task: "nope", options: {}}, "unknown task: nope"]
  ])("rethrows the worker's refusal of %j", async (request, message) => {
    const {client, animate} = setup();
    const a = recorder();
    client.start(request, a.listener);
    await animate(() => a.heard.errors.length === 1);
    expect(a.heard.errors[0]!.message).toBe(message);
  });

  it("says nothing more to a cancelled job, even of frames that already came", async () => {
    const {client, frames, animate} = setup();
    const a = recorder();
    const job = client.start({task: "counter", options: {}}, a.listener);
    await animate(() => a.heard.frames.length > 0);
    await until(() => frames.pending() > 0, 5000);
    job.cancel();
    job.cancel();
    expect(client.stats().jobs).toBe(0);
    await sleep(30);
    frames.run();
    expect(a.heard.frames.length).toBe(1);
    expect(a.heard.errors).toEqual([]);
  });

  it("pauses, steps one slice at a time and resumes a job", async () => {
    const {client, frames, animate} = setup();
    const a = recorder();
    const job = client.start({task: "counter", options: {}}, a.listener);
    job.pause();
    expect(client.stats()).toMatchObject({jobs: 1, paused: 1});
    await sleep(30);
    frames.run();
    expect(a.heard.frames).toEqual([]);
    job.step();
    await animate(() => a.heard.frames.length === 1);
    job.step();
    await animate(() => a.heard.frames.length === 2);
    await sleep(30);
    frames.run();
    expect(a.counts()).toEqual([1, 2]);
    job.resume();
    job.step(); // ignored while running
    expect(client.stats().paused).toBe(0);
    await animate(() => (a.counts().at(-1) ?? 0) > 10);
  });

  it("passes commands to the job", async () => {
    const {client, animate} = setup();
    const a = recorder();
    const job = client.start({task: "counter", options: {}}, a.listener);
    job.pause();
    job.command({add: 100});
    job.step();
    await animate(() => a.heard.frames.length === 1);
    expect(a.counts()).toEqual([100]);
  });

  it("replaces a crashed worker: live jobs hear it, and a new job runs on a fresh worker", async () => {
    const {client, workers, animate} = setup();
    const a = recorder();
    const b = recorder();
    client.start({task: "counter", options: {}}, a.listener);
    client.start({task: "counter", options: {}}, b.listener);
    await animate(() => a.heard.frames.length > 0);
    workers.made[0]!.crash("out of memory");
    expect(workers.made[0]!.terminated).toBe(true);
    expect(a.heard.errors.map((e) => e.message)).toEqual([CRASHED]);
    expect(b.heard.errors.map((e) => e.message)).toEqual([CRASHED]);
    expect((a.heard.errors[0]!.cause as Error).message).toBe("out of memory");
    expect(client.stats()).toMatchObject({workers: 1, jobs: 0});
    const c = recorder();
    client.start({task: "counter", options: {limit: 4}}, c.listener);
    await animate(() => c.heard.done === 1);
    expect(c.counts().at(-1)).toBe(4);
    expect(client.stats().workers).toBe(2);
    expect(a.heard.errors.length).toBe(1);
  });

  it("replaces a worker that stops answering pings", async () => {
    const {client, workers, animate} = setup({hangMs: 300, pingMs: 20});
    const a = recorder();
    client.start({task: "counter", options: {}}, a.listener);
    await animate(() => a.heard.frames.length > 0);
    await sleep(500); // a healthy worker is never taken for a hung one
    expect(a.heard.errors).toEqual([]);
    workers.made[0]!.hang();
    await until(() => a.heard.errors.length === 1, 5000);
    expect(a.heard.errors[0]!.message).toBe(HUNG);
    expect(workers.made[0]!.terminated).toBe(true);
    const b = recorder();
    client.start({task: "counter", options: {limit: 2}}, b.listener);
    await animate(() => b.heard.done === 1);
    expect(client.stats().workers).toBe(2);
  });

  it("does not take a page that was asleep for a hung worker, but still finds a hung one", async () => {
    const clock = {offset: 0};
    const workers = fakeWorkers();
    const frames = manualFrames();
    const now = () => performance.now() + clock.offset;
    const client = engineClient({create: workers.create, schedule: frames.schedule, hangMs: 300, pingMs: 20, now});
    clients.push(client);
    const a = recorder();
    client.start({task: "counter", options: {}}, a.listener);
    await until(() => client.stats().messages > 2, 5000);
    workers.made[0]!.hang();
    await sleep(60); // a ping is now waiting for its answer
    clock.offset += 60_000; // the laptop slept a minute
    await sleep(100);
    expect(a.heard.errors).toEqual([]);
    await until(() => a.heard.errors.length === 1, 5000);
    expect(a.heard.errors[0]!.message).toBe(HUNG);
  });

  it("does not ping while every job is paused", async () => {
    const {client, workers} = setup({hangMs: 60, pingMs: 10});
    const a = recorder();
    const job = client.start({task: "counter", options: {}}, a.listener);
    job.pause();
    await until(() => client.stats().messages > 0, 5000);
    workers.made[0]!.hang();
    await sleep(150);
    expect(a.heard.errors).toEqual([]);
    expect(workers.made[0]!.terminated).toBe(false);
  });

  it("restarts on demand: every live job hears why", async () => {
    const {client, workers} = setup();
    const a = recorder();
    client.start({task: "counter", options: {}}, a.listener);
    client.restart();
    expect(a.heard.errors.map((e) => e.message)).toEqual([RESTARTED]);
    expect(workers.made[0]!.terminated).toBe(true);
    client.restart("reset all");
    expect(a.heard.errors.length).toBe(1);
  });

  it("tells the job when no worker can be made", async () => {
    const client = engineClient({
      create() {
        throw new Error("workers are blocked");
      }
    });
    const a = recorder();
    const job = client.start({task: "counter", options: {}}, a.listener);
    job.pause();
    await sleep(0);
    expect(a.heard.errors.map((e) => e.message)).toEqual(["cannot start the engine worker: workers are blocked"]);
    expect(client.stats().jobs).toBe(0);
  });

  it("keeps serving the other jobs when one listener throws", async () => {
    const {client, animate} = setup();
    const reported: unknown[] = [];
    const original = globalThis.reportError;
    globalThis.reportError = (error: unknown) => void reported.push(error);
    try {
      const b = recorder();
      client.start(
        {task: "counter", options: {limit: 2}},
        {
          ...recorder().listener,
          frame: () => {
            throw new Error("bad paint");
          }
        }
      );
      client.start({task: "counter", options: {limit: 2}}, b.listener);
      await animate(() => b.heard.done === 1);
      expect(reported.length).toBeGreaterThan(0);
    } finally {
      globalThis.reportError = original;
    }
  });
});

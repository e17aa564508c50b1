import {afterEach, describe, expect, it} from "vitest";
import {loadTask} from "../../../engine/tasks/index.ts";
import {engineHost, type HostPort} from "../../../engine/worker/host.ts";
import type {Response} from "../../../engine/worker/protocol.ts";
import {connect, fakeKernels, sleep, testTasks, until, type TaskLog} from "./fakes.ts";

let log: TaskLog;
let open: ReturnType<typeof connect>[] = [];

function host(options: Parameters<typeof connect>[1] = {}) {
  log = {disposed: 0, kept: []};
  const h = connect(testTasks(log), options);
  open.push(h);
  return h;
}

afterEach(() => {
  for (const h of open) h.close();
  open = [];
});

describe("engineHost", () => {
  it("says which kernels it has", async () => {
    const h = host();
    await h.until(() => h.received.some((m) => m.type === "ready"));
    expect(h.received[0]).toEqual({type: "ready", kernels: "reference"});
  });

  it("routes the frames of two jobs at once by their ids, and ends each with done", async () => {
    const h = host({framesPerSecond: 1e9});
    h.send({type: "start", id: 1, task: "counter", options: {limit: 30}});
    h.send({type: "start", id: 2, task: "counter", options: {limit: 20}});
    await h.until(() => h.about(1).at(-1)?.type === "done" && h.about(2).at(-1)?.type === "done");
    expect(h.frames(1).map((f) => f.count)).toEqual(Array.from({length: 30}, (_, i) => i + 1));
    expect(h.frames(2).map((f) => f.count)).toEqual(Array.from({length: 20}, (_, i) => i + 1));
    // Round robin: the two jobs take turns rather than one running to its end first.
    const order = h.received.flatMap((m) => (m.type === "frame" ? [m.id] : []));
    expect(order.slice(0, 6)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(log.disposed).toBe(2);
  });

  it("posts at most framesPerSecond frames per job, the newest, and the last one at once", async () => {
    const clock = {t: 0};
    const h = host({framesPerSecond: 20, now: () => clock.t});
    log.onRun = () => void (clock.t += 10); // a slice every 10 ms: a frame every 5 slices
    h.send({type: "start", id: 1, task: "counter", options: {limit: 23}});
    await h.until(() => h.about(1).at(-1)?.type === "done");
    expect(h.frames(1).map((f) => f.count)).toEqual([1, 6, 11, 16, 21, 23]);
  });

  it("sleeps while a job has nothing to do, and wakes at once for another job", async () => {
    const h = host();
    h.send({type: "start", id: 1, task: "paced", options: {idle: 50}});
    await sleep(260);
    // About one slice per 50 ms (a job that spun would run thousands of slices in that time).
    expect(log.kept.length).toBeGreaterThanOrEqual(2);
    expect(log.kept.length).toBeLessThanOrEqual(8);
    h.send({type: "start", id: 2, task: "counter", options: {limit: 3}});
    await h.until(() => h.about(2).at(-1)?.type === "done");
  });

  it("transfers buffers that a typed array covers whole and copies views into larger buffers", async () => {
    const h = host();
    h.send({type: "start", id: 1, task: "views", options: {}});
    await h.until(() => h.about(1).at(-1)?.type === "done");
    const frame = h.frames(1)[0] as unknown as {own: Float64Array; part: Float64Array; nested: {rows: Float64Array[]}};
    expect([...frame.own]).toEqual([1, 2, 3]);
    expect([...frame.nested.rows[0]!]).toEqual([1, 2, 3]);
    expect([...frame.part]).toEqual([7, 7]);
    const [own, big] = log.kept;
    expect(own!.byteLength).toBe(0); // detached: it went to the page
    expect(big!.length).toBe(8); // still the job's
  });

  it("copies every array when a buffer cannot be detached (WebAssembly memory in a browser)", async () => {
    const posted: {message: Response; transfer: ArrayBuffer[]}[] = [];
    const port: HostPort = {
      onmessage: null,
      postMessage(message: Response, transfer: ArrayBuffer[] = []) {
        if (message.type === "frame" && (message.frame.own as Float64Array).buffer === log.kept[0]!.buffer)
          throw new DOMException("an ArrayBuffer is non-detachable", "DataCloneError");
        posted.push({message, transfer});
      }
    };
    log = {disposed: 0, kept: []};
    const tasks = testTasks(log);
    const h = engineHost(port, {load: async (name) => tasks[name]!, kernels: fakeKernels});
    port.onmessage!({data: {type: "start", id: 1, task: "views", options: {}}});
    await until(() => posted.some((p) => p.message.type === "done"), 5000);
    h.close();
    const frame = posted.find((p) => p.message.type === "frame")!;
    const own = (frame.message as {frame: Record<string, unknown>}).frame.own as Float64Array;
    expect([...own]).toEqual([1, 2, 3]);
    expect(own.buffer).not.toBe(log.kept[0]!.buffer);
    expect(frame.transfer).toContain(own.buffer);
  });

  it("stops a cancelled job: no more frames, and it is disposed", async () => {
    const h = host({framesPerSecond: 1e9});
    h.send({type: "start", id: 1, task: "counter", options: {}});
    await h.until(() => h.frames(1).length > 3);
    h.send({type: "cancel", id: 1});
    await h.barrier();
    const seen = h.about(1).length;
    await sleep(40);
    expect(h.about(1).length).toBe(seen);
    expect(log.disposed).toBe(1);
  });

  it("pauses a job (no frames, no slices) and resumes it", async () => {
    const h = host({framesPerSecond: 1e9});
    let slices = 0;
    h.send({type: "start", id: 1, task: "counter", options: {}});
    await h.until(() => h.frames(1).length > 3);
    h.send({type: "pause", id: 1});
    await h.barrier();
    log.onRun = () => void slices++;
    const seen = h.frames(1).length;
    await sleep(40);
    expect(h.frames(1).length).toBe(seen);
    expect(slices).toBe(0);
    h.send({type: "resume", id: 1});
    await h.until(() => h.frames(1).length > seen + 3);
    const counts = h.frames(1).map((f) => f.count);
    expect(counts).toEqual(counts.map((_, i) => i + 1)); // nothing lost or repeated across the pause
  });

  it("posts the frame held back by the frame rate when a job is paused", async () => {
    const clock = {t: 0};
    const h = host({framesPerSecond: 1, now: () => clock.t});
    h.send({type: "start", id: 1, task: "counter", options: {}});
    await h.until(() => h.frames(1).length === 1);
    await sleep(10);
    h.send({type: "pause", id: 1});
    await h.until(() => h.frames(1).length === 2);
    expect(h.frames(1)[1]!.count).toBeGreaterThan(1);
  });

  it("runs exactly one slice and posts its frame at once for a step while paused", async () => {
    const clock = {t: 0};
    const h = host({framesPerSecond: 1, now: () => clock.t}); // the rate would hold any frame back
    h.send({type: "start", id: 1, task: "counter", options: {}});
    h.send({type: "pause", id: 1});
    await h.barrier();
    await sleep(20);
    expect(h.frames(1)).toEqual([]);
    h.send({type: "step", id: 1});
    await h.until(() => h.frames(1).length === 1);
    await sleep(30);
    expect(h.frames(1).map((f) => f.count)).toEqual([1]);
    h.send({type: "step", id: 1});
    h.send({type: "step", id: 1});
    await h.until(() => h.frames(1).length === 3);
    await sleep(30);
    expect(h.frames(1).map((f) => f.count)).toEqual([1, 2, 3]);
  });

  it("passes commands to the job, also ones sent before it started", async () => {
    const h = host({framesPerSecond: 1e9});
    h.send({type: "start", id: 1, task: "counter", options: {}});
    h.send({type: "pause", id: 1});
    h.send({type: "command", id: 1, message: {add: 10}});
    h.send({type: "step", id: 1});
    await h.until(() => h.frames(1).length === 1);
    expect(h.frames(1)[0]!.count).toBe(10);
  });

  it("sends an error as data and drops the job when run throws", async () => {
    const h = host({framesPerSecond: 1e9});
    h.send({type: "start", id: 1, task: "counter", options: {failAt: 3}});
    await h.until(() => h.about(1).at(-1)?.type === "error");
    await sleep(20);
    expect(h.about(1)).toEqual([
      {type: "frame", id: 1, frame: expect.objectContaining({count: 1})},
      {type: "frame", id: 1, frame: expect.objectContaining({count: 2})},
      {type: "error", id: 1, error: {name: "RangeError", message: "diverged at count 3"}}
    ]);
    expect(log.disposed).toBe(1);
  });

  it.each([
    ["a bad option", "counter", {limit: "abc"}, 'invalid limit: "abc" (an integer ≥ 1)'],
    ["an unknown option", "counter", {sede: 1}, "unknown option: sede"],
    ["an unknown task", "nope", {}, "unknown task: nope"],
    ["a throw in start", "broken", {}, "cannot start: out of luck"]
  ])("answers %s with an error naming it", async (_, task, options, message) => {
    const h = host();
    h.send({type: "start", id: 7, task, options} as never);
    await h.until(() => h.about(7).length > 0);
    expect(h.about(7)).toEqual([{type: "error", id: 7, error: {name: expect.any(String), message}}]);
  });

  it("fails a job on a bad command, or on a command to a task that takes none", async () => {
    const h = host();
    h.send({type: "start", id: 1, task: "counter", options: {}});
    h.send({type: "start", id: 2, task: "mute", options: {}});
    h.send({type: "command", id: 1, message: {jump: true}});
    h.send({type: "command", id: 2, message: {jump: true}});
    await h.until(() => h.about(1).at(-1)?.type === "error" && h.about(2).at(-1)?.type === "error");
    expect(h.about(1).at(-1)).toMatchObject({error: {message: "unknown command: jump"}});
    expect(h.about(2).at(-1)).toMatchObject({error: {message: "this task takes no commands"}});
  });

  it("answers pings while jobs run, and ignores requests about jobs that ended", async () => {
    const h = host();
    h.send({type: "start", id: 1, task: "counter", options: {}});
    await h.until(() => h.frames(1).length > 0);
    await h.barrier();
    h.send({type: "cancel", id: 1});
    h.send({type: "resume", id: 1});
    h.send({type: "step", id: 1});
    h.send({type: "command", id: 1, message: {add: 1}});
    h.send({type: "cancel", id: 99});
    await h.barrier();
    expect(h.received.filter((m) => m.type === "error")).toEqual([]);
  });

  it("never starts a job cancelled while its task loads, and starts one paused meanwhile paused", async () => {
    const tasks = testTasks((log = {disposed: 0, kept: []}));
    const load = async (name: string) => (await sleep(20), tasks[name]!);
    const h = connect(tasks, {load, framesPerSecond: 1e9});
    open.push(h);
    h.send({type: "start", id: 1, task: "counter", options: {}});
    h.send({type: "start", id: 2, task: "counter", options: {}});
    h.send({type: "cancel", id: 1});
    h.send({type: "pause", id: 2});
    h.send({type: "step", id: 2});
    await h.until(() => h.frames(2).length === 1);
    await sleep(30);
    expect(h.about(1)).toEqual([]);
    expect(h.frames(2).map((f) => f.count)).toEqual([1]);
    expect(log.disposed).toBe(0);
  });

  it("runs the registry's gaussian-samples task", async () => {
    const h = host({load: loadTask});
    h.send({type: "start", id: 1, task: "gaussian-samples", options: {n: 3, seed: 2}});
    await h.until(() => h.about(1).at(-1)?.type === "done");
    const frame = h.frames(1)[0] as unknown as {n: number; points: Float64Array};
    expect(frame.n).toBe(3);
    expect(frame.points).toBeInstanceOf(Float64Array);
    expect(frame.points.length).toBe(6);
    expect(h.about(1).map((m) => m.type)).toEqual(["frame", "done"]);
  });
});

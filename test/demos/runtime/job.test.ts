import {describe, expect, it, vi} from "vitest";
import {startJob} from "../../../demos/runtime/job.ts";
import {fakeEngine} from "./fakes.ts";

describe("startJob", () => {
  it("passes frames, done and errors on, and drops whatever arrives after cancel", () => {
    const fake = fakeEngine();
    const on = {frame: vi.fn(), done: vi.fn(), error: vi.fn()};
    const job = startJob(fake.client, {task: "t", options: {}}, on);
    const {listener} = fake.jobs[0]!;
    listener.frame({a: 1});
    expect(on.frame).toHaveBeenCalledWith({a: 1});
    job.pause();
    expect(fake.jobs[0]!.paused).toBe(true);
    job.step();
    expect(fake.jobs[0]!.steps).toBe(1);
    listener.done!();
    expect(job.done).toBe(true);
    job.cancel();
    expect(fake.jobs[0]!.cancelled).toBe(true);
    listener.frame({a: 2});
    listener.error(new Error("late"));
    expect(on.frame).toHaveBeenCalledTimes(1);
    expect(on.error).not.toHaveBeenCalled();
  });
});

import {describe, expect, it} from "vitest";
import {runUnits} from "../../../engine/tasks/units.ts";

describe("runUnits", () => {
  it("runUnits() runs at least one unit per slice, in order, and says when the queue is empty", () => {
    const ran: number[] = [];
    const queue = [0, 1, 2].map((k) => () => void ran.push(k));
    expect(runUnits(queue, 0)).toBe(false);
    expect(ran).toEqual([0]);
    expect(runUnits(queue, 1000)).toBe(true);
    expect(ran).toEqual([0, 1, 2]);
    expect(runUnits(queue, 1000)).toBe(true);
  });
});

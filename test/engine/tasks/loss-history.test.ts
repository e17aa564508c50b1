import {describe, expect, it} from "vitest";
import {lossHistory} from "../../../engine/tasks/loss-history.ts";

describe("lossHistory", () => {
  it("merges pairs and doubles its stride when full, keeping every point a mean over its steps", () => {
    const h = lossHistory(4);
    for (let k = 1; k <= 6; k++) h.add(k, 1);
    expect(h.stride).toBe(2);
    const {steps, loss} = h.snapshot();
    expect(Array.from(steps)).toEqual([2, 4, 6]);
    expect(Array.from(loss)).toEqual([1.5, 3.5, 5.5]);
    for (let k = 7; k <= 8; k++) h.add(k, 1);
    expect(h.stride).toBe(4);
    expect(Array.from(h.snapshot().loss)).toEqual([2.5, 6.5]);
  });

  it("accepts chunks up to the room left in the current point, and no more", () => {
    const h = lossHistory(4);
    for (let k = 0; k < 4; k++) h.add(1, 1);
    expect(h.room).toBe(2);
    h.add(3, 2);
    expect(h.length).toBe(3);
    expect(() => h.add(1, 3)).toThrow(RangeError);
    expect(() => lossHistory(3)).toThrow(/invalid capacity/);
  });
});

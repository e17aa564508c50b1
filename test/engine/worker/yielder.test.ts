import {describe, expect, it} from "vitest";
import {yielder} from "../../../engine/worker/yielder.ts";

describe("yielder", () => {
  it("lets timers run between two calls of a loop that never stops yielding", async () => {
    const loop = yielder();
    let turns = 0;
    let turnsWhenTimerRan = -1;
    await new Promise<void>((resolve) => {
      setTimeout(() => (turnsWhenTimerRan = turns), 2);
      const turn = () => {
        turns++;
        const end = performance.now() + 0.5; // a slice of work
        while (performance.now() < end);
        if (turnsWhenTimerRan >= 0 || turns > 5000) return resolve();
        loop.next(turn);
      };
      loop.next(turn);
    });
    loop.close();
    expect(turnsWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(turnsWhenTimerRan).toBeLessThan(100);
  });

  it("drops the pending call when closed", async () => {
    const loop = yielder();
    let called = false;
    loop.next(() => (called = true));
    loop.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(called).toBe(false);
  });
});

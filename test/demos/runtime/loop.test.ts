import {afterEach, describe, expect, it, vi} from "vitest";
import {animationLoop} from "../../../demos/runtime/loop.ts";

afterEach(() => vi.useRealTimers());

describe("animationLoop", () => {
  it("ticks while the tick says so, then stops; dt is in seconds and starts at 0", () => {
    vi.useFakeTimers({toFake: ["requestAnimationFrame", "cancelAnimationFrame", "performance"]});
    const dts: number[] = [];
    const loop = animationLoop((dt) => {
      dts.push(dt);
      return dts.length < 3;
    });
    loop.request();
    loop.request();
    expect(loop.active).toBe(true);
    vi.advanceTimersByTime(200);
    expect(dts).toHaveLength(3);
    expect(dts[0]).toBe(0);
    expect(dts[1]).toBeCloseTo(0.016, 2);
    expect(loop.active).toBe(false);
    loop.request();
    loop.stop();
    vi.advanceTimersByTime(100);
    expect(dts).toHaveLength(3);
  });
});

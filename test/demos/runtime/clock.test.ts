import {describe, expect, it} from "vitest";
import {playClock} from "../../../demos/runtime/clock.ts";

describe("playClock", () => {
  it("playClock() runs t to 1 in the given seconds, then stops", () => {
    const advance = playClock(4);
    expect(advance({t: 0}, 1)).toEqual({t: 0.25});
    expect(advance({t: 0.9}, 1)).toEqual({t: 1});
    expect(advance({t: 1}, 1)).toBeUndefined();
    expect(() => playClock(0)).toThrow(/invalid clock duration: 0 s/);
  });
});

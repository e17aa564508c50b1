import {describe, expect, it} from "vitest";
import {snakeKey, snakeKeys} from "../../../engine/cli/snake.ts";

describe("snakeKeys", () => {
  it("converts camelCase keys at every depth and leaves values alone", () => {
    expect(snakeKey("trainStepsPerSecond")).toBe("train_steps_per_second");
    expect(snakeKey("forward10kMs")).toBe("forward10k_ms");
    expect(snakeKey("w2_floor")).toBe("w2_floor");
    expect(snakeKeys({pathEnergy: 1, nested: [{maxError: "aB"}], "engine-wasm": {w2Squared: null}})).toEqual({
      path_energy: 1,
      nested: [{max_error: "aB"}],
      "engine-wasm": {w2_squared: null}
    });
  });
});

import {describe, expect, it} from "vitest";
import {dataset} from "../../../engine/data/registry.ts";
import {stratifiedCounts, stratifiedSample} from "../../../engine/data/stratified.ts";
import {rng} from "../../../engine/random.ts";

describe("stratifiedSample", () => {
  it("gives every component its share, largest remainders first", () => {
    expect(Array.from(stratifiedCounts(new Float64Array(8).fill(1 / 8), 1000))).toEqual(new Array(8).fill(125));
    expect(Array.from(stratifiedCounts(Float64Array.from([0.5, 0.3, 0.2]), 7))).toEqual([4, 2, 1]);
  });

  it("draws 1000 points of the 8 gaussians with 125 nearest each mode", () => {
    const d = dataset("8gaussians");
    const x = stratifiedSample(d, 1000, rng(1));
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 1000; i++) {
      const angle = Math.atan2(x[2 * i + 1]!, x[2 * i]!);
      counts[(Math.round(angle / (Math.PI / 4)) + 8) % 8]++;
    }
    for (const c of counts) expect(Math.abs(c - 125)).toBeLessThanOrEqual(3); // a few stray across the borders
  });

  it("falls back to the dataset's own draw when it is not a mixture", () => {
    const d = dataset("moons");
    expect(Array.from(stratifiedSample(d, 5, rng(4)))).toEqual(Array.from(d.sample(5, rng(4))));
  });
});

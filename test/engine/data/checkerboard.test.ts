import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {rng} from "../../../engine/random.ts";

describe("checkerboards", () => {
  it("FFJORD ×2: density exactly 1/32 on 8 squares of side 2 in [-4, 4]², sampled evenly", () => {
    const d = dataset("ffjord-checkerboard");
    const n = 32000;
    const x = d.sample(n, rng(1));
    const out = d.logDensity!(new Float64Array(n), x, n);
    const counts = new Map<string, number>();
    expect(out.every((v) => v === Math.log(1 / 32))).toBe(true);
    for (let i = 0; i < n; i++) {
      const key = `${Math.floor(x[2 * i]! / 2)},${Math.floor(x[2 * i + 1]! / 2)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(8);
    for (const [key, c] of counts) {
      const [a, b] = key.split(",").map(Number);
      expect((a! + b!) % 2 === 0, key).toBe(true);
      expect(Math.abs(c - n / 8)).toBeLessThan(5 * Math.sqrt((n / 8) * (7 / 8)));
    }
    assertInDelta(d.entropy!, Math.log(32), 1e-12, "H");
  });

  it("FFJORD ×2: zero density on the empty squares and outside", () => {
    const d = dataset("checkerboard");
    const pts = Float64Array.from([1, -1, -3, 3, 4.5, 0, 0.5, 0.5]);
    const out = d.logDensity!(new Float64Array(4), pts, 4);
    expect(Array.from(out)).toEqual([-Infinity, -Infinity, -Infinity, Math.log(1 / 32)]);
  });

  it("flow_matching ÷0.45: density 0.45²/8 = 0.0253, integrating to 1 on a grid", () => {
    const d = dataset("fm-checkerboard");
    assertInDelta(Math.exp(-d.entropy!), 0.0253125, 1e-12, "density");
    const h = 0.02;
    const side = Math.round(10 / h);
    const grid = new Float64Array(2 * side * side);
    for (let i = 0; i < side * side; i++) {
      grid[2 * i] = -5 + ((i % side) + 0.5) * h;
      grid[2 * i + 1] = -5 + (Math.floor(i / side) + 0.5) * h;
    }
    const out = d.logDensity!(new Float64Array(side * side), grid, side * side);
    assertInDelta(
      out.reduce((s, v) => s + Math.exp(v) * h * h, 0),
      1,
      0.01,
      "∫ p"
    );
    const x = d.sample(2000, rng(2));
    const onSupport = d.logDensity!(new Float64Array(2000), x, 2000);
    expect(onSupport.every((v) => v === Math.log(0.0253125))).toBe(true);
  });
});

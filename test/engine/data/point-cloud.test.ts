import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {pointCloud} from "../../../engine/data/point-cloud.ts";
import {rng} from "../../../engine/random.ts";

const points = [0, 0, 2, 1, -1, 3];

describe("pointCloud", () => {
  it("without jitter resamples the given points with replacement, equally often", () => {
    const d = pointCloud(points, {jitter: 0});
    const n = 30000;
    const x = d.sample(n, rng(1));
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const k = [0, 1, 2].find((j) => x[2 * i] === points[2 * j] && x[2 * i + 1] === points[2 * j + 1]);
      expect(k).toBeDefined();
      counts[k!]!++;
    }
    for (const c of counts) expect(Math.abs(c - n / 3)).toBeLessThan(5 * Math.sqrt((n * 2) / 9));
    expect(d.logDensity).toBeUndefined();
  });

  it("with jitter σ has the Gaussian-KDE density (integrates to 1) and per-axis spread σ around the points", () => {
    const d = pointCloud(points, {jitter: 0.2});
    const h = 0.02;
    const [x0, x1, y0, y1] = [-2.5, 3.5, -1.5, 4.5];
    const cols = Math.round((x1 - x0) / h);
    const rows = Math.round((y1 - y0) / h);
    const grid = new Float64Array(2 * cols * rows);
    for (let i = 0; i < cols * rows; i++) {
      grid[2 * i] = x0 + ((i % cols) + 0.5) * h;
      grid[2 * i + 1] = y0 + (Math.floor(i / cols) + 0.5) * h;
    }
    const out = d.logDensity!(new Float64Array(cols * rows), grid, cols * rows);
    assertInDelta(
      out.reduce((s, v) => s + Math.exp(v) * h * h, 0),
      1,
      1e-4,
      "∫ p"
    );
    const x = d.sample(20000, rng(2));
    let ss = 0;
    for (let i = 0; i < 20000; i++) {
      let best = Infinity;
      for (let j = 0; j < 3; j++)
        best = Math.min(best, (x[2 * i]! - points[2 * j]!) ** 2 + (x[2 * i + 1]! - points[2 * j + 1]!) ** 2);
      ss += best / 40000;
    }
    assertInDelta(Math.sqrt(ss), 0.2, 0.005, "jitter sd");
  });

  it("copies its input and rejects empty or odd-length point lists and bad jitter", () => {
    const p = Float64Array.from([1, 1]);
    const d = pointCloud(p, {jitter: 0});
    p[0] = 5;
    expect(d.sample(1, rng(1))[0]).toBe(1);
    expect(() => pointCloud([])).toThrow(/invalid points/);
    expect(() => pointCloud([1, 2, 3])).toThrow(/invalid points/);
    expect(() => pointCloud([1, 2], {jitter: -1})).toThrow(/invalid jitter/);
    expect(() => pointCloud([1, NaN])).toThrow(/invalid point coordinate/);
  });
});

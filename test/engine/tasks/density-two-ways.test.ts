import {describe, expect, it} from "vitest";
import {planeMap, planeMapNames, pushedLogDensity} from "../../../engine/flows/plane-maps.ts";
import {defaults} from "../../../engine/options/schema.ts";
import {
  binLinear,
  CHUNKS,
  DENSITY_EXTENT,
  densityTwoWays,
  densityTwoWaysFrame,
  densityTwoWaysJob,
  kdeFromCounts
} from "../../../engine/tasks/density-two-ways.ts";
import {rng} from "../../../engine/random.ts";
import {assertInDelta} from "../../assert.ts";

const base = defaults(densityTwoWays.options);

describe("density-two-ways", () => {
  for (const map of planeMapNames) {
    it(`${map}: the formula grid holds ≈ all the mass inside the extent`, () => {
      const f = densityTwoWaysFrame({...base, map, n: 100, grid: 96});
      expect(Math.abs(f.mass - 1)).toBeLessThan(0.01);
      // and it is the probability that f(z) lands inside, estimated from 40 000 pushed samples (within 4 σ)
      const m = planeMap(map, base.strength);
      const r = rng(11);
      let inside = 0;
      const N = 40_000;
      for (let i = 0; i < N; i++) {
        const [x, y] = m.map(r.normal(), r.normal());
        if (Math.abs(x) < 4 && Math.abs(y) < 4) inside++;
      }
      const p = inside / N;
      expect(Math.abs(f.mass - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N) + 2e-3);
    });

    it(`${map}: the KDE converges to the formula: the largest difference shrinks as n grows`, () => {
      const opts = {...base, map, bandwidth: 0.12, grid: 48};
      const small = densityTwoWaysFrame({...opts, n: 1000});
      const large = densityTwoWaysFrame({...opts, n: 100_000});
      expect(large.maxDifference).toBeLessThan(0.5 * small.maxDifference);
      const peak = Math.max(...large.formula);
      expect(large.maxDifference).toBeLessThan(0.15 * peak);
    });
  }

  it("each formula pixel is the engine's change of variables at its centre", () => {
    const f = densityTwoWaysFrame({...base, n: 100, grid: 16});
    const m = planeMap(base.map, base.strength);
    for (const [i, j] of [
      [0, 0],
      [7, 9],
      [15, 3]
    ] as const) {
      const x = -4 + ((i + 0.5) * 8) / 16;
      const y = -4 + ((j + 0.5) * 8) / 16;
      assertInDelta(f.formula[j * 16 + i]!, Math.exp(pushedLogDensity(m, x, y).logPx), 1e-15);
    }
  });

  it("the binned KDE equals the direct sum of Gaussian bumps when samples sit on pixel centres", () => {
    const grid = 16;
    const counts = new Float64Array(grid * grid);
    const points = [
      [-0.25, 0.25],
      [0.75, -1.25],
      [0.25, 0.25]
    ];
    for (const [x, y] of points) binLinear(counts, grid, x!, y!);
    const h = 0.6;
    const kde = kdeFromCounts(counts, grid, points.length, h);
    const [i, j] = [9, 6];
    const [cx, cy] = [-4 + (i + 0.5) * 0.5, -4 + (j + 0.5) * 0.5];
    let direct = 0;
    for (const [x, y] of points)
      direct += Math.exp(-((cx - x!) ** 2 + (cy - y!) ** 2) / (2 * h * h)) / (2 * Math.PI * h * h);
    assertInDelta(kde[j * grid + i]!, direct / points.length, 1e-12);
    expect(DENSITY_EXTENT).toEqual([-4, 4, -4, 4]);
  });

  it("streams CHUNKS frames with a growing count, then is done with all n samples", () => {
    const job = densityTwoWaysJob({...base, n: 4000, grid: 16});
    const counts: number[] = [];
    for (;;) {
      const slice = job.run(10);
      counts.push(slice.frame!.count);
      if (slice.done) break;
      expect(slice.idleMs).toBeGreaterThan(0);
    }
    expect(counts.length).toBe(CHUNKS);
    expect(counts.at(-1)).toBe(4000);
    for (let k = 1; k < counts.length; k++) expect(counts[k]!).toBeGreaterThan(counts[k - 1]!);
  });

  it("the same seed gives the same KDE", () => {
    const a = densityTwoWaysFrame({...base, n: 2000, grid: 16});
    const b = densityTwoWaysFrame({...base, n: 2000, grid: 16});
    expect(a.kde).toEqual(b.kde);
  });
});

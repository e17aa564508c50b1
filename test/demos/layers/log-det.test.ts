import {beforeAll, describe, expect, it} from "vitest";
import {logDetRaster} from "../../../demos/layers/log-det.ts";
import {loadTheme} from "../theme.ts";

type Marks = {data: {x: number; y: number; text?: string}[]}[];

/** An n × n grid over [−1, 1]² of f at the cell centres. */
function gridOf(n: number, f: (x: number, y: number) => number) {
  const values = new Float64Array(n * n);
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) values[iy * n + ix] = f(-1 + (2 * (ix + 0.5)) / n, -1 + (2 * (iy + 0.5)) / n);
  }
  return {nx: n, ny: n, extent: [-1, 1, -1, 1] as const, values};
}

beforeAll(() => loadTheme());

describe("logDetRaster", () => {
  it("splits log|det J| into a stretch tint, a squeeze tint and a fold mask", () => {
    const grid = {nx: 4, ny: 1, extent: [0, 4, 0, 1] as const, values: [Math.E, 1 / Math.E, 1, -2]};
    const marks = logDetRaster(grid, {limit: 1}) as unknown as {data: number[]}[];
    expect(marks).toHaveLength(5);
    expect(marks[0]!.data).toEqual([1, 0, 0, 0]);
    expect(marks[1]!.data).toEqual([0, 1, 0, 0]);
    expect(marks[2]!.data).toEqual([0, 0, 0, 1]);
    // One row: no zero line (and no label); "+" on the stretch, "−" on the squeeze, nothing on the kept cell or fold.
    expect((marks[4] as unknown as {data: {x: number; text: string}[]}).data).toEqual([
      {x: 0.5, y: 0.5, text: "+"},
      {x: 1.5, y: 0.5, text: "−"}
    ]);
  });

  it("follows det J = 1 of a map whose det J = exp(x + y/2 − 0.2), and skips folds", () => {
    const grid = gridOf(24, (x, y) => (x < -0.8 ? -1 : Math.exp(x + y / 2 - 0.2)));
    const marks = logDetRaster(grid) as unknown as Marks;
    const line = marks[3]!.data.filter((p) => Number.isFinite(p.x));
    expect(line.length).toBeGreaterThan(0);
    for (const p of line) expect(p.x + p.y / 2 - 0.2).toBeCloseTo(0, 12);
    const glyphs = marks[4]!.data;
    for (const g of glyphs) expect(g.text).toBe(g.x + g.y / 2 - 0.2 > 0 ? "+" : "−");
    expect(glyphs.every((g) => g.x > -0.8)).toBe(true);
    expect(marks[5]!.data).toHaveLength(1);
  });
});

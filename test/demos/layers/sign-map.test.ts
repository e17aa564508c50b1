import {beforeAll, describe, expect, it} from "vitest";
import {signMarks, zeroCrossings} from "../../../demos/layers/sign-map.ts";
import {loadTheme} from "../theme.ts";

beforeAll(() => loadTheme());

/** An n × n grid over [−1, 1]² of f at the cell centres. */
function gridOf(n: number, f: (x: number, y: number) => number) {
  const values = new Float64Array(n * n);
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) values[iy * n + ix] = f(-1 + (2 * (ix + 0.5)) / n, -1 + (2 * (iy + 0.5)) / n);
  }
  return {nx: n, ny: n, extent: [-1, 1, -1, 1] as const, values};
}

type Marks = {data: {x: number; y: number; text?: string}[]}[];

describe("zeroCrossings", () => {
  it("lies on the zero line of a linear field, across the whole grid", () => {
    const f = (x: number, y: number) => x - 0.3 + 0.5 * y;
    const s = zeroCrossings(gridOf(20, f));
    expect(s.length).toBeGreaterThan(0);
    for (let i = 0; i < s.length; i += 2) expect(f(s[i]!, s[i + 1]!)).toBeCloseTo(0, 12);
    // The line x = 0.3 − y/2 crosses every row of centres from y = −0.95 to 0.95.
    const ys = Array.from(s.filter((_, i) => i % 2 === 1));
    expect(Math.min(...ys)).toBeCloseTo(-0.95, 12);
    expect(Math.max(...ys)).toBeCloseTo(0.95, 12);
  });

  it("splits a saddle by its centre's mean", () => {
    // Corners a, c > 0 and b, d < 0: a positive centre joins a and c (cutting off b and d), a negative one parts them.
    const square = (a: number, b: number) => ({nx: 2, ny: 2, extent: [0, 2, 0, 2] as const, values: [a, b, b, a]});
    expect(Array.from(zeroCrossings(square(3, -1)))).toEqual([1.25, 0.5, 1.5, 0.75, 0.75, 1.5, 0.5, 1.25]);
    expect(Array.from(zeroCrossings(square(1, -3)))).toEqual([0.5, 0.75, 0.75, 0.5, 1.5, 1.25, 1.25, 1.5]);
  });

  it("draws a line through a column of exact zeros once", () => {
    const s = zeroCrossings(gridOf(21, (x) => x));
    expect(s.length).toBe(20 * 4);
    for (let i = 0; i < s.length; i += 2) expect(s[i]).toBeCloseTo(0, 12);
  });

  it("draws nothing through a patch that is zero up to rounding, or through non-finite corners", () => {
    const noise = gridOf(8, (x, y) => 1e-16 * Math.sin(37 * x + 11 * y));
    expect(zeroCrossings(noise, 1e-12)).toHaveLength(0);
    expect(zeroCrossings({nx: 2, ny: 2, extent: [0, 1, 0, 1], values: [1, NaN, -1, -1]})).toHaveLength(0);
  });

  it("rejects a bad tolerance or grid", () => {
    expect(() =>
      zeroCrossings(
        gridOf(4, (x) => x),
        -1
      )
    ).toThrow(/invalid tolerance: -1/);
    expect(() => zeroCrossings({nx: 3, ny: 2, extent: [0, 1, 0, 1], values: [1, 2]})).toThrow(RangeError);
  });
});

describe("signMarks", () => {
  it("puts + where the field is positive and − where it is negative, and labels the zero line", () => {
    const marks = signMarks(
      gridOf(21, (x) => x),
      {label: "div = 0", glyphs: 3}
    ) as unknown as Marks;
    const glyphs = marks[1]!.data;
    expect(glyphs.length).toBeGreaterThan(0);
    for (const g of glyphs) expect(g.text).toBe(g.x > 0 ? "+" : "−");
    expect(new Set(glyphs.map((g) => g.text))).toEqual(new Set(["+", "−"]));
    expect(marks[2]!.data[0]!.x).toBeCloseTo(0, 12);
  });

  it("rejects bad options", () => {
    expect(() =>
      signMarks(
        gridOf(4, (x) => x),
        {glyphs: 0}
      )
    ).toThrow(/invalid glyphs: 0/);
    expect(() => signMarks(gridOf(4, () => 0))).toThrow(/invalid glyphAt: 0/);
  });
});

import {beforeAll, describe, expect, it} from "vitest";
import {logDetRaster} from "../../../demos/layers/log-det.ts";
import {loadTheme} from "../theme.ts";

beforeAll(() => loadTheme());

describe("logDetRaster", () => {
  it("splits log|det J| into a stretch tint, a squeeze tint and a fold mask", () => {
    const grid = {nx: 4, ny: 1, extent: [0, 4, 0, 1] as const, values: [Math.E, 1 / Math.E, 1, -2]};
    const marks = logDetRaster(grid, {limit: 1}) as unknown as {data: number[]}[];
    expect(marks).toHaveLength(3);
    expect(marks[0]!.data).toEqual([1, 0, 0, 0]);
    expect(marks[1]!.data).toEqual([0, 1, 0, 0]);
    expect(marks[2]!.data).toEqual([0, 0, 0, 1]);
  });
});

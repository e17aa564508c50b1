import {describe, expect, it} from "vitest";
import {choice, integer, number} from "../../../engine/options/schema.ts";
import {easeInOut, tween} from "../../../demos/runtime/tween.ts";

const schema = {t: number(0, "t"), k: integer(0, "k"), show: choice(["a", "b"], "a", "show")};

describe("tween", () => {
  it("eases numbers, rounds integers, switches choices at once and ends exactly on the target", () => {
    const tw = tween(schema, {t: 0, k: 0, show: "a"}, {t: 1 / 3, k: 10, show: "b"}, 1000, 600);
    expect(tw.at(1000)).toEqual({values: {t: 0, k: 0, show: "b"}, done: false});
    const mid = tw.at(1300);
    expect(mid.values.t).toBeCloseTo(1 / 6);
    expect(mid.values.k).toBe(5);
    expect(tw.at(1600)).toEqual({values: {t: 1 / 3, k: 10, show: "b"}, done: true});
    expect(tw.at(5000).values.t).toBe(1 / 3);
  });

  it("is done at once when nothing moves or the duration is 0", () => {
    expect(tween(schema, {t: 1}, {t: 1}, 0).at(0).done).toBe(true);
    expect(tween(schema, {t: 0}, {t: 1}, 0, 0).at(0)).toEqual({values: {t: 1}, done: true});
  });

  it("easeInOut is monotone from 0 to 1 and symmetric", () => {
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    expect(easeInOut(0.5)).toBeCloseTo(0.5);
    expect(easeInOut(0.25) + easeInOut(0.75)).toBeCloseTo(1);
  });
});

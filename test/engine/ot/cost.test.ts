import {describe, expect, it} from "vitest";
import {sqCostMatrix} from "../../../engine/ot/cost.ts";
import {rng} from "../../../engine/random.ts";

describe("sqCostMatrix", () => {
  it("is the squared distance |x_i - y_j|² in row-major [n, m] order", () => {
    const x = Float64Array.from([0, 0, 1, 2]);
    const y = Float64Array.from([3, 4, -1, 0, 1, 1]);
    expect(Array.from(sqCostMatrix(x, y, 2, 3, 2))).toEqual([25, 1, 2, 8, 8, 1]);
  });

  it("gives in d = 2 the same bits as the general loop (the points embedded in d = 3 with a zero coordinate)", () => {
    const r = rng(5);
    const [n, m] = [37, 29];
    const x = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
    const y = r.fillUniform(new Float64Array(2 * m), -3, 7) as Float64Array;
    const lift = (p: Float64Array) =>
      Float64Array.from({length: 1.5 * p.length}, (_, k) => (k % 3 === 2 ? 0 : p[k - Math.floor(k / 3)]!));
    expect(Array.from(sqCostMatrix(x, y, n, m, 2))).toEqual(Array.from(sqCostMatrix(lift(x), lift(y), n, m, 3)));
  });

  it("satisfies |x-y|² = |x|² + |y|² - 2x·y in d = 3 and writes into a given buffer", () => {
    const r = rng(2);
    const x = r.fillNormal(new Float64Array(15)) as Float64Array;
    const y = r.fillNormal(new Float64Array(12)) as Float64Array;
    const out = new Float64Array(20);
    expect(sqCostMatrix(x, y, 5, 4, 3, out)).toBe(out);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 4; j++) {
        let xx = 0;
        let yy = 0;
        let xy = 0;
        for (let k = 0; k < 3; k++) {
          xx += x[3 * i + k]! ** 2;
          yy += y[3 * j + k]! ** 2;
          xy += x[3 * i + k]! * y[3 * j + k]!;
        }
        expect(out[4 * i + j]).toBeCloseTo(xx + yy - 2 * xy, 12);
      }
    }
  });

  it("rejects mismatched shapes", () => {
    expect(() => sqCostMatrix(new Float64Array(3), new Float64Array(4), 2, 2, 2)).toThrow(/shape mismatch: x/);
    expect(() => sqCostMatrix(new Float64Array(4), new Float64Array(4), 2, 2, 2, new Float64Array(3))).toThrow(
      /shape mismatch: out/
    );
  });
});

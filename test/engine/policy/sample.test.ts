import {describe, expect, it} from "vitest";
import {eulerActions} from "../../../engine/policy/sample.ts";

describe("eulerActions", () => {
  it("moves each action by the integral of a constant field, conditioned on o", () => {
    const noise = [-1, 0, 2];
    const {actions, paths} = eulerActions(
      (out, x, n) => {
        for (let i = 0; i < n; i++) out[i] = x[2 * i + 1]!; // u = o
      },
      0.7,
      noise,
      4
    );
    expect(Array.from(actions)).toEqual(noise.map((a) => a + 0.7).map((v) => expect.closeTo(v, 12)));
    expect(paths.length).toBe(5 * 3);
    expect(Array.from(paths.subarray(0, 3))).toEqual(noise);
  });

  it("takes K explicit Euler steps at t = k/K: u = t·a gives a·∏(1 + k/K²)", () => {
    const K = 5;
    const {actions} = eulerActions(
      (out, x, n, t) => {
        for (let i = 0; i < n; i++) out[i] = t * x[2 * i]!;
      },
      0,
      [1],
      K
    );
    let expected = 1;
    for (let k = 0; k < K; k++) expected *= 1 + k / K / K;
    expect(actions[0]).toBeCloseTo(expected, 12);
  });

  it("refuses bad steps and observations", () => {
    const zero = (out: Float64Array) => out.fill(0);
    expect(() => eulerActions(zero, 0, [0], 0)).toThrow(/invalid steps/);
    expect(() => eulerActions(zero, Number.NaN, [0], 3)).toThrow(/invalid observation/);
  });
});

import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {entropyFloor, w2Floor} from "../../../engine/metrics/floor.ts";
import {w2} from "../../../engine/metrics/w2.ts";
import {rng} from "../../../engine/random.ts";

describe("w2Floor", () => {
  it("reproduces engine-reference §3.2 floors at n = 256 (a regression test of the generators and the EMD)", () => {
    // Reference mean ± sd over 5 repetitions; the low-variance recipes are checked tightly.
    const table: [string, number, number][] = [
      ["normal", 0.339, 0.03],
      ["ffjord-moons", 0.192, 0.015],
      ["torchcfm-moons", 0.181, 0.015],
      ["runner-moons", 0.12, 0.01],
      ["dsb-moon", 0.897, 0.06]
    ];
    table.forEach(([name, floor, tol], k) => {
      const f = w2Floor(dataset(name), 256, rng(20 + k), 6);
      assertInDelta(f.mean, floor, tol, `${name} floor`);
      expect(f.values.length).toBe(6);
      expect(f.sd).toBeGreaterThan(0);
    });
  });

  it("is the mean and sample sd of W2 between independent sample pairs drawn in order", () => {
    const d = dataset("sklearn-moons");
    const f = w2Floor(d, 50, rng(3), 3);
    const r = rng(3);
    const values = [0, 1, 2].map(() => w2(d.sample(50, r), d.sample(50, r), 50));
    expect(Array.from(f.values)).toEqual(values);
    const mean = values.reduce((a, b) => a + b, 0) / 3;
    assertInDelta(f.mean, mean, 1e-15, "mean");
    assertInDelta(f.sd, Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / 2), 1e-15, "sd");
    expect(w2Floor(d, 20, rng(1), 1).sd).toBe(0);
    expect(() => w2Floor(d, 20, rng(1), 0)).toThrow(/invalid reps: 0/);
  });
});

describe("entropyFloor", () => {
  it("bundles a dataset's entropy with its error and method; undefined without one", () => {
    expect(entropyFloor(dataset("torchcfm-moons"))).toEqual({
      value: 2.0478352,
      error: 1e-6,
      method: "exact density, summed along diagonals (quadrature)"
    });
    expect(entropyFloor(dataset("ffjord-checkerboard"))).toMatchObject({value: Math.log(32), error: 0});
    expect(entropyFloor(dataset("ffjord-pinwheel"))?.method).toMatch(/^k-NN/);
    expect(entropyFloor(dataset("ffjord-line"))).toBeUndefined();
  });
});

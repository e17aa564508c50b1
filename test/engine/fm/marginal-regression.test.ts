import {describe, expect, it} from "vitest";
import {mogPreset} from "../../../engine/data/mog-presets.ts";
import {marginalRegression} from "../../../engine/fm/marginal-regression.ts";
import {autodiffModel} from "../../../engine/fm/model.ts";
import {iCfmPath, lipmanPath} from "../../../engine/paths/cfm.ts";
import {rng} from "../../../engine/random.ts";

describe("marginalRegression", () => {
  it("regresses on the marginal field: the posterior-weighted average of the conditional arrows (x1 − x)/(1 − t)", () => {
    const target = mogPreset("uneven-three");
    const {field} = marginalRegression({path: lipmanPath(0), target, model: autodiffModel({width: 8, depth: 1})});
    // Self-normalised importance sampling over x1 ~ q with weights p_t(x | x1) = N(x; t x1, (1 − t)² I).
    const random = rng(7);
    const m = 200_000;
    const x1 = target.sample(m, random);
    for (const [t, x, y] of [
      [0.3, 0.5, -0.4],
      [0.7, -1.2, -1.0],
      [0.9, 1.8, -1.1]
    ] as const) {
      const s2 = (1 - t) ** 2;
      let [wsum, ux, uy] = [0, 0, 0];
      for (let i = 0; i < m; i++) {
        const w = Math.exp(-((x - t * x1[2 * i]!) ** 2 + (y - t * x1[2 * i + 1]!) ** 2) / (2 * s2));
        wsum += w;
        ux += (w * (x1[2 * i]! - x)) / (1 - t);
        uy += (w * (x1[2 * i + 1]! - y)) / (1 - t);
      }
      const out = new Float64Array(2);
      field.velocity(out, new Float64Array([x, y]), 1, t);
      expect(out[0]).toBeCloseTo(ux / wsum, 1);
      expect(out[1]).toBeCloseTo(uy / wsum, 1);
    }
  });

  it("drives the loss towards zero (no conditional-variance floor), seeded", () => {
    const make = () =>
      marginalRegression({
        path: lipmanPath(0),
        target: mogPreset("two-modes"),
        model: autodiffModel({width: 32, depth: 2, activation: "tanh", lr: 1e-2, seed: 1}),
        batch: 64,
        seed: 3
      });
    const run = make();
    const first = run.step(10).loss;
    run.step(280);
    const last = run.step(10).loss;
    expect(last).toBeLessThan(first / 5);
    expect(make().step(10).loss).toBe(first);
  });

  it("refuses a two-sided path and a batch the times do not divide", () => {
    const target = mogPreset("two-modes");
    const model = autodiffModel();
    expect(() => marginalRegression({path: iCfmPath(0), target, model})).toThrow(/invalid path: i-cfm/);
    expect(() => marginalRegression({path: lipmanPath(0), target, model, batch: 100, timesPerBatch: 16})).toThrow(
      /invalid timesPerBatch: 16/
    );
  });
});

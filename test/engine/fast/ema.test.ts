import {beforeAll, describe, expect, it} from "vitest";
import {parameterEma} from "../../../engine/fast/ema.ts";
import {fastMlp, regressionTrainer} from "../../../engine/fast/index.ts";
import {cosineSchedule} from "../../../engine/fast/schedule.ts";
import type {Kernels} from "../../../engine/kernels/types.ts";
import {kernelsUnderTest} from "../kernels/helpers.ts";

let impls: Kernels[];
beforeAll(async () => {
  impls = await kernelsUnderTest();
});

describe("parameterEma", () => {
  it("averages the parameters, lends the average to use(), and puts the trained ones back", () => {
    for (const kernels of impls) {
      const net = fastMlp({sizes: [2, 8, 2], kernels, seed: 1});
      const view = () => kernels.view(net.params.ptr, net.params.length).slice();
      const start = view();
      const ema = parameterEma(net, 0.5);
      const trainer = regressionTrainer(net, {lr: 0.1});
      const input = Float32Array.from({length: 3 * 16}, (_, i) => Math.sin(i));
      const target = Float32Array.from({length: 2 * 16}, (_, i) => Math.cos(i));
      trainer.step(input, target, 16);
      const trained = view();
      ema.update(); // the first update's decay is min(0.5, 2/11)
      const d = 2 / 11;
      const expected = start.map((p, i) => d * p + (1 - d) * trained[i]!);
      expect(Array.from(ema.average())).toEqual(Array.from(expected));
      const inside = ema.use(() => view());
      expect(Array.from(inside)).toEqual(Array.from(expected));
      expect(Array.from(view())).toEqual(Array.from(trained));
      trainer.dispose();
      net.dispose();
    }
  });

  it("a trainer follows a schedule and rejects a bad rate from it", () => {
    const kernels = impls[0]!;
    const net = fastMlp({sizes: [2, 4, 2], kernels});
    const input = new Float32Array(3 * 4).fill(0.5);
    const target = new Float32Array(2 * 4).fill(1);
    const trainer = regressionTrainer(net, {lr: cosineSchedule({peak: 1e-2, steps: 5})});
    for (let k = 0; k < 5; k++) expect(Number.isFinite(trainer.step(input, target, 4))).toBe(true);
    const bad = regressionTrainer(net, {lr: () => NaN});
    expect(() => bad.step(input, target, 4)).toThrow(/invalid lr at step 1/);
    expect(() => parameterEma(net, 1)).toThrow(/invalid decay/);
  });
});

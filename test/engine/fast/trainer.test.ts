import {beforeAll, describe, expect, it} from "vitest";
import {fastMlp, regressionTrainer, type FastActivation, type FastMlp} from "../../../engine/fast/index.ts";
import type {Kernels} from "../../../engine/kernels/types.ts";
import {rng} from "../../../engine/random.ts";
import {bothKernels, kernelsUnderTest} from "../kernels/helpers.ts";
import {loss64} from "./eval64.ts";

let impls: Kernels[];
beforeAll(async () => {
  impls = await kernelsUnderTest();
});

/** A regression batch: input rows [x, t] (x ~ N(0, I), t ~ U(0, 1)) and targets of width 2. */
function batch(seed: number, n: number) {
  const r = rng(seed);
  const x = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
  const t = r.fillUniform(new Float64Array(n)) as Float64Array;
  const target = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
  const input = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) input.set([x[2 * i]!, x[2 * i + 1]!, t[i]!], 3 * i);
  return {x, t, input, target};
}

/** Where parameter (layer l, weight or bias entry j) sits in the gradient block. */
function offset(net: FastMlp, l: number, which: "weight" | "bias", j: number): number {
  return (net.layers[l]![which] - net.params.ptr) / 4 + j;
}

describe("regressionTrainer", () => {
  const activations: FastActivation[] = ["silu", "tanh", "elu", "selu", "softplus", "relu"];

  for (const activation of activations) {
    it(`backward matches float64 central differences of the loss (${activation})`, () => {
      const n = 6;
      const {x, t, input, target} = batch(1, n);
      for (const kernels of impls) {
        const net = fastMlp({sizes: [2, 8, 8, 2], activation, time: "concat", seed: 2, kernels});
        const trainer = regressionTrainer(net);
        const loss = trainer.lossAndGradient(input, target, n);
        const json = net.toJSON();
        expect(loss).toBeCloseTo(loss64(json, x, n, t, target), 5);
        const g = trainer.gradient();
        const h = 1e-6; // float64 differences of an O(1) loss: truncation ~h², rounding ~1e-16/h
        let worst = 0;
        let scale = 0;
        json.layers.forEach((layer, l) => {
          for (const which of ["weight", "bias"] as const) {
            layer[which].forEach((v, j) => {
              layer[which][j] = v + h;
              const up = loss64(json, x, n, t, target);
              layer[which][j] = v - h;
              const down = loss64(json, x, n, t, target);
              layer[which][j] = v;
              const fd = (up - down) / (2 * h);
              worst = Math.max(worst, Math.abs(fd - g[offset(net, l, which, j)]!));
              scale = Math.max(scale, Math.abs(fd));
            });
          }
        });
        expect(scale).toBeGreaterThan(1e-3);
        expect(worst / scale, `${kernels.name}`).toBeLessThan(1e-4);
        trainer.dispose();
        net.dispose();
      }
    });
  }

  it("takes a PyTorch Adam step: the first moves each parameter by lr·sign(gradient)", () => {
    const n = 16;
    const {input, target} = batch(2, n);
    for (const kernels of impls) {
      const net = fastMlp({sizes: [2, 8, 2], time: "concat", seed: 4, kernels});
      const trainer = regressionTrainer(net, {lr: 0.01});
      const before = kernels.view(net.params.ptr, net.params.length).slice();
      trainer.lossAndGradient(input, target, n);
      const g = trainer.gradient();
      trainer.step(input, target, n);
      const after = kernels.view(net.params.ptr, net.params.length);
      let moved = 0;
      for (let i = 0; i < g.length; i++) {
        if (Math.abs(g[i]!) < 1e-4) continue;
        expect(after[i]! - before[i]!).toBeCloseTo(-0.01 * Math.sign(g[i]!), 6);
        moved++;
      }
      expect(moved).toBeGreaterThan(20);
      expect(trainer.steps).toBe(1);
    }
  });

  it("rejects bad hyper-parameters and shapes", () => {
    const net = fastMlp({sizes: [2, 4, 2], time: "concat", kernels: impls[0]!});
    expect(() => regressionTrainer(net, {lr: -1})).toThrow(/invalid lr: -1/);
    expect(() => regressionTrainer(net, {betas: [1, 0.9]})).toThrow(/invalid betas/);
    const trainer = regressionTrainer(net);
    expect(() => trainer.step(new Float64Array(5), new Float64Array(4), 2)).toThrow(
      /shape mismatch: input 5 vs \[2,3\]/
    );
    expect(() => trainer.step(new Float64Array(6), new Float64Array(4), 0)).toThrow(/invalid n: 0/);
  });
});

describe("training curves", () => {
  /** 50 steps of regression on fresh batches (n = 64, then 96 to exercise buffer growth); returns the losses. */
  function curve(kernels: Kernels): number[] {
    const net = fastMlp({sizes: [2, 32, 32, 2], activation: "silu", time: "concat", seed: 11, kernels});
    const trainer = regressionTrainer(net, {lr: 3e-3});
    const losses: number[] = [];
    for (let s = 0; s < 50; s++) {
      const n = s < 25 ? 64 : 96;
      const {input, x} = batch(100 + s, n);
      // A smooth target: rotate x by 90° and scale by (1 + t).
      const target = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const t = input[3 * i + 2]!;
        target[2 * i] = -(1 + t) * x[2 * i + 1]!;
        target[2 * i + 1] = (1 + t) * x[2 * i]!;
      }
      losses.push(trainer.step(input, target, n));
    }
    trainer.dispose();
    net.dispose();
    return losses;
  }

  it("is bit-identical across two runs of one implementation, and learns", () => {
    for (const kernels of impls) {
      const a = curve(kernels);
      expect(curve(kernels)).toEqual(a);
      expect(a[a.length - 1]!).toBeLessThan(0.3 * a[0]!);
    }
  });

  it("is the same with either implementation, within float32 tolerance", async () => {
    const {reference, wasm} = await bothKernels();
    const [a, b] = [curve(reference), curve(wasm)];
    for (let s = 0; s < a.length; s++) expect(Math.abs(a[s]! - b[s]!) / a[s]!, `step ${s}`).toBeLessThan(1e-3);
  });
});

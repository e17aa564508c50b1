import {describe, expect, it} from "vitest";
import * as ad from "../../../engine/autodiff/index.ts";
import {adam, adamw, clipGradNorm, sgd, type Optimizer} from "../../../engine/nn/optim.ts";

/** Minimizes Σ c_j x_j² one step at a time: g = 2 c x. */
function quadratic(x: ReturnType<typeof ad.parameter>, c: number[]) {
  return () => ad.sum(ad.mul(ad.square(x), ad.tensor(c, 1, c.length)));
}

function run(opt: Optimizer, loss: () => ad.Tensor, steps: number): void {
  for (let k = 0; k < steps; k++) {
    opt.zeroGrad();
    loss().backward();
    opt.step();
  }
}

describe("adam", () => {
  it("matches a hand-computed two-step update on x² from x = 1 (lr 0.1)", () => {
    const x = ad.parameter([1], 1, 1);
    run(adam([x], {lr: 0.1}), quadratic(x, [1]), 2);
    // Step 1: g = 2, m = 0.2, v = 0.004, m̂ = 2, v̂ = 4, x = 1 − 0.1·2/(2 + 1e-8).
    const x1 = 1 - (0.1 * 2) / (2 + 1e-8);
    // Step 2: g = 2 x1, m = 0.9·0.2 + 0.1 g, v = 0.999·0.004 + 0.001 g², bias corrections 1 − 0.9², 1 − 0.999².
    const g = 2 * x1;
    const m = 0.9 * 0.2 + 0.1 * g;
    const v = 0.999 * 0.004 + 0.001 * g * g;
    const x2 = x1 - (0.1 * (m / (1 - 0.81))) / (Math.sqrt(v / (1 - 0.998001)) + 1e-8);
    expect(x.data[0]).toBeCloseTo(x2, 14);
    expect(x.data[0]).toBeCloseTo(0.80041, 4);
  });

  it("adam adds weight decay to the gradient; adamw decays the weights separately", () => {
    // At step 1, Adam moves each coordinate by lr·sign(g) whatever the gradient's size, so L2 decay is invisible
    // there for a positive x, while AdamW's decoupled decay shrinks x by the factor (1 − lr·λ) on top.
    const lr = 0.1;
    const wd = 0.5;
    const a = ad.parameter([2], 1, 1);
    const w = ad.parameter([2], 1, 1);
    run(adam([a], {lr, weightDecay: wd}), quadratic(a, [1]), 1);
    run(adamw([w], {lr, weightDecay: wd}), quadratic(w, [1]), 1);
    expect(a.data[0]).toBeCloseTo(2 - lr, 8);
    expect(w.data[0]).toBeCloseTo(2 * (1 - lr * wd) - lr, 8);
    // With zero gradient, Adam's L2 term alone drives the update; AdamW only decays.
    const az = ad.parameter([2], 1, 1);
    const wz = ad.parameter([2], 1, 1);
    const zero = (p: ad.Tensor) => () => ad.mul(ad.sum(p), 0);
    run(adam([az], {lr, weightDecay: wd}), zero(az), 1);
    run(adamw([wz], {lr, weightDecay: wd}), zero(wz), 1);
    expect(az.data[0]).toBeCloseTo(2 - lr, 8);
    expect(wz.data[0]).toBeCloseTo(2 * (1 - lr * wd), 12);
  });

  it("adamw defaults to weight decay 1e-2 and adam to 0", () => {
    const a = ad.parameter([1], 1, 1);
    const w = ad.parameter([1], 1, 1);
    run(adam([a], {lr: 0.1}), () => ad.mul(ad.sum(a), 0), 1);
    run(adamw([w], {lr: 0.1}), () => ad.mul(ad.sum(w), 0), 1);
    expect(a.data[0]).toBe(1);
    expect(w.data[0]).toBeCloseTo(1 - 0.1 * 1e-2, 15);
  });

  it("skips parameters without a gradient and rejects invalid options", () => {
    const x = ad.parameter([3], 1, 1);
    adam([x]).step();
    expect(x.data[0]).toBe(3);
    expect(() => adam([x], {lr: -1})).toThrow("invalid lr: -1");
    expect(() => adam([x], {beta1: 1})).toThrow("invalid betas");
  });
});

describe("sgd and clipGradNorm", () => {
  it("sgd with momentum follows b ← μb + g, x ← x − lr·b", () => {
    const x = ad.parameter([1], 1, 1);
    run(sgd([x], {lr: 0.1, momentum: 0.9}), quadratic(x, [1]), 2);
    const x1 = 1 - 0.1 * 2;
    const b2 = 0.9 * 2 + 2 * x1;
    expect(x.data[0]).toBeCloseTo(x1 - 0.1 * b2, 15);
  });

  it("clipGradNorm returns the pre-clip norm and rescales only above maxNorm", () => {
    const a = ad.parameter([0, 0], 1, 2);
    const b = ad.parameter([0], 1, 1);
    a.grad = Float64Array.from([3, 0]);
    b.grad = Float64Array.from([4]);
    expect(clipGradNorm([a, b], 10)).toBe(5);
    expect(Array.from(b.grad)).toEqual([4]);
    expect(clipGradNorm([a, b], 1)).toBe(5);
    expect(a.grad[0]! ** 2 + b.grad[0]! ** 2).toBeCloseTo(1, 6);
  });
});

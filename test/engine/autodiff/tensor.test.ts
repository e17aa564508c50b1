import {describe, expect, it} from "vitest";
import {add, mul, scale} from "../../../engine/autodiff/ops/arith.ts";
import {tanh} from "../../../engine/autodiff/ops/elementwise.ts";
import {sum} from "../../../engine/autodiff/ops/reduce.ts";
import {isGradEnabled, noGrad, parameter, tensor} from "../../../engine/autodiff/tensor.ts";

describe("Tensor", () => {
  it("backward() of x·x + 3x at x = 2 gives 2x + 3 = 7", () => {
    const x = parameter([2], 1, 1);
    add(mul(x, x), scale(x, 3)).backward();
    expect(x.grad![0]).toBe(7);
  });

  it("backward() accumulates into leaves and resets intermediates when run twice on one graph", () => {
    const x = parameter([0.5, -0.3], 1, 2);
    const h = tanh(x);
    const loss = sum(mul(h, h));
    loss.backward();
    const once = Array.from(x.grad!);
    loss.backward();
    expect(Array.from(x.grad!)).toEqual(once.map((g) => 2 * g));
  });

  it("constants get no gradient and results of constants do not require grad", () => {
    const c = tensor([1, 2], 1, 2);
    const x = parameter([3, 4], 1, 2);
    const y = mul(c, x);
    expect(y.requiresGrad).toBe(true);
    expect(mul(c, c).requiresGrad).toBe(false);
    sum(y).backward();
    expect(c.grad).toBe(null);
    expect(Array.from(x.grad!)).toEqual([1, 2]);
  });

  it("noGrad builds no graph and restores recording, even when fn throws", () => {
    const x = parameter([1], 1, 1);
    const y = noGrad(() => mul(x, x));
    expect(y.requiresGrad).toBe(false);
    expect(y.parents.length).toBe(0);
    expect(() => noGrad(() => sum(y).backward())).toThrow("does not require grad");
    expect(isGradEnabled()).toBe(true);
  });

  it("backward() and item() insist on 1×1", () => {
    const x = parameter([1, 2], 1, 2);
    expect(() => x.backward()).toThrow("backward() needs a 1×1 tensor, got [1,2]");
    expect(() => x.item()).toThrow("[1,2]");
    expect(sum(x).item()).toBe(3);
  });

  it("backward() handles graphs 100 000 ops deep without recursion", () => {
    const x = parameter([1], 1, 1);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = add(y, x);
    y.backward();
    expect(x.grad![0]).toBe(100_001);
  });

  it("rejects data whose length does not match the shape", () => {
    expect(() => tensor([1, 2, 3], 2, 2)).toThrow("invalid data length: 3 for [2,2]");
  });
});

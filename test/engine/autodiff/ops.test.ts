import {describe, expect, it} from "vitest";
import * as ad from "../../../engine/autodiff/index.ts";
import type {Tensor} from "../../../engine/autodiff/tensor.ts";
import {rng} from "../../../engine/random.ts";
import {probe, randomParam} from "./helpers.ts";

const TOL = 1e-6;

describe("arithmetic ops match central finite differences", () => {
  const shapes: [string, [number, number], [number, number]][] = [
    ["same shape", [3, 4], [3, 4]],
    ["1×c row", [3, 4], [1, 4]],
    ["r×1 column", [3, 4], [3, 1]],
    ["1×1 scalar", [3, 4], [1, 1]],
    ["stretched left operand", [1, 4], [3, 4]],
    ["row by column", [3, 1], [1, 4]]
  ];
  const ops = {add: ad.add, sub: ad.sub, mul: ad.mul, div: ad.div};
  for (const [opName, op] of Object.entries(ops)) {
    for (const [label, sa, sb] of shapes) {
      it(`${opName} with ${label}: relative error < 1e-6`, () => {
        const random = rng(1);
        const a = randomParam(random, ...sa);
        const b = randomParam(random, ...sb, 0.5, 1.5); // away from 0 for div
        expect(ad.gradcheck(() => probe(op(a, b)), [a, b])).toBeLessThan(TOL);
      });
    }
  }

  it("add with a number, neg, scale, addScalar", () => {
    const a = randomParam(rng(2), 2, 3);
    const build = () => probe(ad.addScalar(ad.scale(ad.neg(ad.add(ad.mul(a, 2.5), 1)), 0.7), -3));
    expect(ad.gradcheck(build, [a])).toBeLessThan(TOL);
  });

  it("x ⊙ x through the same tensor on both sides", () => {
    const a = randomParam(rng(3), 2, 3);
    expect(ad.gradcheck(() => probe(ad.mul(a, a)), [a])).toBeLessThan(TOL);
  });

  it("broadcasting rejects incompatible shapes with shape mismatch", () => {
    const random = rng(4);
    expect(() => ad.add(randomParam(random, 3, 4), randomParam(random, 2, 4))).toThrow(
      "shape mismatch: [3,4] vs [2,4]"
    );
    expect(() => ad.mul(randomParam(random, 3, 4), randomParam(random, 3, 2))).toThrow(
      "shape mismatch: [3,4] vs [3,2]"
    );
  });
});

describe("elementwise ops and their derivative ops match central finite differences", () => {
  // Inputs avoid the kinks of relu/abs/elu/selu at 0 and keep log and sqrt in their domain.
  const unary: Record<string, [(a: Tensor) => Tensor, number, number]> = {
    exp: [ad.exp, -2, 2],
    log: [ad.log, 0.3, 3],
    square: [ad.square, -2, 2],
    sqrt: [ad.sqrt, 0.3, 3],
    sin: [ad.sin, -3, 3],
    cos: [ad.cos, -3, 3],
    tanh: [ad.tanh, -2, 2],
    tanhPrime: [ad.tanhPrime, -2, 2],
    sigmoid: [ad.sigmoid, -4, 4],
    sigmoidPrime: [ad.sigmoidPrime, -4, 4],
    silu: [ad.silu, -4, 4],
    siluPrime: [ad.siluPrime, -4, 4],
    softplus: [ad.softplus, -4, 4],
    softplusPrime: [ad.softplusPrime, -4, 4]
  };
  const kinked: Record<string, (a: Tensor) => Tensor> = {
    abs: ad.abs,
    relu: ad.relu,
    reluPrime: ad.reluPrime,
    elu: ad.elu,
    eluPrime: ad.eluPrime,
    selu: ad.selu,
    seluPrime: ad.seluPrime
  };
  for (const [name, [op, lo, hi]] of Object.entries(unary)) {
    it(`${name} on [${lo}, ${hi}]: relative error < 1e-6`, () => {
      const a = randomParam(rng(5), 4, 5, lo, hi);
      expect(ad.gradcheck(() => probe(op(a)), [a])).toBeLessThan(TOL);
    });
  }
  for (const [name, op] of Object.entries(kinked)) {
    it(`${name} on both sides of 0 (|x| ≥ 0.1): relative error < 1e-6`, () => {
      const a = randomParam(rng(6), 4, 5, 0.1, 2);
      for (let i = 0; i < a.data.length; i += 2) a.data[i] = -a.data[i]!;
      expect(ad.gradcheck(() => probe(op(a)), [a])).toBeLessThan(TOL);
    });
  }

  it("derivative ops equal finite differences of their functions", () => {
    const pairs: [(a: Tensor) => Tensor, (a: Tensor) => Tensor][] = [
      [ad.tanh, ad.tanhPrime],
      [ad.sigmoid, ad.sigmoidPrime],
      [ad.silu, ad.siluPrime],
      [ad.elu, ad.eluPrime],
      [ad.selu, ad.seluPrime],
      [ad.softplus, ad.softplusPrime],
      [ad.relu, ad.reluPrime]
    ];
    const h = 1e-6;
    for (const [f, fPrime] of pairs) {
      for (const x of [-2.5, -0.7, 0.3, 1.9]) {
        const fd = (f(ad.tensor([x + h], 1, 1)).item() - f(ad.tensor([x - h], 1, 1)).item()) / (2 * h);
        expect(Math.abs(fPrime(ad.tensor([x], 1, 1)).item() - fd)).toBeLessThan(1e-8);
      }
    }
  });

  it("sigmoid and softplus stay finite at ±800", () => {
    const x = ad.tensor([-800, 800], 1, 2);
    expect(Array.from(ad.sigmoid(x).data)).toEqual([0, 1]);
    expect(Array.from(ad.softplus(x).data)).toEqual([0, 800]);
  });
});

describe("matmul, reductions and shape ops match central finite differences", () => {
  it("matmul: relative error < 1e-6 in both operands, and values equal the naive product", () => {
    const random = rng(7);
    const a = randomParam(random, 3, 4);
    const b = randomParam(random, 4, 5);
    expect(ad.gradcheck(() => probe(ad.matmul(a, b)), [a, b])).toBeLessThan(TOL);
    const c = ad.matmul(a, b);
    let ref = 0;
    for (let p = 0; p < 4; p++) ref += a.data[1 * 4 + p]! * b.data[p * 5 + 2]!;
    expect(c.data[1 * 5 + 2]).toBeCloseTo(ref, 14);
    expect(() => ad.matmul(a, a)).toThrow("shape mismatch: [3,4] vs [3,4]");
  });

  it("transpose", () => {
    const a = randomParam(rng(8), 3, 4);
    expect(ad.gradcheck(() => probe(ad.transpose(a)), [a])).toBeLessThan(TOL);
    expect(ad.transpose(a).data[2 * 3 + 1]).toBe(a.data[1 * 4 + 2]);
  });

  const reductions: Record<string, (a: Tensor) => Tensor> = {
    sum: ad.sum,
    mean: ad.mean,
    sumCols: ad.sumCols,
    sumRows: ad.sumRows,
    meanRows: ad.meanRows
  };
  for (const [name, op] of Object.entries(reductions)) {
    it(`${name}`, () => {
      const a = randomParam(rng(9), 3, 4);
      expect(ad.gradcheck(() => probe(ad.exp(op(a))), [a])).toBeLessThan(TOL);
    });
  }

  it("reductions have the documented shapes and values", () => {
    const a = ad.tensor([1, 2, 3, 4, 5, 6], 2, 3);
    expect([ad.sumCols(a).rows, ad.sumCols(a).cols, ...ad.sumCols(a).data]).toEqual([2, 1, 6, 15]);
    expect([ad.sumRows(a).rows, ad.sumRows(a).cols, ...ad.sumRows(a).data]).toEqual([1, 3, 5, 7, 9]);
    expect(Array.from(ad.meanRows(a).data)).toEqual([2.5, 3.5, 4.5]);
    expect(ad.mean(a).item()).toBe(3.5);
  });

  it("concatCols, sliceCols, concatRows, sliceRows, gatherRows (with repeats)", () => {
    const random = rng(10);
    const a = randomParam(random, 3, 2);
    const b = randomParam(random, 3, 3);
    const c = randomParam(random, 2, 5);
    const build = () => {
      const ab = ad.concatCols(a, b);
      const abc = ad.concatRows(ab, c);
      const s = ad.sliceRows(ad.sliceCols(abc, 1, 4), 1, 5);
      return probe(ad.square(ad.gatherRows(s, [3, 0, 0, 2])));
    };
    expect(ad.gradcheck(build, [a, b, c])).toBeLessThan(TOL);
  });

  it("shape ops place values where documented and reject bad ranges", () => {
    const a = ad.tensor([1, 2, 3, 4], 2, 2);
    const b = ad.tensor([5, 6], 2, 1);
    expect(Array.from(ad.concatCols(a, b).data)).toEqual([1, 2, 5, 3, 4, 6]);
    expect(Array.from(ad.concatRows(a, ad.transpose(b)).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(ad.sliceCols(a, 1, 2).data)).toEqual([2, 4]);
    expect(Array.from(ad.gatherRows(a, [1, 1, 0]).data)).toEqual([3, 4, 3, 4, 1, 2]);
    expect(() => ad.sliceCols(a, 1, 3)).toThrow("invalid slice: [1,3) of 2");
    expect(() => ad.gatherRows(a, [2])).toThrow("invalid row index: 2");
    expect(() => ad.concatCols(a, ad.transpose(b))).toThrow("shape mismatch: [2,2] vs [1,2]");
  });
});

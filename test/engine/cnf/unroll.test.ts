import {describe, expect, it} from "vitest";
import {gradcheck} from "../../../engine/autodiff/gradcheck.ts";
import {mean, neg, sum} from "../../../engine/autodiff/index.ts";
import {tensor} from "../../../engine/autodiff/tensor.ts";
import {normalBase} from "../../../engine/cnf/base.ts";
import {logDensity} from "../../../engine/cnf/log-density.ts";
import {mlpField} from "../../../engine/cnf/mlp-field.ts";
import {unrolledLogLikelihood, type UnrollOptions} from "../../../engine/cnf/unroll.ts";
import {mlp} from "../../../engine/nn/mlp.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

const net = () => mlp({sizes: [2, 6, 6, 2], activation: "tanh", time: "concat", seed: 3});
const data = rng(11).fillNormal(new Float64Array(8)) as Float64Array;

describe("unrolledLogLikelihood", () => {
  it("the CNF loss gradient through the unrolled solver matches float64 finite differences (< 1e-6)", () => {
    const cases: UnrollOptions[] = [
      {solver: "rk4", steps: 3},
      {solver: "euler", steps: 4},
      {solver: "rk4", steps: 2, divergence: "hutchinson", probe: "gaussian"}
    ];
    for (const options of cases) {
      const u = net();
      // A fresh generator per build keeps the Hutchinson probes identical between the analytic and numeric passes.
      const build = () => neg(mean(unrolledLogLikelihood(u, tensor(data, 4, 2), {...options, rng: rng(5)}).logp));
      expect(gradcheck(build, u.parameters()), JSON.stringify(options)).toBeLessThan(1e-6);
    }
  });

  it("constant velocity a: x0 = x1 − a and d/da Σ x0 = −2 per point (flow_matching's d/da Σ x(1) = 2, backward)", () => {
    // engine-reference (d)6. A network without hidden layers, W = 0 and bias (a, a), is the constant field a·(1, 1).
    for (const solver of ["rk4", "euler"] as const) {
      const u = mlp({sizes: [2, 2], seed: 1});
      const [w, b] = u.parameters();
      w!.data.fill(0);
      b!.data.fill(1);
      const r = unrolledLogLikelihood(u, tensor(data, 4, 2), {solver, steps: 3});
      assertAllClose(
        r.x0.data,
        data.map((v) => v - 1),
        {atol: 1e-14}
      );
      sum(r.x0).backward();
      // Each of the 4 points moves by −a in both coordinates: dΣx0/db_k = −4, and along a = b_0 = b_1 it is −2·4.
      assertAllClose(b!.grad!, [-4, -4], {atol: 1e-12});
      expect(b!.grad![0]! + b!.grad![1]!).toBeCloseTo(-2 * 4, 12);
    }
  });

  it("unrolledLogLikelihood() equals the graph-free logDensity() with the same fixed-step solver", () => {
    const u = net();
    for (const solver of ["rk4", "euler"] as const) {
      const graph = unrolledLogLikelihood(u, tensor(data, 4, 2), {solver, steps: 5});
      const free = logDensity(mlpField(u), normalBase(), data, 4, {solver, steps: 5});
      assertAllClose(graph.logp.data, free.logp, {rtol: 1e-12});
      assertAllClose(graph.x0.data, free.x0, {rtol: 1e-12});
      expect(graph.nfe).toBe(solver === "rk4" ? 20 : 5);
    }
  });

  it("unrolledLogLikelihood() with Hutchinson probes is unbiased for the exact likelihood", () => {
    const u = net();
    const copies = 3000;
    const x = tensor(
      new Float64Array(2 * copies).map((_, i) => data[i % 2]!),
      copies,
      2
    );
    const exact = unrolledLogLikelihood(u, tensor(data.slice(0, 2), 1, 2)).logp.data[0]!;
    const hutch = unrolledLogLikelihood(u, x, {divergence: "hutchinson", rng: rng(2)}).logp.data;
    const m = hutch.reduce((s, v) => s + v, 0) / copies;
    const sd = Math.sqrt(hutch.reduce((s, v) => s + (v - m) ** 2, 0) / (copies - 1));
    expect(sd).toBeGreaterThan(1e-4);
    assertInDelta(m, exact, 4 * (sd / Math.sqrt(copies)));
  });

  it("unrolledLogLikelihood() rejects bad steps and Hutchinson without an rng", () => {
    expect(() => unrolledLogLikelihood(net(), tensor(data, 4, 2), {steps: 0})).toThrow("invalid steps: 0");
    expect(() => unrolledLogLikelihood(net(), tensor(data, 4, 2), {divergence: "hutchinson"})).toThrow(/missing rng/);
  });
});

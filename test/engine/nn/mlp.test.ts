import {describe, expect, it} from "vitest";
import * as ad from "../../../engine/autodiff/index.ts";
import type {Tensor} from "../../../engine/autodiff/tensor.ts";
import {mlp, type MlpOptions} from "../../../engine/nn/mlp.ts";
import {mlpFromJSON} from "../../../engine/nn/serialize.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";
import {probe} from "../autodiff/helpers.ts";

const smooth = ["silu", "tanh", "elu", "selu", "softplus"] as const;
const n = 5;

function points(seed: number, rows = n, cols = 2): Tensor {
  return ad.tensor(rng(seed).fillNormal(new Float64Array(rows * cols)) as Float64Array, rows, cols);
}

const times = ad.tensor([0.1, 0.35, 0.5, 0.8, 0.95], n, 1);

/** Central differences of forward in x_i, per sample: n×out. */
function fdColumn(net: ReturnType<typeof mlp>, x: Tensor, t: Tensor | undefined, i: number, h = 1e-6): Float64Array {
  const plus = x.detach();
  const minus = x.detach();
  for (let r = 0; r < x.rows; r++) {
    plus.data[r * x.cols + i]! += h;
    minus.data[r * x.cols + i]! -= h;
  }
  const up = ad.noGrad(() => net.forward(plus, t)).data;
  const down = ad.noGrad(() => net.forward(minus, t)).data;
  return up.map((u, k) => (u - down[k]!) / (2 * h));
}

describe("mlp input Jacobian", () => {
  for (const activation of smooth) {
    it(`inputJacobian (${activation}, time concat) equals finite differences of forward in x`, () => {
      const net = mlp({sizes: [2, 16, 16, 3], activation, time: "concat", seed: 1});
      const x = points(2);
      const jac = net.inputJacobian(x, times);
      for (let i = 0; i < 2; i++) assertAllClose(jac[i]!.data, fdColumn(net, x, times, i), {rtol: 1e-6, atol: 1e-8});
    });
  }

  it("divergence is the trace of the Jacobian and jvp is J v", () => {
    const net = mlp({sizes: [2, 8, 8, 2], activation: "tanh", time: "sinusoidal", timeFrequencies: 2, seed: 3});
    const x = points(4);
    const v = points(5);
    const jac = net.inputJacobian(x, times);
    const div = net.divergence(x, times);
    const jv = net.jvp(x, v, times);
    for (let r = 0; r < n; r++) {
      expect(div.data[r]).toBeCloseTo(jac[0]!.data[r * 2]! + jac[1]!.data[r * 2 + 1]!, 14);
      for (let o = 0; o < 2; o++) {
        const expected = jac[0]!.data[r * 2 + o]! * v.data[r * 2]! + jac[1]!.data[r * 2 + o]! * v.data[r * 2 + 1]!;
        expect(jv.data[r * 2 + o]).toBeCloseTo(expected, 14);
      }
    }
    const both = net.forwardDivergence(x, times);
    expect(Array.from(both.divergence.data)).toEqual(Array.from(div.data));
    expect(Array.from(both.output.data)).toEqual(Array.from(net.forward(x, times).data));
  });

  it("a network without hidden layers has the constant Jacobian W", () => {
    const net = mlp({sizes: [2, 2], seed: 4});
    const jac = net.inputJacobian(points(6));
    const w = net.parameters()[0]!.data;
    expect(jac[1]!.rows).toBe(n);
    for (let r = 0; r < n; r++) expect(Array.from(jac[1]!.data.subarray(2 * r, 2 * r + 2))).toEqual([w[2], w[3]]);
  });

  it("divergence needs out = d", () => {
    const net = mlp({sizes: [2, 4, 3]});
    expect(() => net.divergence(points(7))).toThrow("divergence needs out = d");
  });
});

describe("mlp second order: losses with Jacobians differentiate w.r.t. parameters", () => {
  for (const activation of smooth) {
    it(`gradient of a CNF-style loss with divergence (${activation}) matches finite differences`, () => {
      const net = mlp({sizes: [2, 8, 8, 2], activation, time: "concat", seed: 5});
      const x = points(8);
      const build = () => {
        const {output, divergence} = net.forwardDivergence(x, times);
        return ad.add(ad.mean(ad.square(output)), probe(divergence));
      };
      expect(ad.gradcheck(build, net.parameters())).toBeLessThan(1e-6);
    });
  }

  it("gradient of a loss with every Jacobian entry, a JVP and sinusoidal time matches finite differences", () => {
    const net = mlp({sizes: [2, 6, 6, 2], activation: "silu", time: "sinusoidal", timeFrequencies: 3, seed: 6});
    const x = points(9);
    const v = points(10);
    const build = () => {
      const [j0, j1] = net.inputJacobian(x, times);
      return ad.add(ad.add(probe(ad.square(j0!), 1), probe(ad.tanh(j1!), 2)), probe(net.jvp(x, v, times), 3));
    };
    expect(ad.gradcheck(build, net.parameters())).toBeLessThan(1e-6);
  });

  it("gradient through an unrolled Euler CNF (x and log-density integrated together) matches finite differences", () => {
    // log p_1(x_1) = log p_0(x_0) − ∫ div u dt, with x_0 the data and t running 1 → 0 in 4 Euler steps.
    const net = mlp({sizes: [2, 8, 8, 2], activation: "tanh", time: "concat", seed: 11});
    const data = points(16);
    const build = () => {
      let x = data;
      let logDet: Tensor = ad.zeros(n, 1);
      const h = 0.25;
      for (let k = 0; k < 4; k++) {
        const {output, divergence} = net.forwardDivergence(x, 1 - k * h);
        x = ad.sub(x, ad.scale(output, h));
        logDet = ad.add(logDet, ad.scale(divergence, h));
      }
      const logBase = ad.scale(ad.sumCols(ad.square(x)), -0.5);
      return ad.neg(ad.mean(ad.sub(logBase, logDet)));
    };
    expect(ad.gradcheck(build, net.parameters())).toBeLessThan(1e-6);
  });

  it("gradients flow into x and t too", () => {
    const net = mlp({sizes: [2, 8, 2], activation: "softplus", time: "concat", seed: 7});
    const x = ad.parameter(points(11).data, n, 2);
    const t = ad.parameter(times.data.slice(), n, 1);
    expect(ad.gradcheck(() => probe(net.divergence(x, t)), [x, t])).toBeLessThan(1e-6);
  });
});

describe("mlp inference and serialization", () => {
  const configs: MlpOptions[] = [
    {sizes: [2, 16, 16, 2], activation: "silu"},
    {sizes: [2, 12, 2], activation: "selu", time: "concat"},
    {sizes: [2, 8, 8, 8, 2], activation: "relu", time: "sinusoidal", timeFrequencies: 3},
    {sizes: [1, 4, 1], activation: "elu", time: "concat"}
  ];
  for (const options of configs) {
    it(`evaluate equals forward and JSON round trip is exact (${options.activation}, ${options.time ?? "none"})`, () => {
      const net = mlp({...options, seed: 8});
      const d = options.sizes[0]!;
      const out = options.sizes[options.sizes.length - 1]!;
      const x = points(12, n, d);
      const fast = new Float64Array(n * out);
      net.evaluate(fast, x.data, n, times.data);
      assertAllClose(fast, net.forward(x, times).data, {rtol: 1e-13, atol: 1e-15});
      net.evaluate(fast, x.data, n, 0.25);
      assertAllClose(fast, net.forward(x, 0.25).data, {rtol: 1e-13, atol: 1e-15});
      const copy = mlpFromJSON(JSON.parse(JSON.stringify(net.toJSON())));
      expect(Array.from(copy.forward(x, times).data)).toEqual(Array.from(net.forward(x, times).data));
    });
  }

  it("evaluate handles batches spanning several row blocks, and t per row", () => {
    const net = mlp({sizes: [2, 8, 8, 2], activation: "tanh", time: "concat", seed: 10});
    const m = 137;
    const x = points(14, m, 2);
    const t = ad.tensor(rng(15).fillUniform(new Float64Array(m)) as Float64Array, m, 1);
    const fast = new Float64Array(2 * m);
    net.evaluate(fast, x.data, m, t.data);
    assertAllClose(fast, net.forward(x, t).data, {rtol: 1e-13, atol: 1e-15});
  });

  for (const [activation, time, sizes] of [
    ["silu", "concat", [2, 16, 16, 2]],
    ["relu", "sinusoidal", [2, 8, 8, 8, 2]],
    ["softplus", "none", [2, 2]]
  ] as const) {
    it(`evaluateDivergence and evaluateJvp equal divergence and jvp (${activation}, ${sizes.length - 2} hidden)`, () => {
      const net = mlp({sizes: [...sizes], activation, time, timeFrequencies: 2, seed: 12});
      const m = 70; // spans two row blocks
      const x = points(17, m);
      const v = points(18, m);
      const t = ad.tensor(rng(19).fillUniform(new Float64Array(m)) as Float64Array, m, 1);
      const div = new Float64Array(m);
      net.evaluateDivergence(div, x.data, m, t.data);
      assertAllClose(div, net.divergence(x, t).data, {rtol: 1e-12, atol: 1e-14});
      const jv = new Float64Array(2 * m);
      net.evaluateJvp(jv, x.data, v.data, m, 0.3);
      assertAllClose(jv, net.jvp(x, v, 0.3).data, {rtol: 1e-12, atol: 1e-14});
    });
  }

  it("toJSON stores weights [in × out] row-major with time features after x", () => {
    const net = mlp({sizes: [2, 3], time: "sinusoidal", timeFrequencies: 2, seed: 9});
    const json = net.toJSON();
    expect(json).toMatchObject({
      kind: "mlp",
      sizes: [2, 3],
      activation: "silu",
      time: "sinusoidal",
      timeFrequencies: 2
    });
    const [layer] = json.layers;
    expect([layer!.in, layer!.out, layer!.weight.length, layer!.bias.length]).toEqual([6, 3, 18, 3]);
    const x = [0.3, -0.7];
    const t = 0.2;
    const input = [...x, ...[1, 2].flatMap((k) => [Math.sin(2 * Math.PI * k * t), Math.cos(2 * Math.PI * k * t)])];
    const expected = [0, 1, 2].map(
      (j) => layer!.bias[j]! + input.reduce((s, v, p) => s + v * layer!.weight[p * 3 + j]!, 0)
    );
    assertAllClose(net.forward(ad.tensor(x, 1, 2), t).data, expected, {rtol: 1e-14});
  });

  it("the init is seeded, bit-identical for one seed, and within ±1/√fan_in", () => {
    const a = mlp({sizes: [2, 64, 2], time: "concat", seed: 42}).parameters();
    const b = mlp({sizes: [2, 64, 2], time: "concat", seed: 42}).parameters();
    const c = mlp({sizes: [2, 64, 2], time: "concat", seed: 43}).parameters();
    a.forEach((p, i) => expect(Array.from(p.data)).toEqual(Array.from(b[i]!.data)));
    expect(Array.from(a[0]!.data)).not.toEqual(Array.from(c[0]!.data));
    const bound = 1 / Math.sqrt(3);
    expect(Math.max(...a[0]!.data.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...a[0]!.data.map(Math.abs))).toBeGreaterThan(0.9 * bound);
  });

  it("rejects bad options, inputs and JSON", () => {
    expect(() => mlp({sizes: [2]})).toThrow("invalid sizes");
    expect(() => mlp({sizes: [2, 2], activation: "gelu" as "silu"})).toThrow("invalid activation: gelu");
    const timed = mlp({sizes: [2, 4, 2], time: "concat"});
    expect(() => timed.forward(points(13))).toThrow("missing t");
    expect(() => timed.forward(points(13, n, 3), 0.5)).toThrow("shape mismatch: [5,3] vs [5,2]");
    const json = timed.toJSON();
    json.layers[0]!.weight.pop();
    expect(() => mlpFromJSON(json)).toThrow("invalid mlp json");
  });
});

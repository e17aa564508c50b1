import {describe, expect, it} from "vitest";
import {mul, parameter, sum, tensor} from "../../../engine/autodiff/index.ts";
import {divergenceFn} from "../../../engine/cnf/divergence.ts";
import {mlpField} from "../../../engine/cnf/mlp-field.ts";
import {mlp} from "../../../engine/nn/mlp.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";

describe("mlpField", () => {
  const net = mlp({sizes: [2, 8, 2], activation: "tanh", time: "concat", seed: 1});
  const field = mlpField(net);
  const x = rng(2).fillNormal(new Float64Array(10)) as Float64Array;

  it("mlpField(net) has the network's exact divergence: it matches a central-difference trace", () => {
    const exact = new Float64Array(5);
    field.divergence!(exact, x, 5, 0.3);
    const numeric = new Float64Array(5);
    divergenceFn({dim: 2, velocity: field.velocity}, 5)(numeric, x, 5, 0.3);
    assertAllClose(exact, numeric, {atol: 1e-8});
  });

  it("mlpField(net)'s Jacobian-vector products match central differences of its velocity", () => {
    const v = rng(3).fillNormal(new Float64Array(10)) as Float64Array;
    const jv = new Float64Array(10);
    field.jvp!(jv, x, v, 5, 0.7);
    const h = 1e-6;
    const up = new Float64Array(10);
    const down = new Float64Array(10);
    field.velocity(
      up,
      x.map((xi, i) => xi + h * v[i]!),
      5,
      0.7
    );
    field.velocity(
      down,
      x.map((xi, i) => xi - h * v[i]!),
      5,
      0.7
    );
    assertAllClose(
      jv,
      up.map((u, i) => (u - down[i]!) / (2 * h)),
      {atol: 1e-8}
    );
  });

  it("the reverse-mode VJP is the transpose of the JVP: w·(J v) = (Jᵀ w)·v per point (engine-reference (d)6)", () => {
    const [v, w] = [4, 5].map((seed) => rng(seed).fillNormal(new Float64Array(10)) as Float64Array);
    const jv = new Float64Array(10);
    field.jvp!(jv, x, v!, 5, 0.7);
    const leaf = parameter(x.slice(), 5, 2);
    sum(mul(net.forward(leaf, 0.7), tensor(w!, 5, 2))).backward();
    const jtw = leaf.grad!;
    const dot = (a: Float64Array, b: Float64Array, i: number) => a[2 * i]! * b[2 * i]! + a[2 * i + 1]! * b[2 * i + 1]!;
    const forward = [0, 1, 2, 3, 4].map((i) => dot(w!, jv, i));
    const reverse = [0, 1, 2, 3, 4].map((i) => dot(jtw, v!, i));
    assertAllClose(reverse, forward, {rtol: 1e-12, atol: 1e-14});
  });

  it("mlpField() refuses a network whose output dimension differs from its input", () => {
    expect(() => mlpField(mlp({sizes: [2, 4, 3], time: "concat"}))).toThrow(/^invalid mlp field/);
  });
});

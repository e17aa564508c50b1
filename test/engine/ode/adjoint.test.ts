import {describe, expect, it} from "vitest";
import {randomNeuralField} from "../../../engine/cnf/random-field.ts";
import {linearField} from "../../../engine/fields/linear.ts";
import {adjointGradient} from "../../../engine/ode/adjoint.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {assertAllClose} from "../../assert.ts";

/** L = ½‖x_1‖² summed over points, so ∂L/∂x_1 = x_1. */
const halfSquare = (out: Float64Array, x1: Float64Array) => out.set(x1);

/** ∂L/∂x_0 by central differences of the forward solve. */
function finiteDifferences(velocity: (out: Float64Array, y: Float64Array, t: number) => void, x0: Float64Array) {
  const h = 1e-6;
  const loss = (x: Float64Array) => {
    const {y} = integrate(velocity, x, {solver: "rk4", steps: 200});
    return 0.5 * y.reduce((s, v) => s + v * v, 0);
  };
  return x0.map((_, j) => {
    const up = x0.slice();
    const down = x0.slice();
    up[j]! += h;
    down[j]! -= h;
    return (loss(up) - loss(down)) / (2 * h);
  });
}

describe("adjointGradient", () => {
  it("adjointGradient() of a linear field is e^{Aᵀ} e^{A} x_0 for L = ½‖x_1‖²", () => {
    const field = linearField({a: [-0.3, 1.1, -0.7, 0.2]});
    const x0 = new Float64Array([0.5, -1.2]);
    const {gradient, x0: back} = adjointGradient(field, x0, 1, halfSquare, {solver: "rk4", steps: 100});
    const {e} = field.flowOver(1);
    const x1 = [e[0] * 0.5 + e[1] * -1.2, e[2] * 0.5 + e[3] * -1.2];
    assertAllClose(gradient, [e[0] * x1[0]! + e[2] * x1[1]!, e[1] * x1[0]! + e[3] * x1[1]!], {atol: 1e-9});
    assertAllClose(back, x0, {atol: 1e-9});
  });

  it("adjointGradient() through a random neural field agrees with finite differences of the forward solve", () => {
    const {field} = randomNeuralField({seed: 4, scale: 2});
    const x0 = new Float64Array([0.3, -0.8, -1.5, 1.1]);
    const {gradient} = adjointGradient(field, x0, 2, halfSquare, {solver: "rk4", steps: 200});
    const expected = finiteDifferences((out, y, t) => field.velocity(out, y, 2, t), x0);
    assertAllClose(gradient, expected, {atol: 1e-6});
  });

  it("adjointGradient() refuses a field without JVPs", () => {
    const field = {dim: 2, velocity: () => undefined};
    expect(() => adjointGradient(field, new Float64Array(2), 1, halfSquare)).toThrow(/needs the field's jvp/);
  });
});

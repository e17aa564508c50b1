import {describe, expect, it} from "vitest";
import {numericGrad} from "../../../engine/autodiff/gradcheck.ts";
import {Value, value} from "../../../engine/autodiff/value.ts";

/** A neuron-like expression touching every Value op: tanh(w·x + b)·exp(x/3) − log(b)^2 + relu(w − x)/x. */
function expression(x: Value, w: Value, b: Value): Value {
  const neuron = w.mul(x).add(b).tanh();
  return neuron.mul(x.div(3).exp()).sub(b.log().pow(2)).add(w.sub(x).relu().div(x)).add(x.neg().mul(0.5));
}

describe("Value", () => {
  it("backward() matches central finite differences for every input", () => {
    const inputs = [0.7, -1.3, 1.6];
    const [x, w, b] = inputs.map(value) as [Value, Value, Value];
    expression(x, w, b).backward();
    const point = Float64Array.from(inputs);
    const f = () => expression(value(point[0]!), value(point[1]!), value(point[2]!)).data;
    const numeric = numericGrad(f, point);
    [x, w, b].forEach((v, i) =>
      expect(Math.abs(v.grad - numeric[i]!)).toBeLessThan(1e-8 * Math.max(1, Math.abs(v.grad)))
    );
  });

  it("a value used twice accumulates both contributions (micrograd's a + a bug)", () => {
    const a = value(3);
    a.add(a).backward();
    expect(a.grad).toBe(2);
  });

  it("records the graph: inputs and op names", () => {
    const y = value(2).mul(value(4)).tanh();
    expect(y.op).toBe("tanh");
    expect(y.prev[0]!.op).toBe("*");
    expect(y.prev[0]!.prev.map((v) => v.data)).toEqual([2, 4]);
  });
});

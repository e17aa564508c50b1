import {describe, expect, it} from "vitest";
import {randomNeuralField} from "../../../engine/cnf/random-field.ts";

describe("randomNeuralField", () => {
  const x = new Float64Array([0.4, -1, 2, 0.5]);

  it("randomNeuralField() is the seeded network's output at [x, t], linear in nothing but reproducible", () => {
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    randomNeuralField({seed: 3}).field.velocity(a, x, 2, 0.2);
    randomNeuralField({seed: 3}).net.evaluate(b, x, 2, 0.2);
    expect(Array.from(a)).toEqual(Array.from(b));
    const later = new Float64Array(4);
    randomNeuralField({seed: 3}).field.velocity(later, x, 2, 0.9);
    expect(Array.from(later)).not.toEqual(Array.from(a));
  });

  it("randomNeuralField() at scale 0 is a still field; scale multiplies every weight", () => {
    const still = new Float64Array(4).fill(1);
    randomNeuralField({seed: 1, scale: 0}).field.velocity(still, x, 2, 0.5);
    expect(Array.from(still)).toEqual([0, 0, 0, 0]);
    const one = randomNeuralField({seed: 1}).net.parameters();
    const two = randomNeuralField({seed: 1, scale: 2}).net.parameters();
    one.forEach((p, k) => p.data.forEach((v, i) => expect(two[k]!.data[i]).toBe(2 * v)));
  });

  it("randomNeuralField() refuses a negative scale", () => {
    expect(() => randomNeuralField({scale: -1})).toThrow(/invalid scale: -1/);
  });
});

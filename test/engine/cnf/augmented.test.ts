import {describe, expect, it} from "vitest";
import {augment, augmentedDeriv} from "../../../engine/cnf/augmented.ts";
import {divergenceFn} from "../../../engine/cnf/divergence.ts";
import {linearField} from "../../../engine/fields/linear.ts";
import {assertAllClose} from "../../assert.ts";

describe("augmentedDeriv", () => {
  const field = linearField({a: [1, 2, 0, 0.5], b: [0, 1]});
  const n = 2;
  const y = augment(new Float64Array([1, 1, -1, 2]), n, 2, new Float64Array([7, 8]));

  it("augmentedDeriv(field, n, div, ±1) lays the state out as [x | ℓ] with dℓ/dt = ±∇·u", () => {
    expect(Array.from(y)).toEqual([1, 1, -1, 2, 7, 8]);
    const out = new Float64Array(6);
    augmentedDeriv(field, n, divergenceFn(field, n), 1)(out, y, 0);
    assertAllClose(out, [3, 1.5, 3, 2, 1.5, 1.5], {rtol: 1e-15});
    augmentedDeriv(field, n, divergenceFn(field, n), -1)(out, y, 0);
    assertAllClose(out.subarray(4), [-1.5, -1.5], {rtol: 1e-15});
  });

  it("augmentedDeriv() refuses a state of the wrong size", () => {
    const f = augmentedDeriv(field, 3, divergenceFn(field, 3), 1);
    expect(() => f(new Float64Array(6), y, 0)).toThrow("shape mismatch: [6] vs [9]");
  });
});

import {describe, expect, it} from "vitest";
import {independentCoupling, otCoupling, sbCoupling, sinkhornCoupling} from "../../../engine/couplings/coupling.ts";
import {poolCoupling, reflowCoupling} from "../../../engine/couplings/reflow.ts";
import {rotationField} from "../../../engine/fields/rotation.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

const n = 64;
const r = rng(5);
const x0 = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
const x1 = (r.fillNormal(new Float64Array(2 * n)) as Float64Array).map((v, k) => v + (k % 2 ? -1 : 3));

function meanSq(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k]! - b[k]!) ** 2;
  return (2 * s) / a.length;
}

describe("couplings", () => {
  it("independent returns the draws unchanged", () => {
    const p = independentCoupling().pair(x0, x1, n, rng(0));
    expect(p.x0).toBe(x0);
    expect(p.x1).toBe(x1);
  });

  it("exact OT without replacement is a permutation of x1 with lower cost than the independent pairing", () => {
    const p = otCoupling({replace: false}).pair(x0, x1, n, rng(0));
    expect(Array.from(p.x0)).toEqual(Array.from(x0));
    const rows = (a: Float64Array) => Array.from({length: n}, (_, k) => `${a[2 * k]},${a[2 * k + 1]}`).sort();
    expect(rows(p.x1)).toEqual(rows(x1));
    expect(meanSq(p.x0, p.x1)).toBeLessThan(meanSq(x0, x1));
  });

  it("exact OT with replacement draws only pairs of the optimal permutation", () => {
    const perm = otCoupling({replace: false}).pair(x0, x1, n, rng(0));
    const partner = new Map<string, string>();
    for (let k = 0; k < n; k++) partner.set(`${perm.x0[2 * k]}`, `${perm.x1[2 * k]}`);
    const p = otCoupling().pair(x0, x1, n, rng(1));
    for (let k = 0; k < n; k++) expect(partner.get(`${p.x0[2 * k]}`)).toBe(`${p.x1[2 * k]}`);
  });

  it("sinkhorn approaches exact OT for small reg and the independent coupling for large reg", () => {
    const exact = meanSq(...pairOf(otCoupling({replace: false})));
    const small = meanSq(...pairOf(sinkhornCoupling(0.05)));
    const large = meanSq(...pairOf(sinkhornCoupling(1e4)));
    expect(small).toBeLessThan(exact * 1.15);
    assertInDelta(large, meanSq(x0, x1), 0.25 * meanSq(x0, x1));
    expect(() => sbCoupling(0)).toThrow("invalid sigma: 0");
  });

  it("reflow pairs are the flow map of the field; the pool coupling draws whole rows", () => {
    const omega = Math.PI / 3;
    const field = rotationField({omega});
    const c = reflowCoupling(field, (m, g) => g.fillNormal(new Float64Array(2 * m)) as Float64Array, 200, rng(2), {
      solver: "rk4",
      steps: 50
    });
    const p = c.pair(x0, x1, 32, rng(3));
    const exact = new Float64Array(64);
    field.flowMap!(exact, p.x0, 32, 0, 1);
    assertAllClose(p.x1, exact, {atol: 1e-8});
    expect(() => poolCoupling(new Float64Array(4), new Float64Array(6))).toThrow("shape mismatch");
  });
});

function pairOf(c: ReturnType<typeof otCoupling>): [Float64Array, Float64Array] {
  const p = c.pair(x0, x1, n, rng(9));
  return [p.x0.slice(), p.x1.slice()];
}

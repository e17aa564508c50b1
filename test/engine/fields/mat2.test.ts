import {describe, expect, it} from "vitest";
import {expm} from "../../../engine/fields/expm.ts";
import {commute, inv, mul, sqrtSpd} from "../../../engine/fields/mat2.ts";
import {normalLogDensity} from "../../../engine/fields/normal.ts";
import {assertAllClose, assertInDelta} from "../../assert.ts";

describe("2×2 algebra", () => {
  it("sqrtSpd(M)² = M and inv(M) M = I for a correlated covariance", () => {
    const m = [2, 0.7, 0.7, 0.5] as const;
    const r = sqrtSpd(m);
    assertAllClose(mul(r, r), m, {rtol: 1e-14});
    assertAllClose(mul(inv(m), m), [1, 0, 0, 1], {atol: 1e-15});
    expect(() => inv([1, 2, 2, 4])).toThrow(/^singular matrix/);
    expect(commute([1, 0, 0, 2], [3, 0, 0, 4])).toBe(true);
    expect(commute([1, 1, 1, 2], [3, 0, 0, 4])).toBe(false);
  });

  it("expm() of θJ is the rotation by θ, and e^{A} e^{−A} = I for a 3×3 matrix", () => {
    assertAllClose(expm([0, -3, 3, 0], 2), [Math.cos(3), -Math.sin(3), Math.sin(3), Math.cos(3)], {atol: 1e-14});
    const a = [0.3, -2, 1, 4, 0.1, -0.5, 2, 1, -1];
    const e = expm(a, 3);
    const f = expm(
      a.map((v) => -v),
      3
    );
    const prod = [0, 1, 2].flatMap((i) =>
      [0, 1, 2].map((j) => [0, 1, 2].reduce((s, k) => s + e[3 * i + k]! * f[3 * k + j]!, 0))
    );
    assertAllClose(prod, [1, 0, 0, 0, 1, 0, 0, 0, 1], {atol: 1e-11});
  });

  it("normalLogDensity() integrates to 1 on a grid", () => {
    const size = 200;
    const h = 16 / size;
    const x = new Float64Array(2 * size * size);
    for (let j = 0; j < size; j++) {
      for (let i = 0; i < size; i++) x.set([-8 + (i + 0.5) * h, -8 + (j + 0.5) * h], 2 * (j * size + i));
    }
    const out = new Float64Array(size * size);
    normalLogDensity(out, x, size * size, [0.5, -1], [2, 0.7, 0.7, 0.5]);
    assertInDelta(out.reduce((s, v) => s + Math.exp(v), 0) * h * h, 1, 1e-6);
  });
});

import {describe, expect, it} from "vitest";
import {normalBase} from "../../../engine/cnf/base.ts";
import {logDensity} from "../../../engine/cnf/log-density.ts";
import {fieldDeriv} from "../../../engine/fields/field.ts";
import {normalLogDensity} from "../../../engine/fields/normal.ts";
import {fieldPreset, fieldPresetNames} from "../../../engine/fields/presets.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";

const x = rng(3).fillNormal(new Float64Array(2 * 12)) as Float64Array;
const n = 12;

/** The Jacobian's columns by central differences of the velocity. */
function jacobianColumns(f: ReturnType<typeof fieldPreset>, t: number): [Float64Array, Float64Array] {
  const h = 1e-6;
  const cols = [0, 1].map((axis) => {
    const plus = x.slice();
    const minus = x.slice();
    for (let i = 0; i < n; i++) {
      plus[2 * i + axis]! += h;
      minus[2 * i + axis]! -= h;
    }
    const up = new Float64Array(2 * n);
    const down = new Float64Array(2 * n);
    f.velocity(up, plus, n, t);
    f.velocity(down, minus, n, t);
    return up.map((v, i) => (v - down[i]!) / (2 * h));
  });
  return [cols[0]!, cols[1]!];
}

describe("fieldPreset", () => {
  it.each(fieldPresetNames)(
    "fieldPreset(%s): divergence and Jacobian-vector products match finite differences",
    (name) => {
      const f = fieldPreset(name, {strength: 1.3});
      const t = 0.37;
      const [c0, c1] = jacobianColumns(f, t);
      const div = new Float64Array(n);
      f.divergence(div, x, n, t);
      assertAllClose(
        div,
        Array.from({length: n}, (_, i) => c0[2 * i]! + c1[2 * i + 1]!),
        {atol: 1e-6}
      );
      const v = rng(9).fillNormal(new Float64Array(2 * n)) as Float64Array;
      const jv = new Float64Array(2 * n);
      f.jvp(jv, x, v, n, t);
      const expected = jv.map((_, j) => {
        const i = j >> 1;
        return c0[j]! * v[2 * i]! + c1[j]! * v[2 * i + 1]!;
      });
      assertAllClose(jv, expected, {atol: 1e-6});
    }
  );

  it.each(fieldPresetNames.filter((name) => fieldPreset(name).flowMap))(
    "fieldPreset(%s): the exact flow map agrees with dopri5",
    (name) => {
      const f = fieldPreset(name, {strength: 0.8});
      const exact = new Float64Array(2 * n);
      f.flowMap!(exact, x, n, 0.1, 0.9);
      const {y} = integrate(fieldDeriv(f, n), x, {t0: 0.1, t1: 0.9, solver: "dopri5", rtol: 1e-10, atol: 1e-10});
      assertAllClose(y, exact, {atol: 1e-8});
    }
  );

  it("fieldPreset(): the sink's p_t from logDensity(t) is the closed-form N(0, e^{-2t} I)", () => {
    const f = fieldPreset("sink");
    const {logp} = logDensity(f, normalBase(), x, n, {t: 0.5, rtol: 1e-9, atol: 1e-9});
    const expected = new Float64Array(n);
    const s = Math.exp(-1);
    normalLogDensity(expected, x, n, [0, 0], [s, 0, 0, s]);
    assertAllClose(logp, expected, {atol: 1e-7});
  });

  it("fieldPreset() refuses an unknown name and a non-finite strength", () => {
    expect(() => fieldPreset("vortex" as never)).toThrow(/unknown field preset: vortex/);
    expect(() => fieldPreset("sink", {strength: NaN})).toThrow(/invalid strength/);
  });
});

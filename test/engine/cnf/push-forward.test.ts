import {describe, expect, it} from "vitest";
import {normalBase} from "../../../engine/cnf/base.ts";
import {logDensity} from "../../../engine/cnf/log-density.ts";
import {pushForward} from "../../../engine/cnf/push-forward.ts";
import {gaussianOtField} from "../../../engine/fields/gaussian-ot.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";

describe("pushForward", () => {
  const field = gaussianOtField({mu1: [2, -1], cov1: [0.25, 0, 0, 4]});
  const n = 12;
  const x0 = normalBase().sample!(n, rng(4));

  it("pushForward() carries log p_t(x_t) along every trajectory (instantaneous change of variables)", () => {
    const r = pushForward(field, normalBase(), x0, n, {rtol: 1e-9, atol: 1e-9, saveAt: [0, 0.3, 0.7, 1]});
    r.trajectory!.t.forEach((t, k) => {
      const state = r.trajectory!.y[k]!;
      const expected = new Float64Array(n);
      field.logDensity(expected, state.subarray(0, 2 * n), n, t);
      assertAllClose(state.subarray(2 * n), expected, {atol: 1e-7});
    });
    const exact = new Float64Array(2 * n);
    field.flowMap(exact, x0, n, 0, 1);
    assertAllClose(r.x1, exact, {atol: 1e-7});
  });

  it("pushForward() and the backward logDensity() agree on the same points", () => {
    const fwd = pushForward(field, normalBase(), x0, n, {solver: "rk4", steps: 40});
    const bwd = logDensity(field, normalBase(), fwd.x1, n, {solver: "rk4", steps: 40});
    assertAllClose(bwd.logp, fwd.logp, {atol: 1e-6});
    assertAllClose(bwd.x0, x0, {atol: 1e-6});
    expect(fwd.nfe).toBe(160);
  });
});

import {beforeAll, describe, expect, it} from "vitest";
import {fieldDeriv} from "../../../engine/fields/field.ts";
import {float64Field} from "../../../engine/fm/likelihood.ts";
import {w2} from "../../../engine/metrics/w2.ts";
import {integrate} from "../../../engine/ode/integrate.ts";
import {checkValues} from "../../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {curvaturePair, type CurvaturePairFrame} from "../../../engine/tasks/curvature-pair.ts";
import {evaluationData, loadWeights} from "../../../engine/weights/index.ts";

beforeAll(async () => {
  await loadAssignmentKernels();
});

async function drive(o: Record<string, unknown>): Promise<CurvaturePairFrame> {
  const job = await curvaturePair.start(checkValues(curvaturePair.options, o), {} as never);
  let last: CurvaturePairFrame | undefined;
  for (;;) {
    const slice = job.run(50);
    last = slice.frame ?? last;
    if (slice.done) break;
  }
  return last!;
}

/** Path energy and displacement recomputed here: RK4 with 200 steps, velocities at every grid time, trapezoid rule. */
function independent(field: ReturnType<typeof float64Field>, x0: Float64Array, n: number) {
  const r = integrate(fieldDeriv(field, n), x0, {solver: "rk4", steps: 200, saveAt: "steps"});
  const {t, y} = r.trajectory!;
  const v = new Float64Array(2 * n);
  const speed2 = y.map((state, k) => {
    field.velocity(v, state, n, t[k]!);
    let s = 0;
    for (const c of v) s += c * c;
    return s / n;
  });
  let energy = 0;
  for (let k = 1; k < t.length; k++) energy += ((t[k]! - t[k - 1]!) * (speed2[k]! + speed2[k - 1]!)) / 2;
  let displacement = 0;
  for (let i = 0; i < 2 * n; i++) displacement += (r.y[i]! - x0[i]!) ** 2 / n;
  return {energy, displacement};
}

describe("curvature-pair", () => {
  it("NFE, path energy, straightness and W2 agree with independent computations on the same weights", async () => {
    const n = 200;
    const f = await drive({n, paths: 10, tolerance: "1e-4"});
    expect(f.done).toBe(true);
    expect(f.models).toEqual(["i-cfm", "ot-cfm"]);
    const {source, heldOut} = evaluationData(n);
    for (const [i, name] of f.models.entries()) {
      const m = f.measures[i]!;
      const field = float64Field((await loadWeights(name as "i-cfm")).model);
      const r = integrate(fieldDeriv(field, n), source, {solver: "dopri5", rtol: 1e-4, atol: 1e-4});
      expect(m.nfe).toBe(r.nfe);
      expect(m.w2).toBeCloseTo(w2(r.y, heldOut, n), 3);
      const ref = independent(field, source, n);
      expect(m.energy).toBeCloseTo(ref.energy, 2);
      expect(m.displacement).toBeCloseTo(ref.displacement, 2);
      expect(m.straightness).toBeCloseTo(ref.energy - ref.displacement, 2);
      expect(m.trajectories.length).toBe(33 * 10 * 2);
    }
    // The slide's claim: OT-CFM's paths are straighter and cheaper, while both reach nearly the same p₁.
    const [icfm, otcfm] = f.measures as [CurvaturePairFrame["measures"][0], CurvaturePairFrame["measures"][0]];
    expect(otcfm.straightness).toBeLessThan(icfm.straightness);
    expect(otcfm.nfe).toBeLessThanOrEqual(icfm.nfe);
    process.stderr.write(
      `curvature-pair: ${JSON.stringify(f.measures.map((m) => ({nfe: m.nfe, e: m.energy, d: m.displacement, s: m.straightness, w2: m.w2})))}\n`
    );
  }, 120_000);
});

import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {
  computeContinuity,
  continuity,
  flow1d,
  flows1d,
  M0,
  RATE,
  S0,
  TRAFFIC_FLUX,
  type ContinuityState
} from "../../demos/continuity.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const base = defaults(continuity.state);

/** p_t for u = a x, independently: x_t = x_0 e^{at}, so p_t(x) = p_0(x e^{−at}) e^{−at}. */
function pushed(a: number, x: number, t: number): number {
  const x0 = x * Math.exp(-a * t);
  return (Math.exp(-0.5 * ((x0 - M0) / S0) ** 2) / (S0 * Math.sqrt(2 * Math.PI))) * Math.exp(-a * t);
}

describe("continuity", () => {
  it("the linear flows' p_t is p_0 pushed by x ↦ x e^{at}, and their ∂ₜp is the time derivative of that", () => {
    for (const [flow, a] of [
      ["stretch", RATE],
      ["squeeze", -RATE]
    ] as const) {
      const m = flow1d(flow);
      for (const t of [0, 0.3, 0.8])
        for (const x of [-1.5, -0.2, 0.4, 1.1, 2.3]) {
          assertInDelta(m.p(x, t), pushed(a, x, t), 1e-14, `${flow} p`);
          const h = 1e-5;
          assertInDelta(m.dpdt(x, t), (pushed(a, x, t + h) - pushed(a, x, t - h)) / (2 * h), 1e-8, `${flow} ∂ₜp`);
        }
    }
  });

  it("the strip's −∂ₓ(p u) by finite differences equals the exact ∂ₜp (the continuity equation holds)", () => {
    for (const flow of flows1d)
      for (const t of [0, 0.5, 1]) {
        const f = computeContinuity({...base, flow, t});
        expect(f.mismatch).toBeLessThan(1e-7);
        for (const r of f.rows) assertInDelta(r.fd, r.exact, 1e-7, `${flow} at x = ${r.x}`);
      }
  });

  it("steady traffic: the flux p u is the constant c, ∂ₜp = 0, yet ∂ₓu ≠ 0 (fast where p is low)", () => {
    const m = flow1d("traffic");
    const f = computeContinuity({...base, flow: "traffic"});
    for (const r of f.rows) {
      assertInDelta(r.j, TRAFFIC_FLUX, 1e-15);
      assertInDelta(r.fd, 0, 1e-10);
      expect(r.exact).toBe(0);
    }
    // ∂ₓu = −c p′/p², p′ = 0.5 cos x / 2π: at x = 0 it is −c·(0.5/2π)/(1/2π)² = −0.5
    const h = 1e-6;
    assertInDelta((m.u(h, 0) - m.u(-h, 0)) / (2 * h), -0.5, 1e-6);
    // speed at the jam (x = π/2, p highest) and at the gap (x = 3π/2): 2/3 and 2
    assertInDelta(m.u(Math.PI / 2, 0), 2 / 3, 1e-12);
    assertInDelta(m.u((3 * Math.PI) / 2, 0), 2, 1e-12);
  });

  it("the 2D flux arrows are p u on the grid", () => {
    const f = computeContinuity({...base, view: "2d", field: "rotation", t: 0});
    const {nx, values} = f.flux;
    // rotation at t = 0: p = p_0 = N((1.4, 0), 0.36 I), u = (−y, x)
    const i = 8;
    const j = 4;
    const x = -3 + ((i + 0.5) * 6) / nx;
    const y = -3 + ((j + 0.5) * 6) / nx;
    const p = Math.exp(-((x - 1.4) ** 2 + y * y) / (2 * 0.36)) / (2 * Math.PI * 0.36);
    assertInDelta(values[2 * (j * nx + i)]!, -y * p, 1e-14);
    assertInDelta(values[2 * (j * nx + i) + 1]!, x * p, 1e-14);
  });

  it("draws its views", () => {
    const states: [string, ContinuityState][] = [
      ["continuity", base],
      ["continuity-traffic", {...base, flow: "traffic"}],
      ["continuity-2d", {...base, view: "2d"}]
    ];
    for (const [name, s] of states) expectSvgSnapshot(name, continuity.render(computeContinuity(s), {}, s));
    expect(continuity.describe!(undefined, {}, {...base, flow: "traffic"})).toContain("0.159");
  });

  it("computes a frame fast enough for the page", () => {
    computeContinuity({...base, t: 0.9}); // warm up
    // the fastest of five frames (the machine may be shared)
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      computeContinuity({...base, t: i / 5});
      best = Math.min(best, performance.now() - start);
    }
    expect(best).toBeLessThan(20);
  });
});

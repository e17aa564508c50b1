import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {
  boxFlux,
  boxOf,
  computeBoxFlux,
  divergenceIntegral,
  gaussianAt,
  linearOf,
  linearPresets,
  massInside,
  massRate,
  outflux,
  readoutLines,
  type BoxFluxState
} from "../../demos/box-flux.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const base = defaults(boxFlux.state);

/** N(x; m, C) written out independently of the demo. */
function normal(m: readonly number[], c: readonly number[], x: number, y: number): number {
  const det = c[0]! * c[3]! - c[1]! * c[2]!;
  const [dx, dy] = [x - m[0]!, y - m[1]!];
  const q = (c[3]! * dx * dx - (c[1]! + c[2]!) * dx * dy + c[0]! * dy * dy) / det;
  return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
}

const boxes = [
  {bx: 0, by: 1.2, size: 1.4},
  {bx: 1.2, by: 0, size: 1},
  {bx: -0.5, by: -0.7, size: 2.4},
  {bx: 2, by: 0.5, size: 0.5}
];

describe("box-flux", () => {
  it("dM/dt = −∮ p u·n dS = −∫_V ∇·(p u) dx for every linear preset, several boxes and times", () => {
    for (const preset of linearPresets) {
      for (const b of boxes) {
        for (const t of [0, 0.35, 0.9]) {
          const field = linearOf(preset, 1.3);
          const box = boxOf(b);
          const rate = massRate(field, box, t);
          const out = outflux(field, box, t);
          const div = divergenceIntegral(field, box, t);
          const scale = Math.max(1e-3, Math.abs(rate));
          assertInDelta(rate, -out, 1e-9 * scale + 1e-12, `${preset} ${JSON.stringify(b)} t=${t}: rate vs outflux`);
          assertInDelta(out, div, 1e-9 * scale + 1e-12, `${preset}: outflux vs ∫∇·(pu)`);
        }
      }
    }
  });

  it("p_t is e^{tA} applied to p_0 (checked against a series for e^{tA}), and the mass over a huge box is 1", () => {
    const field = linearOf("spiral", 1);
    const t = 0.6;
    // e^{tA} by its Taylor series, independently of the engine's expm
    const a = field.a.map((v) => v * t);
    let term = [1, 0, 0, 1];
    const e = [1, 0, 0, 1];
    for (let k = 1; k < 30; k++) {
      term = [
        (term[0]! * a[0]! + term[1]! * a[2]!) / k,
        (term[0]! * a[1]! + term[1]! * a[3]!) / k,
        (term[2]! * a[0]! + term[3]! * a[2]!) / k,
        (term[2]! * a[1]! + term[3]! * a[3]!) / k
      ];
      for (let i = 0; i < 4; i++) e[i]! += term[i]!;
    }
    const g = gaussianAt(field, t);
    assertInDelta(g.mean[0], e[0]! * 1.4, 1e-12);
    assertInDelta(g.mean[1], e[2]! * 1.4, 1e-12);
    // C_t = 0.36 E Eᵀ
    assertInDelta(g.cov[0], 0.36 * (e[0]! ** 2 + e[1]! ** 2), 1e-12);
    assertInDelta(g.cov[1], 0.36 * (e[0]! * e[2]! + e[1]! * e[3]!), 1e-12);
    assertInDelta(
      massInside(field, {x0: g.mean[0] - 3.5, x1: g.mean[0] + 3.5, y0: g.mean[1] - 3.5, y1: g.mean[1] + 3.5}, t),
      1,
      1e-9
    );
  });

  it("the frame's heatmap is the exact Gaussian, and the readout prints the computed rates", () => {
    const s: BoxFluxState = {...base, preset: "saddle", t: 0.5, bx: 1, by: 0.3};
    const f = computeBoxFlux(s);
    const g = gaussianAt(linearOf("saddle", 1), 0.5);
    const {nx, values} = f.grid;
    for (const [i, j] of [
      [10, 40],
      [50, 36],
      [58, 2]
    ] as const) {
      const x = -3 + ((i + 0.5) * 6) / nx;
      const y = -3 + ((j + 0.5) * 6) / nx;
      assertInDelta(values[j * nx + i]!, normal(g.mean, g.cov, x, y), 1e-14);
    }
    assertInDelta(f.rate, -f.outflux, 1e-8);
    const [first, second] = readoutLines(f);
    expect(first).toContain(f.mass.toPrecision(4));
    expect(second).toContain((-f.outflux).toPrecision(4).replace("-", "−"));
  });

  it("a rotation conserves the mass over a box centred on the origin (nothing crosses a circle's tangent flow... only in and out equally)", () => {
    const field = linearOf("rotation", 1);
    // the field is tangent to circles: over a box centred at the origin, p_t rotates and mass in = mass out
    const box = boxOf({bx: 0, by: 0, size: 1.2});
    assertInDelta(massRate(field, box, 0.4), -outflux(field, box, 0.4), 1e-9);
  });

  it("draws its defaults and examples", () => {
    expectSvgSnapshot("box-flux", boxFlux.render(computeBoxFlux(base), {}, base));
    expect(boxFlux.describe!(undefined, {}, base)).toContain("Mass inside");
  });

  it("computes a frame fast enough for the page", () => {
    computeBoxFlux({...base, t: 0.9}); // warm up
    // the fastest of five frames (the machine may be shared)
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      computeBoxFlux({...base, t: i / 5});
      best = Math.min(best, performance.now() - start);
    }
    expect(best).toBeLessThan(20);
  });
});

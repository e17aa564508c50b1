import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {tensor} from "../../engine/autodiff/tensor.ts";
import {planarLayer} from "../../engine/flows/planar.ts";
import {
  PLANE,
  planarFlow,
  planarFlowFrame,
  planarStack,
  readoutParts,
  type PlanarFlowState
} from "../../demos/planar-flow.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

const options = defaults(planarFlow.options);
const base = defaults(planarFlow.state);

/** Cell (i, j)'s centre, as the demo's raster places it. */
const centre = (i: number, j: number): [number, number] => [
  PLANE[0] + ((i + 0.5) * 6) / 48,
  PLANE[2] + ((j + 0.5) * 6) / 48
];

describe("planar-flow", () => {
  it("the density raster is the engine planar layer's density (constrained, one layer)", () => {
    const s: PlanarFlowState = {...base, ax: -2.2, ay: 0.5, wx: 1.3, wy: 0.9, b: 0.4};
    const f = planarFlowFrame(s, 0);
    const layer = planarLayer({u: [s.ax, s.ay], w: [s.wx, s.wy], b: s.b});
    const cells = [
      [3, 5],
      [20, 40],
      [32, 32],
      [40, 12],
      [47, 47]
    ] as const;
    const xs = cells.map(([i, j]) => centre(i, j));
    const inv = layer.inverse(tensor(xs.flat(), xs.length, 2));
    cells.forEach(([i, j], k) => {
      const z0 = inv.z.data[2 * k]!;
      const z1 = inv.z.data[2 * k + 1]!;
      const logP = -0.5 * (z0 * z0 + z1 * z1) - Math.log(2 * Math.PI) + inv.logDet.data[k]!;
      expect(Math.log(f.density.values[j * 48 + i]!)).toBeCloseTo(logP, 8);
    });
    // det J at a cell = exp of the layer's forward log-det at that z.
    const z = centre(10, 40);
    const fwd = layer.forward(tensor([...z], 1, 2));
    expect(Math.log(f.det.values[40 * 48 + 10]!)).toBeCloseTo(fwd.logDet.data[0]!, 10);
    expect(f.wa).toBeCloseTo(-2.2 * 1.3 + 0.5 * 0.9, 12);
    expect(f.applied).toBeGreaterThan(-1);
    expect(f.folds).toBe(false);
    expect(f.detMin).toBeGreaterThan(0);
  });

  it("folds (ink cells, det < 0) appear exactly when the constraint is off and wᵀa < −1", () => {
    for (const [ax, constrained, folds] of [
      [-1.2, false, true],
      [-1.2, true, false],
      [-0.4, false, false],
      [0.8, false, false]
    ] as const) {
      const f = planarFlowFrame({...base, ax, ay: 0.3, wx: 1.6, wy: 0.4, constrained}, 0);
      expect(f.folds).toBe(folds);
      expect(f.wa < -1 && !constrained).toBe(folds);
      expect(f.detMin < 0).toBe(folds);
      expect(readoutParts(f, {...base, constrained}).some((p) => p.text.includes("folds"))).toBe(folds);
    }
  });

  it("samples and grid are the stack applied to z; K − 1 random layers follow the viewer's", () => {
    const s = {...base, K: 3};
    const f = planarFlowFrame(s, 2);
    expect(f.layers).toHaveLength(3);
    expect(planarStack(s, 2).layers).toEqual(f.layers);
    // The samples on the right are the left ones pushed through each layer in turn.
    let x: [number, number] = [f.z[0]!, f.z[1]!];
    for (const l of f.layers) {
      const h = Math.tanh(l.w[0] * x[0] + l.w[1] * x[1] + l.b);
      x = [x[0] + l.a[0] * h, x[1] + l.a[1] * h];
    }
    expect(f.x[0]).toBeCloseTo(x[0], 12);
    expect(f.x[1]).toBeCloseTo(x[1], 12);
  });

  it("renders the readout, two handles, and the same SVG for the same state", () => {
    const f = planarFlow.snapshot!(options, base);
    const el = planarFlow.render(f, options, base);
    for (const part of readoutParts(f, base)) expect(el.textContent).toContain(part.text.trim());
    expect(el.querySelectorAll("[data-drag]")).toHaveLength(2);
    expectSvgSnapshot("planar-flow", el);
  });
});

describe("planar-flow: the numbers the slide's notes state", () => {
  it("default wᵀa = −0.56; fragment 1 wᵀa = −2.44 and folds; fragment 2 wᵀâ = m(−2.44) ≈ −0.92 and does not", () => {
    const fmt = (v: number) => v.toFixed(2);
    expect(fmt(planarFlowFrame(base, 0).wa)).toBe("-0.56");
    const off = planarFlowFrame({...base, constrained: false, ax: -1.6, ay: 0.3}, 0);
    expect(fmt(off.wa)).toBe("-2.44");
    expect(off.folds).toBe(true);
    const on = planarFlowFrame({...base, constrained: true, ax: -1.6, ay: 0.3}, 0);
    expect(fmt(on.applied)).toBe("-0.92");
    expect(on.folds).toBe(false);
  });
});

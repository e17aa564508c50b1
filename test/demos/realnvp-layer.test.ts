import {describe, expect, it} from "vitest";
import {tensor} from "../../engine/autodiff/tensor.ts";
import {noGrad} from "../../engine/autodiff/tensor.ts";
import {affineCoupling} from "../../engine/flows/coupling.ts";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import {
  logDetRange,
  realNvpLayer,
  realNvpLayerDemo,
  realNvpLayerFrame,
  type RealNvpLayerState
} from "../../demos/realnvp-layer.ts";
import {CELLS, HALF} from "../../demos/coupling/map-panels.ts";
import {cellCentre, couplingForward, couplingInverse, logStandardNormal} from "../../demos/coupling/slider-coupling.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

// Raster layers read the palette from the page and paint on a (fake) canvas, as on a slide.
loadTheme();
stubCanvas();

const base = defaults(realNvpLayerDemo.state) as RealNvpLayerState;

describe("realnvp-layer", () => {
  it("stripes: log|det J| on the grid equals s(z₁) in every column (vertical) and s(z₂) per row once flipped", () => {
    for (const mask of ["keep-1", "keep-2"] as const) {
      const st = {...base, a: 1.1, omega: 2.3, b: 0.4, mask};
      const f = realNvpLayerFrame(st);
      for (let j = 0; j < CELLS; j++) {
        for (let i = 0; i < CELLS; i++) {
          const kept = cellCentre(mask === "keep-1" ? i : j, CELLS, HALF);
          const s = st.a * Math.sin(st.omega * kept);
          expect(Math.log(f.det.values[j * CELLS + i]!)).toBeCloseTo(s, 12);
        }
      }
      expect(logDetRange(f)).toContain(mask === "keep-1" ? "s(z₁)" : "s(z₂)");
    }
  });

  it("the log-det is the Jacobian's: central differences of the layer give det J = e^{s(z_A)}", () => {
    const layer = realNvpLayer({...base, a: 0.9, b: -0.3});
    const p = new Float64Array(2);
    const q = new Float64Array(2);
    const h = 1e-5;
    for (const [z1, z2] of [
      [0.4, 1.1],
      [-2.5, -0.7],
      [1.9, 2.4]
    ] as const) {
      couplingForward(layer, z1 + h, z2, p);
      couplingForward(layer, z1 - h, z2, q);
      const [a, c] = [(p[0]! - q[0]!) / (2 * h), (p[1]! - q[1]!) / (2 * h)];
      couplingForward(layer, z1, z2 + h, p);
      couplingForward(layer, z1, z2 - h, q);
      const [b, d] = [(p[0]! - q[0]!) / (2 * h), (p[1]! - q[1]!) / (2 * h)];
      expect(b).toBe(0); // triangular: x₁ = z₁ ignores z₂
      expect(Math.log(a * d - b * c)).toBeCloseTo(layer.s(z1), 7);
    }
  });

  it("the engine's affineCoupling has the same structure: its log-det depends on the kept coordinate only", () => {
    // Its conditioner is a network; give it random weights so s is not zero, then compare columns of a grid.
    const layer = affineCoupling({keep: 0, width: 8, seed: 3});
    const r = rng(5);
    for (const p of layer.parameters()) for (let i = 0; i < p.data.length; i++) p.data[i] = 0.8 * r.normal();
    const n = 9;
    const z = new Float64Array(2 * n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        z[2 * (j * n + i)] = cellCentre(i, n, HALF);
        z[2 * (j * n + i) + 1] = cellCentre(j, n, HALF);
      }
    }
    const logDet = noGrad(() => layer.forward(tensor(z, n * n, 2)).logDet.data.slice());
    let spread = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 1; j < n; j++) expect(logDet[j * n + i]).toBeCloseTo(logDet[i]!, 12);
      spread = Math.max(spread, Math.abs(logDet[i]! - logDet[0]!));
    }
    expect(spread).toBeGreaterThan(1e-3);
  });

  it("inverse(forward(z)) = z, and the density is p_Z at the inverse divided by e^{s}", () => {
    const layer = realNvpLayer({...base, a: 1.3, omega: 2.7, b: 0.5});
    const x = new Float64Array(2);
    const z = new Float64Array(2);
    for (let i = 0; i < 40; i++) {
      const z1 = -3 + (6 * i) / 39;
      const z2 = 2 * Math.cos(5 * i);
      couplingForward(layer, z1, z2, x);
      couplingInverse(layer, x[0]!, x[1]!, z);
      expect(z[0]).toBeCloseTo(z1, 12);
      expect(z[1]).toBeCloseTo(z2, 12);
    }
    const st = {...base};
    const f = realNvpLayerFrame(st);
    const k = 17 * CELLS + 40;
    const [u, v] = [cellCentre(40, CELLS, HALF), cellCentre(17, CELLS, HALF)];
    const s = st.a * Math.sin(st.omega * u);
    const zb = (v - st.b * u * u) * Math.exp(-s);
    expect(f.density.values[k]).toBeCloseTo(Math.exp(logStandardNormal(u, zb) - s), 14);
  });

  it("renders the stripes' range and the peaks", () => {
    const f = realNvpLayerFrame(base);
    const figure = realNvpLayerDemo.render(f, {}, base);
    expect(figure.textContent).toContain(logDetRange(f));
    expect(f.logDetMax).toBeCloseTo(base.a, 2);
    expect(f.logDetMin).toBeCloseTo(-base.a, 2);
  });
});

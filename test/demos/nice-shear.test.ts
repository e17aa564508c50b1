import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {niceShear, niceShearFrame, niceStack, type NiceShearState} from "../../demos/nice-shear.ts";
import {CELLS, HALF, PRIOR_PEAK} from "../../demos/coupling/map-panels.ts";
import {cellCentre, stackForward, stackInverse} from "../../demos/coupling/slider-coupling.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

// Raster layers read the palette from the page and paint on a (fake) canvas, as on a slide.
loadTheme();
stubCanvas();

const base = defaults(niceShear.state) as NiceShearState;
const settings: NiceShearState[] = [
  base,
  {...base, a: 2, omega: 3, layers: 1},
  {...base, a: 1.8, omega: 2, mask: "keep-2", layers: 3},
  {...base, a: 1.2, omega: 0.7, layers: 4}
];

describe("nice-shear", () => {
  it("det J = 1 exactly: the printed log|det J| is 0 on every cell, and the Jacobian by differences is 1", () => {
    for (const st of settings) {
      const f = niceShearFrame(st);
      expect(f.logDetMin).toBe(0);
      expect(f.logDetMax).toBe(0);
      for (const d of f.det.values) expect(d).toBe(1);
      // Independently: central differences of the map at a few points.
      const stack = niceStack(st);
      const h = 1e-5;
      const p = new Float64Array(2);
      const q = new Float64Array(2);
      for (const [z1, z2] of [
        [0.3, -1.2],
        [-2, 0.5],
        [1.7, 2.2]
      ] as const) {
        stackForward(stack, z1 + h, z2, p);
        stackForward(stack, z1 - h, z2, q);
        const a = (p[0]! - q[0]!) / (2 * h);
        const c = (p[1]! - q[1]!) / (2 * h);
        stackForward(stack, z1, z2 + h, p);
        stackForward(stack, z1, z2 - h, q);
        const b = (p[0]! - q[0]!) / (2 * h);
        const d = (p[1]! - q[1]!) / (2 * h);
        expect(a * d - b * c).toBeCloseTo(1, 6);
      }
    }
  });

  it("the pushed density keeps its peak: max p_X on the grid equals max p_Z on the grid to the grid's resolution", () => {
    for (const st of settings) {
      const f = niceShearFrame(st);
      // p_Z's grid maximum is at the cell centre nearest the origin.
      const c = cellCentre(CELLS / 2, CELLS, HALF);
      expect(f.priorPeak).toBeCloseTo(PRIOR_PEAK * Math.exp(-c * c), 12);
      expect(f.pushedPeak).toBeLessThanOrEqual(PRIOR_PEAK + 1e-12);
      expect(Math.abs(f.pushedPeak - f.priorPeak)).toBeLessThan(2e-3);
      // The printed numbers (3 decimals) are equal.
      expect(f.pushedPeak.toFixed(3)).toBe(f.priorPeak.toFixed(3));
    }
  });

  it("the density is p_Z at the exact inverse: mass 1 on the plane while it stays in view", () => {
    const f = niceShearFrame(base);
    const cell = (2 * HALF) / CELLS;
    const mass = Array.from(f.density.values).reduce((s, v) => s + v, 0) * cell * cell;
    expect(mass).toBeGreaterThan(0.97);
    expect(mass).toBeLessThan(1.001);
  });

  it("inverse(forward(z)) = z for the slider layers", () => {
    const z = new Float64Array(2);
    const x = new Float64Array(2);
    for (const st of settings) {
      const stack = niceStack(st);
      for (let i = 0; i < 50; i++) {
        const z1 = -3 + (6 * i) / 49;
        const z2 = Math.sin(3 * i);
        stackForward(stack, z1, z2, x);
        stackInverse(stack, x[0]!, x[1]!, z);
        expect(z[0]).toBeCloseTo(z1, 12);
        expect(z[1]).toBeCloseTo(z2, 12);
      }
    }
  });

  it("masks alternate: one layer leaves z₁ alone, two layers move both coordinates", () => {
    const x = new Float64Array(2);
    stackForward(niceStack(base), 1, 0, x);
    expect(x[0]).toBe(1);
    stackForward(niceStack({...base, layers: 2}), 1, 0, x);
    expect(x[0]).not.toBe(1);
    stackForward(niceStack({...base, mask: "keep-2"}), 1, 0, x);
    expect(x[1]).toBe(0);
  });

  it("renders both panels with the printed peaks", () => {
    const figure = niceShear.render(niceShearFrame(base), {}, base);
    const f = niceShearFrame(base);
    expect(figure.textContent).toContain(`peak p_X ${f.pushedPeak.toFixed(3)}, peak p_Z ${f.priorPeak.toFixed(3)}`);
    expect(figure.textContent).toContain("log|det J| = 0 everywhere");
  });
});

import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {gaussianDensity, linearFrame, linearMap, readoutLines, SINGULAR} from "../../demos/linear-map.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const base = defaults(linearMap.state);
const options = defaults(linearMap.options);

/** p_Z(A⁻¹(x − b)) / |det A| with A⁻¹ by Cramer's rule: the change of variables, not the Gaussian formula. */
function changeOfVariables(a: number[], b: number[], x1: number, x2: number): number {
  const d = a[0]! * a[3]! - a[1]! * a[2]!;
  const y1 = x1 - b[0]!;
  const y2 = x2 - b[1]!;
  const z1 = (a[3]! * y1 - a[1]! * y2) / d;
  const z2 = (-a[2]! * y1 + a[0]! * y2) / d;
  return Math.exp(-0.5 * (z1 * z1 + z2 * z2)) / (2 * Math.PI) / Math.abs(d);
}

const cases = [
  {a11: 1.5, a21: 0, a12: 0, a22: 0.6, b1: 0, b2: 0},
  {a11: 1, a21: 0, a12: 1, a22: 1, b1: 0.3, b2: -0.2},
  {a11: -1.2, a21: 0, a12: 0, a22: 0.9, b1: 0.5, b2: 0},
  {a11: 0.7, a21: -1.1, a12: 1.4, a22: 0.3, b1: -1, b2: 1}
];

describe("linear-map", () => {
  it("the heatmap's N(b, AAᵀ) equals p_Z(A⁻¹(x − b)) / |det A| at every grid point", () => {
    for (const c of cases) {
      const s = {...base, ...c};
      const f = linearFrame({grid: 20}, s);
      const a = [c.a11, c.a12, c.a21, c.a22];
      for (let j = 0; j < 20; j++) {
        for (let i = 0; i < 20; i++) {
          const x1 = -3 + (i + 0.5) * 0.3;
          const x2 = -3 + (j + 0.5) * 0.3;
          const want = changeOfVariables(a, [c.b1, c.b2], x1, x2);
          expect(f.density![j * 20 + i]!).toBeCloseTo(want, 12);
          expect(gaussianDensity(f.a, f.b, x1, x2)).toBeCloseTo(want, 12);
        }
      }
    }
  });

  it("prints det A = a₁₁a₂₂ − a₁₂a₂₁, equal to the drawn parallelogram's area up to the sign", () => {
    for (const c of cases) {
      const f = linearFrame(options, {...base, ...c});
      const d = c.a11 * c.a22 - c.a12 * c.a21;
      expect(f.det).toBe(d);
      expect(f.area).toBeCloseTo(Math.abs(d), 12);
      const [first, second] = readoutLines(f);
      expect(first).toContain(`= ${(d < 0 ? "−" : "") + Math.abs(d).toFixed(3)}`);
      expect(second).toContain(`area (its corners) = ${Math.abs(d).toFixed(3)}`);
      expect(second).toContain(d < 0 ? "orientation flipped" : "orientation kept");
    }
  });

  it("a singular A warns, draws no density and never prints NaN", () => {
    for (const c of [
      {a11: 1, a21: 0.5, a12: 2, a22: 1},
      {a11: 0, a21: 0, a12: 0, a22: 0},
      {a11: 1.2, a21: 0.6, a12: 1.6, a22: 0.82}
    ]) {
      const s = {...base, ...c};
      const f = linearFrame(options, s);
      expect(Math.abs(f.det)).toBeLessThan(SINGULAR);
      expect(f.singular).toBe(true);
      expect(f.density).toBeUndefined();
      const el = linearMap.render(f, options, s);
      expect(el.textContent).toContain("collapses onto a line");
      expect(el.textContent).not.toMatch(/NaN|Infinity/);
      expect(linearMap.describe!(f, options, s)).not.toMatch(/NaN|Infinity/);
    }
  });

  it("renders the readout it computed and the same SVG for the same state", () => {
    const f = linearMap.snapshot!(options, base);
    const el = linearMap.render(f, options, base);
    const [a, b] = readoutLines(f);
    expect(el.textContent).toContain(a);
    expect(el.textContent).toContain(b);
    expect(el.querySelectorAll('[data-drag="col1"], [data-drag="col2"], [data-drag="shift"]')).toHaveLength(3);
    expectSvgSnapshot("linear-map", el);
  });
});

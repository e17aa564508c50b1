import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {normalCdf, normalPdf} from "../../engine/stats/normal.ts";
import {
  changeOfVariables,
  computeFrame,
  mapOf,
  readoutLines,
  simpson,
  type CovState
} from "../../demos/change-of-variables.ts";

const options = defaults(changeOfVariables.options);
const base = defaults(changeOfVariables.state);
const settings: CovState[] = [
  {...base, family: "affine", a: 2, b: 0},
  {...base, family: "affine", a: 0.5, b: 0},
  {...base, family: "affine", a: -1.5, b: 1},
  {...base, family: "sinh"},
  {...base, family: "cubic", k: 0.7},
  {...base, family: "logistic"}
];
const name = (s: CovState) => `${s.family} a=${s.a} b=${s.b} k=${s.k}`;

describe("change-of-variables", () => {
  it("equal-mass bins keep equal areas after the map: ∫ p_X over each image is 1/(bins + 2)", () => {
    for (const s of settings) {
      for (const bins of [4, 8, 12]) {
        const f = computeFrame({...options, bins}, s);
        for (let i = 0; i < bins; i++) {
          expect(Math.abs(f.areasZ[i]! - 1 / (bins + 2)), `${name(s)} bin ${i} below`).toBeLessThan(1e-6);
          expect(Math.abs(f.areasX[i]! - 1 / (bins + 2)), `${name(s)} bin ${i} above`).toBeLessThan(1e-4);
        }
      }
    }
  });

  it("the histogram of pushed samples passes a χ² test against the change-of-variables density", () => {
    for (const s of settings) {
      const f = computeFrame({...options, n: 50000, seed: 3}, s);
      const map = f.map;
      // 30 bins over the image of [−2.5, 2.5]; expected counts from ∫ p_X (the formula), not from Φ.
      const [lo, hi] = [f.image[0], f.image[1]];
      const width = (hi - lo) / 30;
      let chi2 = 0;
      let dof = 0;
      for (let b = 0; b < 30; b++) {
        const a = lo + b * width;
        const expected =
          f.samples.length *
          simpson(
            (x) => {
              const z = map.inverse(x);
              return Number.isNaN(z) ? 0 : normalPdf(z) * Math.exp(-map.logDerivative(z));
            },
            a,
            a + width
          );
        let observed = 0;
        for (const x of f.samples) if (x >= a && x < a + width) observed++;
        if (expected < 5) continue;
        chi2 += (observed - expected) ** 2 / expected;
        dof++;
      }
      // χ² with dof degrees of freedom: mean dof, sd √(2 dof); 5 sd is far beyond chance.
      expect(chi2, name(s)).toBeLessThan(dof + 5 * Math.sqrt(2 * dof));
      expect(dof, name(s)).toBeGreaterThan(15);
    }
  });

  it("the probe readout adds up: log p_Z(z) − log|f′(z)| = log p_X(x), and matches the closed forms", () => {
    for (const s of settings) {
      const f = computeFrame(options, {...s, x: 0.3});
      const p = f.probe;
      expect(Math.abs(p.logPz + p.minusLogSlope - p.logPx)).toBeLessThan(1e-12);
      expect(Math.abs(mapOf(s).forward(p.z) - p.x)).toBeLessThan(1e-9);
    }
    // x = a z + b: N(x; b, a²) with |a|, also for a < 0.
    const affine = computeFrame(options, {...base, family: "affine", a: -1.5, b: 1, x: 2.5}).probe;
    expect(affine.logPx).toBeCloseTo(Math.log(normalPdf((2.5 - 1) / 1.5) / 1.5), 12);
    // x = sinh z: N(asinh x; 0, 1)/√(1 + x²).
    const sinh = computeFrame(options, {...base, family: "sinh", x: 2}).probe;
    expect(sinh.logPx).toBeCloseTo(Math.log(normalPdf(Math.asinh(2)) / Math.sqrt(5)), 12);
  });

  it("prints the areas of the probed bin; a bin's mass is Φ(right edge) − Φ(left edge)", () => {
    const f = computeFrame(options, {...base, family: "affine", a: 2, x: 1.6});
    const [first, second] = readoutLines(f, options, {...base, family: "affine", a: 2, x: 1.6});
    const i = f.probe.bin;
    expect(normalCdf(f.edges[i + 1]!) - normalCdf(f.edges[i]!)).toBeCloseTo(0.1, 12);
    expect(first).toMatch(/^bin \d: .* = 0\.100 → .* = 0\.100$/);
    expect(second).toContain("0.100–0.100 above, 0.100 below");
  });

  it("refuses a = 0 with a message naming a", () => {
    expect(() => computeFrame(options, {...base, family: "affine", a: 0})).toThrow(/invalid a: 0/);
  });

  it("the numbers the slide notes state are the demo's", () => {
    const html = readFileSync("slides/01-introduction/slides.html", "utf8");
    const s = {...base, family: "sinh" as const, formula: true, x: 2};
    const [first, second] = readoutLines(computeFrame(options, s), options, s);
    expect(first).toBe("at x = 2.00: z = f⁻¹(x) = 1.44, |f′(z)| = 2.24");
    expect(second).toBe("log p_Z(z) −1.96 + (−log|f′(z)|) −0.80 = log p_X(x) −2.77");
    expect(html).toContain("At x = 2: z = 1.44, |f′(z)| = 2.24, −1.96 + (−0.80) = −2.77");
    // "a = 0.5 … the peak rises to twice 0.40, about 0.80".
    expect(normalPdf(0).toFixed(2)).toBe("0.40");
    expect((normalPdf(0) / 0.5).toFixed(2)).toBe("0.80");
    expect(html).toContain("twice 0.40, about 0.80");
  });
});

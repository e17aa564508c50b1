import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {foldDensity, sineFold} from "../../engine/flows/1d/fold.ts";
import {defaults} from "../../engine/options/schema.ts";
import {normalCdf, normalPdf} from "../../engine/stats/normal.ts";
import {binsOf} from "../../demos/layers/histogram.ts";
import {computeFrame, folds, massesOf, readoutLines, singleBranch, type FoldsState} from "../../demos/folds.ts";

const options = defaults(folds.options);
const base = defaults(folds.state);

/** P(x1[b] ≤ f(Z) < x2[b]) for each bin, Z ~ N(0, 1): Φ-masses of a fine z grid by where each cell lands. */
function pushedMass(map: ReturnType<typeof sineFold>, x1: ArrayLike<number>, x2: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x1.length);
  const h = 1e-4;
  const width = x2[0]! - x1[0]!;
  for (let z = -7; z < 7; z += h) {
    const b = Math.floor((map.forward(z + h / 2) - x1[0]!) / width);
    if (b >= 0 && b < out.length) out[b]! += normalCdf(z + h) - normalCdf(z);
  }
  return out;
}

/** ∫_a^b of a density with 1/√ spikes: the midpoint rule on many cells (never on a spike exactly). */
function integrate(p: (x: number) => number, a: number, b: number, cells = 20000): number {
  const h = (b - a) / cells;
  let sum = 0;
  for (let i = 0; i < cells; i++) sum += p(a + (i + 0.5) * h);
  return sum * h;
}

describe("folds", () => {
  it("the histogram follows the sum over preimages when folded (χ²), and not the single branch", () => {
    for (const [k, omega] of [
      [1.2, 2],
      [1.8, 1.5],
      [-0.9, 3]
    ] as const) {
      const s: FoldsState = {...base, k, omega};
      const f = computeFrame({...options, n: 100000, seed: 5}, s);
      expect(f.map.folded).toBe(true);
      const bins = binsOf(f.samples, {domain: f.view, bins: 40});
      const pushed = pushedMass(f.map, bins.x1, bins.x2);
      let chi2Sum = 0;
      let chi2One = 0;
      let dof = 0;
      for (let b = 0; b < 40; b++) {
        const [a, c] = [bins.x1[b]!, bins.x2[b]!];
        const expected = f.samples.length * pushed[b]!;
        // Away from the caustics, the sum over preimages integrates to the same bin mass.
        if (!f.caustics.some((x) => x >= a - 0.01 && x <= c + 0.01)) {
          const formula = integrate((x) => foldDensity(f.map, x), a, c, 400);
          expect(Math.abs(formula - pushed[b]!), `k=${k} ω=${omega} bin ${b}`).toBeLessThan(1e-4);
        }
        const one = f.samples.length * integrate((x) => singleBranch(f.map, x), a, c, 400);
        const observed = bins.y[b]! * f.samples.length * (c - a);
        if (expected < 5) continue;
        chi2Sum += (observed - expected) ** 2 / expected;
        chi2One += (observed - one) ** 2 / expected;
        dof++;
      }
      expect(chi2Sum, `k=${k} ω=${omega}`).toBeLessThan(dof + 5 * Math.sqrt(2 * dof));
      expect(chi2One, `k=${k} ω=${omega}`).toBeGreaterThan(10 * dof);
    }
  });

  it("the sum over preimages integrates to 1; the single branch too when not folded, less when folded", () => {
    const folded = sineFold(1.2, 2);
    const one = integrate((x) => singleBranch(folded, x), -8, 8, 100000);
    expect(integrate((x) => foldDensity(folded, x), -8, 8, 100000)).toBeCloseTo(1, 1);
    expect(one).toBeLessThan(0.8);
    const smooth = sineFold(0.4, 2);
    expect(integrate((x) => singleBranch(smooth, x), -8, 8, 20000)).toBeCloseTo(1, 6);
    // The masses the readout prints, computed in z, agree with those integrals.
    const m = massesOf(folded);
    expect(m.exactMass).toBeCloseTo(1, 8);
    expect(Math.abs(m.singleMass - one)).toBeLessThan(1e-2);
    expect(massesOf(smooth).singleMass).toBeCloseTo(1, 8);
  });

  it("the readout states the fold condition |k|ω > 1 and the probe's terms add up to p_X(x)", () => {
    for (const [k, omega, folds] of [
      [0.5, 2, false],
      [0.5001, 2, true],
      [-0.6, 2, true],
      [1.2, 2, true]
    ] as const) {
      const s = {...base, k, omega, x: 1.5};
      const f = computeFrame(options, s);
      expect(f.map.folded).toBe(folds);
      expect(readoutLines(f, s)[0]).toContain(folds ? "> 1: folds" : "≤ 1: one-to-one");
      const sum = f.probe.terms.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(foldDensity(f.map, 1.5), 12);
      for (const z of f.probe.preimages) expect(f.map.forward(z)).toBeCloseTo(1.5, 12);
      f.probe.terms.forEach((t, i) => {
        const z = f.probe.preimages[i]!;
        expect(t).toBeCloseTo(normalPdf(z) / Math.abs(1 + k * omega * Math.cos(omega * z)), 12);
      });
    }
  });

  it("marks a caustic at every fold point in view, and only when folded", () => {
    const f = computeFrame(options, base);
    expect(f.caustics.length).toBeGreaterThan(0);
    for (const x of f.caustics) expect(foldDensity(f.map, x + 1e-9) + foldDensity(f.map, x - 1e-9)).toBeGreaterThan(50);
    expect(computeFrame(options, {...base, k: 0.4}).caustics).toEqual([]);
  });

  it("the numbers the slide notes state are the demo's", () => {
    const html = readFileSync("slides/01-introduction/slides.html", "utf8");
    const f = computeFrame(options, {...base, k: 1.2, omega: 2, x: 1.5});
    expect(f.probe.preimages).toHaveLength(3);
    expect(html).toContain("has three preimages");
    expect(f.singleMass.toFixed(2)).toBe("0.69");
    expect(html).toContain("one branch only about 0.69");
    expect((1.2 * 2).toFixed(1)).toBe("2.4");
    expect(html).toContain("(|k|ω = 2.4)");
    expect(html).toContain("k = 0.4 (|k|ω = 0.8)");
  });
});

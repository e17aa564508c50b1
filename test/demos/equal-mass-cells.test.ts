import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {normalCdf} from "../../engine/stats/normal.ts";
import {
  bendMap,
  cellsFrame,
  equalMassCells,
  equalMassEdges,
  pushOutline,
  readoutLines,
  rectangleOutline,
  shoelace,
  stretchMap,
  type CellMap
} from "../../demos/equal-mass-cells.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const base = defaults(equalMassCells.state);
const options = defaults(equalMassCells.options);

/** ∫∫ det J over [a₁, b₁] × [a₂, b₂] by the midpoint rule on m × m sub-cells. */
function integralOfDet(map: CellMap, a1: number, b1: number, a2: number, b2: number, m: number): number {
  const h1 = (b1 - a1) / m;
  const h2 = (b2 - a2) / m;
  let sum = 0;
  for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) sum += map.det(a1 + (i + 0.5) * h1, a2 + (j + 0.5) * h2);
  return sum * h1 * h2;
}

/** det J by central differences of the forward map (independent of the closed form). */
function numericDet(map: CellMap, z1: number, z2: number, h = 1e-5): number {
  const [p1, p2] = map.forward(z1 + h, z2);
  const [m1, m2] = map.forward(z1 - h, z2);
  const [q1, q2] = map.forward(z1, z2 + h);
  const [n1, n2] = map.forward(z1, z2 - h);
  return (((p1 - m1) / (2 * h)) * (q2 - n2)) / (2 * h) - (((q1 - n1) / (2 * h)) * (p2 - m2)) / (2 * h);
}

describe("equal-mass-cells", () => {
  it("every 1D bin and every 2D cell holds exactly 1/(bins + 2) and 1/(bins + 2)² (from Φ)", () => {
    for (const bins of [2, 5, 8, 12]) {
      const e = equalMassEdges(bins);
      for (let i = 0; i < bins; i++) expect(normalCdf(e[i + 1]!) - normalCdf(e[i]!)).toBeCloseTo(1 / (bins + 2), 12);
      const f = cellsFrame({...options, bins}, base);
      expect(f.cells).toHaveLength(bins * bins);
      for (const c of f.cells) expect(c.mass).toBeCloseTo(1 / (bins + 2) ** 2, 12);
    }
  });

  it("the closed-form det J of both maps matches finite differences, and the inverses invert", () => {
    for (const map of [bendMap(1), bendMap(1.5), stretchMap(0.7), stretchMap(0)]) {
      for (const [z1, z2] of [
        [0.3, -0.4],
        [-1.2, 1.1],
        [1.3, 1.3]
      ] as const) {
        expect(map.det(z1, z2)).toBeCloseTo(numericDet(map, z1, z2), 6);
        const [x1, x2] = map.forward(z1, z2);
        const [w1, w2] = map.inverse(x1, x2);
        expect(w1).toBeCloseTo(z1, 12);
        expect(w2).toBeCloseTo(z2, 12);
      }
    }
  });

  it("a cell's image area (shoelace) converges to the integral of |det J| over the cell", () => {
    const map = bendMap(1.2);
    const e = equalMassEdges(8);
    for (const [i, j] of [
      [0, 0],
      [3, 5],
      [7, 2]
    ] as const) {
      const exact = integralOfDet(map, e[i]!, e[i + 1]!, e[j]!, e[j + 1]!, 200);
      const errors = [2, 8, 64].map((side) => {
        const outline = rectangleOutline(e[i]!, e[i + 1]!, e[j]!, e[j + 1]!, side);
        return Math.abs(shoelace(pushOutline(map, outline)) - exact) / exact;
      });
      expect(errors[2]!).toBeLessThan(1e-4);
      expect(errors[2]!).toBeLessThan(errors[0]!);
    }
    // The demo's own cells (12 points a side) are within 1% of the integral.
    const f = cellsFrame(options, {...base, map: "bend", k: 1.2});
    for (const c of f.cells) {
      const exact = integralOfDet(map, e[c.i]!, e[c.i + 1]!, e[c.j]!, e[c.j + 1]!, 60);
      expect(Math.abs(c.xArea - exact) / exact).toBeLessThan(0.01);
    }
  });

  it("the shoelace area of a linear map's image of a rectangle is |det A| times its area", () => {
    const a = [1.3, -0.4, 0.7, -0.9];
    const linear: CellMap = {
      forward: (z1, z2) => [a[0]! * z1 + a[1]! * z2 + 0.5, a[2]! * z1 + a[3]! * z2 - 1],
      inverse: () => [NaN, NaN],
      det: () => a[0]! * a[3]! - a[1]! * a[2]!
    };
    const outline = rectangleOutline(-0.3, 1.1, 0.2, 0.9, 3);
    expect(shoelace(pushOutline(linear, outline))).toBeCloseTo(Math.abs(linear.det(0, 0)) * 1.4 * 0.7, 12);
  });

  it("the stretch map's cells are rectangles whose area ratio is the product of the two 1D width ratios", () => {
    const f = cellsFrame(options, {...base, map: "stretch", k: 1});
    const s = (t: number) => Math.sinh(t);
    for (const c of f.cells) {
      const w1 = s(f.edges[c.i + 1]!) - s(f.edges[c.i]!);
      const w2 = s(f.edges[c.j + 1]!) - s(f.edges[c.j]!);
      expect(c.xArea).toBeCloseTo(w1 * w2, 10);
    }
  });

  it("the probe finds the cell that holds f⁻¹(x), and the readout prints its numbers", () => {
    const s = {...base, x1: 0.6, x2: 0.4};
    const f = cellsFrame(options, s);
    const c = f.cells[f.probe.cell]!;
    const [z1, z2] = bendMap(s.k).inverse(0.6, 0.4);
    expect(z1).toBeGreaterThanOrEqual(f.edges[c.i]!);
    expect(z1).toBeLessThan(f.edges[c.i + 1]!);
    expect(z2).toBeGreaterThanOrEqual(f.edges[c.j]!);
    expect(z2).toBeLessThan(f.edges[c.j + 1]!);
    const [a, b] = readoutLines(f, options);
    expect(a).toContain(`mass 1/100 = ${c.mass.toFixed(4)}`);
    expect(a).toContain(c.xArea.toFixed(3));
    expect(b).toContain((c.mass / c.xArea).toFixed(3));
    // Far out: the grey tails.
    const far = cellsFrame(options, {...base, x1: 8, x2: 8});
    expect(far.probe.cell).toBe(-1);
    expect(readoutLines(far, options)[0]).toContain("grey tails");
  });

  it("renders the readout it computed and the same SVG for the same state", () => {
    const f = equalMassCells.snapshot!(options, base);
    const el = equalMassCells.render(f, options, base);
    const [a, b] = readoutLines(f, options);
    expect(el.textContent).toContain(a);
    expect(el.textContent).toContain(b);
    expect(el.querySelectorAll("svg").length).toBeGreaterThanOrEqual(3);
    expectSvgSnapshot("equal-mass-cells", el);
  });
});

import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {CIRCLE, jacobiEllipse, jacobiFrame, polygonArea, readoutLines} from "../../demos/jacobi-ellipse.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const base = defaults(jacobiEllipse.state);
const options = defaults(jacobiEllipse.options);
const matrices = [
  [0.4, -1, 0.8, 0.1],
  [0, -1, 1, 0],
  [-0.5, 1.2, 0, -0.3],
  [1.5, 0.5, -0.7, -1.5],
  [0.8, 0, 0, 0.8]
];

/** e^{M} by its Taylor series (60 terms), independently of the engine's expm. */
function expTaylor(m: number[]): number[] {
  let term = [1, 0, 0, 1];
  const sum = [1, 0, 0, 1];
  for (let k = 1; k < 60; k++) {
    term = [
      (term[0]! * m[0]! + term[1]! * m[2]!) / k,
      (term[0]! * m[1]! + term[1]! * m[3]!) / k,
      (term[2]! * m[0]! + term[3]! * m[2]!) / k,
      (term[2]! * m[1]! + term[3]! * m[3]!) / k
    ];
    for (let i = 0; i < 4; i++) sum[i]! += term[i]!;
  }
  return sum;
}

describe("jacobi-ellipse", () => {
  it("det e^{tA} = e^{t tr A}, with e^{tA} checked against a Taylor series", () => {
    for (const a of matrices) {
      for (const t of [0, 0.3, 1]) {
        const f = jacobiFrame(options, {...base, a11: a[0]!, a12: a[1]!, a21: a[2]!, a22: a[3]!, t});
        const e = expTaylor(a.map((v) => v * t));
        for (let i = 0; i < 4; i++) expect(f.jacobian[i]).toBeCloseTo(e[i]!, 12);
        expect(f.det).toBeCloseTo(Math.exp(t * (a[0]! + a[3]!)), 12);
        expect(f.expTrace).toBeCloseTo(Math.exp(t * (a[0]! + a[3]!)), 14);
      }
    }
  });

  it("the carried ring's area is π e^{t tr A} (up to the inscribed polygon's factor)", () => {
    const inscribed = (CIRCLE / (2 * Math.PI)) * Math.sin((2 * Math.PI) / CIRCLE);
    for (const a of matrices) {
      const f = jacobiFrame(options, {...base, a11: a[0]!, a12: a[1]!, a21: a[2]!, a22: a[3]!, t: 0.8});
      const exact = Math.PI * Math.exp(0.8 * (a[0]! + a[3]!));
      expect(f.polygonArea / exact).toBeCloseTo(inscribed, 12);
      expect(Math.abs(f.polygonArea / exact - 1)).toBeLessThan(2e-5);
    }
    expect(polygonArea(Float64Array.of(0, 0, 2, 0, 2, 3, 0, 3))).toBe(6);
  });

  it("the samples' covariance matches Σ_t = e^{tA} e^{tAᵀ}", () => {
    const f = jacobiFrame({...options, n: 2000}, base);
    const n = f.samples.length / 2;
    let [c00, c01, c11] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const [x, y] = [f.samples[2 * i]!, f.samples[2 * i + 1]!];
      [c00, c01, c11] = [c00 + (x * x) / n, c01 + (x * y) / n, c11 + (y * y) / n];
    }
    expect(Math.abs(c00 - f.cov[0]) / f.cov[0]).toBeLessThan(0.15);
    expect(Math.abs(c11 - f.cov[3]) / f.cov[3]).toBeLessThan(0.15);
    expect(Math.abs(c01 - f.cov[1])).toBeLessThan(0.15 * Math.sqrt(f.cov[0] * f.cov[3]));
  });

  it("renders the readout it computed and the same SVG for the same state", () => {
    const f = jacobiEllipse.snapshot!(options, base);
    const el = jacobiEllipse.render(f, options, base);
    const [a, b] = readoutLines(f);
    expect(el.textContent).toContain(a);
    expect(el.textContent).toContain(b);
    expectSvgSnapshot("jacobi-ellipse", el);
  });
});

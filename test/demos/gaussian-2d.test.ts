import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {
  computeFrame,
  EXTENT,
  gaussian2d,
  gaussianOf,
  readoutLines,
  type Gaussian2DState
} from "../../demos/gaussian-2d.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";

loadTheme();
stubCanvas();

const base = defaults(gaussian2d.state);
const options = defaults(gaussian2d.options);

/** N(x; μ, Σ) written out with an explicit 2×2 inverse, independently of the demo. */
function density(mu: readonly number[], cov: number[][], x: number, y: number): number {
  const det = cov[0]![0]! * cov[1]![1]! - cov[0]![1]! * cov[1]![0]!;
  const inv = [
    [cov[1]![1]! / det, -cov[0]![1]! / det],
    [-cov[1]![0]! / det, cov[0]![0]! / det]
  ];
  const d = [x - mu[0]!, y - mu[1]!];
  let q = 0;
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) q += d[i]! * inv[i]![j]! * d[j]!;
  return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
}

/** Σ = R diag(σ₁², σ₂²) Rᵀ built as a matrix product. */
function covariance(sd1: number, sd2: number, theta: number): number[][] {
  const r = [
    [Math.cos(theta), -Math.sin(theta)],
    [Math.sin(theta), Math.cos(theta)]
  ];
  const d = [sd1 * sd1, sd2 * sd2];
  return [0, 1].map((i) => [0, 1].map((j) => r[i]![0]! * d[0]! * r[j]![0]! + r[i]![1]! * d[1]! * r[j]![1]!));
}

const settings: Gaussian2DState[] = [
  base,
  {...base, mx: 1.2, my: 0.6, ax: 1.2, ay: 1.2, bx: -0.3, by: 0.3},
  {...base, mx: -1, my: -0.5, ax: 0, ay: 0.6, bx: 1.1, by: 2},
  {...base, ax: 1, ay: 0, bx: 0, by: 1}
];

describe("gaussian-2d", () => {
  it("reads σ₁ and the tilt off the first handle, σ₂ off the second handle's distance from the first axis", () => {
    const g = gaussianOf({...base, ax: 0, ay: 2, bx: -0.5, by: 7});
    assertInDelta(g.sd1, 2, 1e-15);
    assertInDelta(g.theta, Math.PI / 2, 1e-15);
    assertInDelta(g.sd2, 0.5, 1e-15);
  });

  it("det Σ = σ₁²σ₂² = Σ11 Σ22 − Σ12², and Σ = R diag(σ₁², σ₂²) Rᵀ", () => {
    for (const s of settings) {
      const g = gaussianOf(s);
      assertInDelta(g.det, g.sd1 ** 2 * g.sd2 ** 2, 1e-12, "det");
      assertInDelta(g.cov[0] * g.cov[2] - g.cov[1] ** 2, g.det, 1e-12, "det from the entries");
      const c = covariance(g.sd1, g.sd2, g.theta);
      assertInDelta(g.cov[0], c[0]![0]!, 1e-12);
      assertInDelta(g.cov[1], c[0]![1]!, 1e-12);
      assertInDelta(g.cov[2], c[1]![1]!, 1e-12);
    }
  });

  it("the heatmap's values equal the formula N(x; μ, Σ) at every cell centre, and sum to 1 over the plane", () => {
    for (const s of settings) {
      const f = computeFrame(options, s);
      const g = f.gaussian;
      const c = covariance(g.sd1, g.sd2, g.theta);
      const {nx, ny, values} = f.grid;
      const [x0, x1, y0, y1] = EXTENT;
      for (let iy = 0; iy < ny; iy += 7) {
        for (let ix = 0; ix < nx; ix += 5) {
          const x = x0 + ((ix + 0.5) * (x1 - x0)) / nx;
          const y = y0 + ((iy + 0.5) * (y1 - y0)) / ny;
          const e = density(g.mean, c, x, y);
          assertInDelta(values[iy * nx + ix]!, e, 1e-12 * Math.max(1, e), `cell (${ix}, ${iy})`);
        }
      }
      assertInDelta(f.probe.density, density(g.mean, c, s.px, s.py), 1e-12, "probe");
    }
    // A Gaussian well inside the box: the cells hold all its mass.
    const f = computeFrame(options, {...base, ax: 0.8, ay: 0, bx: 0, by: 0.6});
    const cell = ((EXTENT[1] - EXTENT[0]) / f.grid.nx) * ((EXTENT[3] - EXTENT[2]) / f.grid.ny);
    let mass = 0;
    for (const v of Array.from(f.grid.values)) mass += v * cell;
    assertInDelta(mass, 1, 2e-3, "mass");
  });

  it("log N(x; 0, I) = −½‖x‖² − (d/2) log 2π with d = 2, at the probe", () => {
    for (const [px, py] of [
      [1, 1],
      [0, 0],
      [-2.5, 1.7]
    ]) {
      const f = computeFrame(options, {...settings[3]!, px: px!, py: py!});
      assertInDelta(f.probe.logDensity, -0.5 * (px! ** 2 + py! ** 2) - Math.log(2 * Math.PI), 1e-12, `(${px}, ${py})`);
    }
  });

  it("the samples' mean and covariance are within 4 standard errors of μ and Σ (5000 samples)", () => {
    const n = 5000;
    for (const s of settings) {
      const f = computeFrame({n, seed: 7}, s);
      const g = f.gaussian;
      let [m0, m1] = [0, 0];
      for (let i = 0; i < n; i++) [m0, m1] = [m0 + f.points[2 * i]! / n, m1 + f.points[2 * i + 1]! / n];
      assertInDelta(m0, g.mean[0], 4 * Math.sqrt(g.cov[0] / n), "mean x");
      assertInDelta(m1, g.mean[1], 4 * Math.sqrt(g.cov[2] / n), "mean y");
      let [c00, c01, c11] = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const [dx, dy] = [f.points[2 * i]! - m0, f.points[2 * i + 1]! - m1];
        [c00, c01, c11] = [c00 + (dx * dx) / (n - 1), c01 + (dx * dy) / (n - 1), c11 + (dy * dy) / (n - 1)];
      }
      const [s00, s01, s11] = g.cov;
      // Var of a sample covariance entry Σ_ij: (Σ_ii Σ_jj + Σ_ij²) / n.
      assertInDelta(c00, s00, 4 * Math.sqrt((2 * s00 * s00) / n), "Σ11");
      assertInDelta(c01, s01, 4 * Math.sqrt((s00 * s11 + s01 * s01) / n), "Σ12");
      assertInDelta(c11, s11, 4 * Math.sqrt((2 * s11 * s11) / n), "Σ22");
    }
  });

  it("renders the same SVG for the same state, printing Σ, det Σ and the probe's density it computed", () => {
    const s = settings[1]!;
    const f = gaussian2d.snapshot!(options, s);
    const svg = gaussian2d.render(f, options, s);
    const [first, second] = readoutLines(f);
    expect(first).toContain(`det Σ = ${f.gaussian.det.toPrecision(3)}`);
    expect(svg.textContent).toContain(first);
    expect(svg.textContent).toContain(second);
    expect(svg.querySelectorAll("[data-drag]")).toHaveLength(4);
    expectSvgSnapshot("gaussian-2d", svg);
  });
});

import {beforeAll, describe, expect, it} from "vitest";
import {w2} from "../../engine/metrics/w2.ts";
import {defaults} from "../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../engine/ot/wasm-kernels.ts";
import {rng} from "../../engine/random.ts";
import {
  computeThreeViews,
  EULER_STEPS,
  moonsMixture,
  particlesAt,
  threeViews,
  threeViewsField
} from "../../demos/three-views.ts";
import {recordingLayer} from "./layers/fake-canvas.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

beforeAll(async () => {
  await loadAssignmentKernels();
  loadTheme();
  stubCanvas();
});

const options = defaults(threeViews.options);
const state = defaults(threeViews.state);
const frame = computeThreeViews(options);
const w = Array.from(moonsMixture.weights);
const m = Array.from(moonsMixture.means);
const s2 = moonsMixture.covs[0]!;

/** The mixture's density written out: Σ_j w_j N(x; m_j, s² I). */
function density(x: number, y: number): number {
  return w.reduce((p, wj, j) => {
    const d2 = (x - m[2 * j]!) ** 2 + (y - m[2 * j + 1]!) ** 2;
    return p + (wj * Math.exp(-d2 / (2 * s2))) / (2 * Math.PI * s2);
  }, 0);
}

/**
 * The marginal velocity of the straight path at (x, y), independently of engine/fm: per component j, x_t and the
 * target x₁ − x₀ are jointly Gaussian (x_t ~ N(t m_j, v I), v = (1 − t)² + t² s², Cov = (t s² − (1 − t)) I), so
 * E[x₁ − x₀ | x_t = x, j] = m_j + (t s² − (1 − t)) / v · (x − t m_j); the field is their posterior-weighted sum.
 */
function velocity(x: number, y: number, t: number): [number, number] {
  const v = (1 - t) ** 2 + t * t * s2;
  const c = (t * s2 - (1 - t)) / v;
  let [sum, ux, uy] = [0, 0, 0];
  w.forEach((wj, j) => {
    const [mx, my] = [m[2 * j]!, m[2 * j + 1]!];
    const g = wj * Math.exp(-((x - t * mx) ** 2 + (y - t * my) ** 2) / (2 * v));
    sum += g;
    ux += g * (mx + c * (x - t * mx));
    uy += g * (my + c * (y - t * my));
  });
  return [ux / sum, uy / sum];
}

describe("three-views", () => {
  it("its heat map is the mixture's density, and it integrates to 1 over the box", () => {
    // Cell (ix, iy) of the 80 × 52 grid over [-4.8, 6.2] × [-3.5, 3.5], rows from the bottom up.
    const [nx, ny, x0, y0, dx, dy] = [80, 52, -4.8, -3.5, 11 / 80, 7 / 52];
    for (const [ix, iy] of [
      [10, 20],
      [40, 30],
      [70, 5]
    ] as const) {
      const exact = density(x0 + (ix + 0.5) * dx, y0 + (iy + 0.5) * dy);
      expect(frame.density[iy * nx + ix]).toBeCloseTo(exact, 10);
    }
    const mass = frame.density.reduce((a, b) => a + b, 0) * dx * dy;
    expect(frame.density.length).toBe(nx * ny);
    expect(mass).toBeGreaterThan(0.99);
    expect(mass).toBeLessThan(1.01);
  });

  it("its arrows are the posterior-weighted conditional velocities, computed independently", () => {
    const out = new Float64Array(2);
    for (const [x, y, t] of [
      [0.3, -0.4, 0.1],
      [1.7, 1.2, 0.5],
      [-2, 0.5, 0.9]
    ] as const) {
      threeViewsField.velocity(out, Float64Array.from([x, y]), 1, t);
      const [ux, uy] = velocity(x, y, t);
      expect(out[0]).toBeCloseTo(ux, 9);
      expect(out[1]).toBeCloseTo(uy, 9);
    }
  });

  it("the particles follow the arrows by Euler and land on the same distribution as the samples", () => {
    const n = frame.n;
    // Step 1 by hand: x ← x + Δt u_0(x).
    const x0 = particlesAt(frame, 0);
    const v = new Float64Array(2 * n);
    threeViewsField.velocity(v, Float64Array.from(x0), n, 0);
    const x1 = particlesAt(frame, 1 / EULER_STEPS);
    for (let i = 0; i < 2 * n; i += 17) expect(x1[i]).toBeCloseTo(x0[i]! + v[i]! / EULER_STEPS, 5);
    // At t = 1 the particles are as close to the samples as two sample sets are to each other (within 30%).
    const end = Float64Array.from(particlesAt(frame, 1));
    const other = moonsMixture.sample(n, rng(99));
    const floor = w2(moonsMixture.sample(n, rng(98)), other, n);
    expect(w2(end, other, n)).toBeLessThan(1.3 * floor);
  });

  it("draws three panels and paints the dynamics at t (snapshot)", () => {
    const figure = threeViews.render(frame, options, state);
    expect(figure.querySelectorAll("svg").length).toBe(3);
    expect(figure.textContent).toContain("density: p(x)");
    expect(figure.textContent).toContain("sampler: x = G(z)");
    expectSvgSnapshot("threeViews", figure);
    const {layer, draws} = recordingLayer();
    const texts: string[] = [];
    Object.assign(layer.context, {fillText: (s: string) => texts.push(s)});
    threeViews.paint!(layer, frame, options, {t: 0.42});
    expect(texts).toEqual(["t = 0.42"]);
    expect(draws.length).toBeGreaterThanOrEqual(2);
    expect(threeViews.describe!(frame, options, {t: 0.42})).toContain("t = 0.42");
    expect(threeViews.advance!({t: 1}, 0.1, frame)).toBeUndefined();
  });
});

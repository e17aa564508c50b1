import {beforeAll, describe, expect, it} from "vitest";
import {marginalField, type Mixture} from "../../engine/fm/marginal.ts";
import {defaults, parseValues} from "../../engine/options/schema.ts";
import {lipmanPath} from "../../engine/paths/cfm.ts";
import {rng} from "../../engine/random.ts";
import {marginalPath} from "../../demos/marginal-path.ts";
import {frameOf, sceneOf, type State} from "../../demos/marginal-path/scene.ts";
import {assertAllClose, assertInDelta} from "../assert.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

beforeAll(() => {
  loadTheme();
  stubCanvas();
});

const options = defaults(marginalPath.options);
const at = (texts: Record<string, string>): State => ({
  ...defaults(marginalPath.state),
  ...parseValues(marginalPath.state, texts, "test", "state key")
});

/** The data points and normalised weights of a state, read independently of the demo. */
function data(s: State, weights = [3, 2, 2, 1, 1, 1]) {
  const all = s as unknown as Record<string, number>;
  const m = s.count;
  const points = Array.from({length: m}, (_, i) => [all[`p${i + 1}x`]!, all[`p${i + 1}y`]!] as const);
  const total = weights.slice(0, m).reduce((a, b) => a + b, 0);
  return {points, w: weights.slice(0, m).map((v) => v / total)};
}

/** φ_t(x₀ | x₁) = σ_t x₀ + t x₁ of Lipman's path, written out. */
const flow = (sigmaMin: number, t: number, x0: number, x1: number) => (1 - (1 - sigmaMin) * t) * x0 + t * x1;

describe("marginal-path", () => {
  it("posterior view: the marginal arrow is the posterior-weighted sum of conditional arrows, written out by hand", () => {
    const r = rng(11);
    for (let trial = 0; trial < 10; trial++) {
      const [qx, qy, t] = [6 * r.uniform() - 3, 5 * r.uniform() - 2.5, 0.05 + 0.9 * r.uniform()];
      const s = at({view: "posterior", t: String(t), qx: String(qx), qy: String(qy), count: "5", sigma: "0.1"});
      const probe = frameOf(options, s).probe!;
      const {points, w} = data(s);
      const sig = 1 - 0.9 * t;
      // Bayes by hand: prior × N(x; t x₁, σ_t² I), normalised; conditional velocity (x₁ − (1 − σ_min) x) / σ_t.
      const joint = points.map(
        ([x, y], i) => w[i]! * Math.exp(-((qx - t * x) ** 2 + (qy - t * y) ** 2) / (2 * sig ** 2))
      );
      const evidence = joint.reduce((a, b) => a + b, 0);
      const gamma = joint.map((j) => j / evidence);
      const u = [0, 1].map((c) =>
        points.reduce((acc, p, i) => acc + (gamma[i]! * (p[c]! - 0.9 * [qx, qy][c]!)) / sig, 0)
      );
      assertAllClose(probe.gamma, gamma, {rtol: 1e-10, atol: 1e-15});
      assertAllClose(probe.marginal, u, {rtol: 1e-9, atol: 1e-12});
      // …and it is the engine's closed-form marginal field at the probe.
      const mix: Mixture = {
        weights: Float64Array.from(w),
        means: Float64Array.from(points.flat()),
        covs: new Float64Array(4 * points.length)
      };
      const v = new Float64Array(2);
      marginalField(lipmanPath(0.1), mix, mix).velocity(v, new Float64Array([qx, qy]), 1, t);
      assertAllClose(probe.marginal, v, {rtol: 1e-9, atol: 1e-12});
    }
  });

  it("continuity view: the two printed sides agree to finite-difference accuracy at random probes and times", () => {
    const r = rng(3);
    for (let trial = 0; trial < 10; trial++) {
      const [qx, qy, t] = [6 * r.uniform() - 3, 5 * r.uniform() - 2.5, 0.05 + 0.9 * r.uniform()];
      const s = at({view: "continuity", t: String(t), qx: String(qx), qy: String(qy)});
      const c = frameOf(options, s).check!;
      const scale = Math.max(Math.abs(c.dpdt), c.density);
      assertInDelta(c.residual, 0, 1e-6 * scale + 1e-10, `residual at (${qx}, ${qy}, ${t})`);
      // The density printed is the mixture of conditional Gaussians, written out.
      const {points, w} = data(s);
      const sig = 1 - 0.95 * t;
      const p = points.reduce(
        (acc, [x, y], i) =>
          acc +
          (w[i]! * Math.exp(-((qx - t * x) ** 2 + (qy - t * y) ** 2) / (2 * sig ** 2))) / (2 * Math.PI * sig ** 2),
        0
      );
      assertInDelta(c.density, p, 1e-12 * Math.max(1, p), "p_t at the probe");
    }
  });

  it("field view: the conditional arrows are the time derivative of φ_t (a finite difference), at φ_t(x₀)", () => {
    const s = at({view: "field", t: "0.45", selected: "2", sigma: "0.05"});
    const scene = sceneOf(options, s);
    const {points} = data(s);
    const [x1, y1] = points[1]!;
    const r = rng(2);
    const h = 1e-5;
    for (let k = 0; k < 10; k++) {
      const [a, b] = [2 * r.uniform() - 1, 2 * r.uniform() - 1];
      const x = new Float64Array([flow(0.05, 0.45, a, x1), flow(0.05, 0.45, b, y1)]);
      const fd = [
        (flow(0.05, 0.45 + h, a, x1) - flow(0.05, 0.45 - h, a, x1)) / (2 * h),
        (flow(0.05, 0.45 + h, b, y1) - flow(0.05, 0.45 - h, b, y1)) / (2 * h)
      ];
      const u = new Float64Array(2);
      scene.path.velocity(u, new Float64Array(2), new Float64Array([x1, y1]), new Float64Array([0.45]), x, 1);
      assertAllClose(u, fd, {rtol: 1e-8, atol: 1e-9});
    }
    // The frame's arrow grid is that field.
    const frame = frameOf(options, s);
    const g = frame.field!;
    const [cx, cy] = [
      g.extent[0] + (0.5 * (g.extent[1] - g.extent[0])) / g.nx,
      g.extent[2] + (0.5 * (g.extent[3] - g.extent[2])) / g.ny
    ];
    const sig = 1 - 0.95 * 0.45;
    assertAllClose([g.values[0]!, g.values[1]!], [(x1 - 0.95 * cx) / sig, (y1 - 0.95 * cy) / sig], {rtol: 1e-12});
  });

  it("density view: at t = 0 the marginal is exactly N(0, I), whatever the data points", () => {
    const frame = frameOf(options, at({view: "density", t: "0", count: "6"}));
    const g = frame.density!;
    for (const c of [0, 517, 1300, g.nx * g.ny - 1]) {
      const [dx, dy] = [(g.extent[1] - g.extent[0]) / g.nx, (g.extent[3] - g.extent[2]) / g.ny];
      const [x, y] = [g.extent[0] + ((c % g.nx) + 0.5) * dx, g.extent[2] + (Math.floor(c / g.nx) + 0.5) * dy];
      assertInDelta(Number(g.values[c]), Math.exp(-(x * x + y * y) / 2) / (2 * Math.PI), 1e-14, `p_0 at cell ${c}`);
    }
  });

  it("uses the first `count` weights of the option, normalised, and refuses bad weights naming the option", () => {
    const scene = sceneOf({weights: "1 3"}, at({count: "3"}));
    assertAllClose(scene.weights, [0.2, 0.6, 0.2], {rtol: 1e-15});
    expect(() => marginalPath.check!({weights: "1 -2"})).toThrow(/invalid weights: 1 -2/);
    expect(() => marginalPath.check!({weights: "1 2 3 4 5 6 7"})).toThrow(/invalid weights/);
  });

  it("renders every view with the data points as draggable handles, and the computed numbers in the text", () => {
    for (const view of ["density", "field", "posterior", "continuity"]) {
      const s = at({view});
      const frame = frameOf(options, s);
      const svg = marginalPath.render(frame, options, s);
      const drags = [...svg.querySelectorAll("[data-drag]")].map((e) => e.getAttribute("data-drag"));
      expect(drags.slice(0, 4)).toEqual(["p1", "p2", "p3", "p4"]);
      if (view === "posterior" || view === "continuity") expect(drags).toContain("probe");
      const text = marginalPath.describe!(frame, options, s);
      expect(text).toContain("t = 0.50");
      if (view === "continuity") expect(svg.textContent).toContain(frame.check!.dpdt.toPrecision(4));
      if (view === "posterior") expect(text).toContain(frame.probe!.gamma[0]!.toFixed(2));
    }
  });
});

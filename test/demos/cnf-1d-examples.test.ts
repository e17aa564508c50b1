import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {normalCdf} from "../../engine/stats/index.ts";
import {binsOf} from "../../demos/layers/histogram.ts";
import {
  checkParticle,
  cnf1dExamples,
  computeFrame,
  exampleOf,
  readoutLines,
  VIEW,
  type Cnf1dState
} from "../../demos/cnf-1d-examples.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

const options = defaults(cnf1dExamples.options);
const base = defaults(cnf1dExamples.state);

const settings: Cnf1dState[] = [
  base,
  {...base, mu: -2, t: 1, x0: 2},
  {...base, example: "scaling", a: 0.8, t: 1},
  {...base, example: "scaling", a: -0.9, t: 0.8, x0: 1.2},
  {...base, example: "scaling", a: 0.35, t: 0.3, x0: -2.5}
];

/** The exact p_t of each example written out here: N(μt, 1) and N(0, e^{2at}). */
function meanSd(s: Cnf1dState): [number, number] {
  return s.example === "constant" ? [s.mu * s.t, 1] : [0, Math.exp(s.a * s.t)];
}

describe("cnf-1d-examples", () => {
  it("the pushed samples' histogram follows p_t: a χ² statistic within its 99.9% range", () => {
    for (const s of settings) {
      const o = {...options, n: 20000};
      const f = computeFrame(o, s);
      const [m, sd] = meanSd(s);
      const bins = 24;
      // Bins of equal width over m ± 3 sd; expected counts from the exact CDF.
      const lo = m - 3 * sd;
      const hi = m + 3 * sd;
      const counts = binsOf(f.pushed, {domain: [lo, hi], bins});
      const width = (hi - lo) / bins;
      let chi2 = 0;
      for (let i = 0; i < bins; i++) {
        const observed = counts.y[i]! * o.n * width;
        const expected = o.n * (normalCdf((counts.x2[i]! - m) / sd) - normalCdf((counts.x1[i]! - m) / sd));
        chi2 += (observed - expected) ** 2 / expected;
      }
      // 23 degrees of freedom (the tails are left out): the 99.9% quantile of χ²₂₃ is 49.7.
      expect(chi2).toBeLessThan(49.7);
    }
  });

  it("log p_t(x_t) by the closed form equals log p₀(x₀) − ∫₀ᵗ ∇·u ds solved along the trajectory", () => {
    for (const s of settings) {
      const c = checkParticle(exampleOf(s), s.x0, s.t);
      const [m, sd] = meanSd(s);
      const xt = s.example === "constant" ? s.x0 + s.mu * s.t : Math.exp(s.a * s.t) * s.x0;
      assertInDelta(c.xt, xt, 1e-12, "x_t");
      assertInDelta(c.odeXt, xt, 1e-8, "x_t by RK4");
      const closed = -0.5 * ((xt - m) / sd) ** 2 - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
      assertInDelta(c.closed, closed, 1e-12, "closed form");
      assertInDelta(c.ode, closed, 1e-10, "ODE route");
      // (b): log p_t(x_t) = log p₀(x₀) − a t exactly; (a): the divergence is 0, the log-density rides along unchanged.
      const integral = s.example === "constant" ? 0 : s.a * s.t;
      assertInDelta(c.integral, integral, 1e-12, "∫ ∇·u");
      assertInDelta(c.closed, c.logp0 - integral, 1e-12, "log p₀(x₀) − ∫ ∇·u");
    }
  });

  it("prints the two routes, and p_t integrates to 1 on the (t, x) panel's columns inside the view", () => {
    for (const s of settings) {
      const f = computeFrame(options, s);
      const [first, second] = readoutLines(f);
      expect(first).toContain(`log p_t(x_t) = ${f.check.closed.toFixed(3).replace("-", "−")}`);
      expect(second).toContain(`= ${f.check.ode.toFixed(3).replace("-", "−")}`);
      const {nx, ny, values} = f.overTime;
      const dx = (VIEW[1] - VIEW[0]) / ny;
      for (const i of [0, nx - 1]) {
        let mass = 0;
        for (let j = 0; j < ny; j++) mass += values[j * nx + i]! * dx;
        expect(mass).toBeGreaterThan(0.97);
        expect(mass).toBeLessThan(1.001);
      }
    }
  });

  it("renders the same SVG for the same state, printing the numbers it computed", () => {
    loadTheme();
    stubCanvas();
    const f = cnf1dExamples.snapshot!(options, base);
    const root = cnf1dExamples.render(f, options, base);
    for (const line of readoutLines(f)) expect(root.textContent).toContain(line);
    expect(cnf1dExamples.describe!(f, options, base)).toContain(f.check.closed.toFixed(3).replace("-", "−"));
    expectSvgSnapshot("cnf-1d-examples", root);
  });
});

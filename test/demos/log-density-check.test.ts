import {describe, expect, it} from "vitest";
import {normalBase} from "../../engine/cnf/base.ts";
import {logDensity} from "../../engine/cnf/log-density.ts";
import {defaults} from "../../engine/options/schema.ts";
import {
  checkField,
  logDensityCheck,
  readoutLines,
  solveTrajectory,
  source,
  target,
  TIMES
} from "../../demos/log-density-check.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {labelsOf} from "./layers/labels.ts";

loadTheme();
stubCanvas();

const base = defaults(logDensityCheck.state);
const options = defaults(logDensityCheck.options);
const starts: [number, number][] = [
  [0.6, -0.4],
  [0.1, 0.2],
  [-2, -1.5],
  [2.2, 1.9]
];

describe("log-density-check", () => {
  it("log p_0(x_0) − ∫ ∇·u along the solved trajectory equals the closed-form log p(x_t, t) to 1e-7", () => {
    const field = checkField();
    for (const x0 of starts) {
      const tr = solveTrajectory(field, x0);
      expect(tr.gap, `start ${x0}`).toBeLessThan(1e-7);
      expect(tr.accumulated[0]).toBe(tr.logP0);
      // The closed form at t = 1 is the target mixture's own log-density (σ = 0: p_1 = q exactly).
      const x1 = tr.xs.subarray(2 * (TIMES.length - 1));
      expect(tr.exact[TIMES.length - 1]).toBeCloseTo(target.logDensity(new Float64Array(1), x1, 1)[0]!, 8);
      // And at t = 0 the source's.
      expect(tr.exact[0]).toBeCloseTo(source.logDensity(new Float64Array(1), Float64Array.from(x0), 1)[0]!, 10);
    }
  });

  it("the forward sum at t = 1 equals the engine's backward likelihood solve of x_1", () => {
    const field = checkField();
    const tr = solveTrajectory(field, starts[0]!);
    const x1 = Float64Array.from(tr.xs.subarray(2 * (TIMES.length - 1)));
    const back = logDensity(field, normalBase(), x1, 1, {solver: "dopri5", rtol: 1e-10, atol: 1e-10});
    expect(back.logp[0]).toBeCloseTo(tr.accumulated[TIMES.length - 1]!, 6);
  });

  it("the integral is not trivial: the divergence changes along the trajectory", () => {
    const tr = solveTrajectory(checkField(), starts[0]!);
    const slopes = TIMES.slice(1).map((t, i) => (tr.integral[i + 1]! - tr.integral[i]!) / (t - TIMES[i]!));
    expect(Math.max(...slopes) - Math.min(...slopes)).toBeGreaterThan(0.5);
  });

  it("renders the readout it computed, a draggable start, and the same SVG for the same state", () => {
    const f = logDensityCheck.snapshot!(options, base);
    const el = logDensityCheck.render(f, options, base);
    const [a, b] = readoutLines(f);
    expect(el.textContent).toContain(a);
    expect(el.textContent).toContain(b);
    expect(el.querySelectorAll("[data-drag]")).toHaveLength(1);
    expectSvgSnapshot("log-density-check", el);
  });

  it("names both curves at their end in their colours, at least 22 px apart (they coincide)", () => {
    const el = logDensityCheck.render(logDensityCheck.snapshot!(options, base), options, base);
    const found = labelsOf(el, ["exact", "ODE"]);
    expect(found.map((l) => [l.text, l.fill])).toEqual([
      ["exact", "var(--fd-marginal)"],
      ["ODE", "var(--fd-model)"]
    ]);
    expect(Math.abs(found[0]!.y - found[1]!.y)).toBeGreaterThanOrEqual(22 - 1e-9);
  });
});

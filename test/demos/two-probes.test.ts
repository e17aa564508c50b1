import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {readoutParts, scenePath, twoProbes, twoProbesFrame, type TwoProbesState} from "../../demos/two-probes.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {labelsOf} from "./layers/labels.ts";

loadTheme();
stubCanvas();

const base = defaults(twoProbes.state);
const options = defaults(twoProbes.options);

/** N(x; m, S) written out, independently of the engine, for finite differences. */
function gaussian(m: readonly number[], c: readonly number[], x: readonly number[]): number {
  const det = c[0]! * c[3]! - c[1]! * c[2]!;
  const [dx, dy] = [x[0]! - m[0]!, x[1]! - m[1]!];
  const q = (c[3]! * dx * dx - (c[1]! + c[2]!) * dx * dy + c[0]! * dy * dy) / det;
  return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
}

describe("two-probes", () => {
  it("the fixed probe's curve is a central difference in t of the exact density at y", () => {
    for (const scene of ["spiral", "rotation"] as const) {
      const s: TwoProbesState = {...base, scene};
      const path = scenePath(scene);
      const f = twoProbesFrame(s);
      const p = (t: number) => {
        const {mean, cov} = path.moments(t);
        return gaussian(mean, cov, f.y);
      };
      const h = 1e-5;
      for (const r of f.curves.filter((_, i) => i % 10 === 5)) {
        expect(r.fixed).toBeCloseTo((p(r.t + h) - p(r.t - h)) / (2 * h), 7);
      }
    }
  });

  it("the moving probe's curve is a central difference in t of p(x_t, t) and lies on −p ∇·u", () => {
    for (const scene of ["spiral", "rotation"] as const) {
      const f = twoProbesFrame({...base, scene, sx: 0.8, sy: -0.6});
      const path = scenePath(scene);
      const along = (t: number) => {
        const {mean, cov} = path.moments(t);
        return gaussian(mean, cov, path.position(f.x0, t));
      };
      const h = 1e-5;
      for (const r of f.curves) {
        expect(Math.abs(r.total - r.source)).toBeLessThan(1e-12);
        if (r.t > 0 && r.t < 1) expect(r.total).toBeCloseTo((along(r.t + h) - along(r.t - h)) / (2 * h), 7);
      }
    }
  });

  it("rotation: the moving probe's density never changes while the fixed probe's does", () => {
    const f = twoProbesFrame({...base, scene: "rotation", yx: 0.4, yy: 0.9});
    expect(f.divergence).toBe(0);
    for (const r of f.curves) expect(Math.abs(r.total)).toBeLessThan(1e-12);
    expect(Math.max(...f.curves.map((r) => Math.abs(r.fixed)))).toBeGreaterThan(0.02);
  });

  it("spiral: both rates are non-zero and they differ by the advection term ∇p·u", () => {
    const f = twoProbesFrame(base);
    expect(f.divergence).toBe(-1);
    expect(Math.abs(f.now.fixed)).toBeGreaterThan(1e-3);
    expect(f.now.total).toBeCloseTo(f.pMoving, 12);
    const path = scenePath("spiral");
    const u = path.velocity(f.xt);
    const g = path.gradient(f.xt, f.t);
    expect(f.now.total - path.partialT(f.xt, f.t)).toBeCloseTo(g[0] * u[0] + g[1] * u[1], 12);
  });

  it("renders the readout it computed, two draggable probes, and the same SVG for the same state", () => {
    const f = twoProbes.snapshot!(options, base);
    const el = twoProbes.render(f, options, base);
    for (const part of readoutParts(f)) expect(el.textContent).toContain(part.text.trim());
    expect(el.querySelectorAll("[data-drag]")).toHaveLength(2);
    expectSvgSnapshot("two-probes", el);
  });

  it("names each curve at its end in its colour, the two that end together at least 22 px apart", () => {
    const el = twoProbes.render(twoProbes.snapshot!(options, base), options, base);
    const names = ["fixed ∂ₜp", "moving d/dt p", "−p ∇·u (dashed)"];
    const found = labelsOf(el, names);
    expect(found.map((l) => [l.text, l.fill])).toEqual([
      [names[0], "var(--fd-marginal)"],
      [names[1], "var(--fd-model)"],
      [names[2], "var(--fd-error)"]
    ]);
    expect(Math.abs(found[1]!.y - found[2]!.y)).toBeGreaterThanOrEqual(22 - 1e-9);
  });
});

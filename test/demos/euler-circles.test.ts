import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {euler} from "../../engine/ode/euler.ts";
import {fieldPreset} from "../../engine/fields/presets.ts";
import {
  computeFrame,
  EULER_PRESETS,
  eulerCircles,
  eulerError,
  eulerPolygon,
  eulerRadiusFactor,
  readoutLines
} from "../../demos/euler-circles.ts";
import {turningFlow} from "../../demos/fields/turning-flow.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

const options = defaults(eulerCircles.options);
const state = defaults(eulerCircles.state);

describe("euler-circles", () => {
  it("one Euler step on the rotation multiplies every radius by exactly √(1 + k²h²) (√(1 + h²) for k = 1)", () => {
    for (const k of [1, 3]) {
      const field = fieldPreset("rotation", {strength: k});
      const stepper = euler();
      for (const h of [0.5, 0.125, 0.01]) {
        const x = Float64Array.from([1, 0, -0.3, 2.2, 1e-3, -5]);
        const out = new Float64Array(6);
        stepper.step((o, y, t) => field.velocity(o, y, 3, t), x, 0, h, out);
        for (let i = 0; i < 3; i++) {
          const ratio = Math.hypot(out[2 * i]!, out[2 * i + 1]!) / Math.hypot(x[2 * i]!, x[2 * i + 1]!);
          expect(ratio).toBeCloseTo(Math.sqrt(1 + k * k * h * h), 14);
        }
        expect(eulerRadiusFactor("rotation", k, 0, h)).toBeCloseTo(Math.sqrt(1 + k * k * h * h), 15);
      }
    }
  });

  it("the polygon's radius grows by the predicted product on every preset; the exact flow keeps it or shrinks it", () => {
    for (const preset of EULER_PRESETS) {
      for (const steps of [1, 4, 8, 33]) {
        const f = computeFrame({preset, strength: 2.5}, {steps, sx: 1.7, sy: -0.9});
        expect(f.radiusMeasured).toBeCloseTo(f.radiusPredicted, 12);
        const exact = preset === "spiral" ? Math.exp(-2.5 / 2) : 1;
        expect(f.radiusExact).toBeCloseTo(exact, 12);
      }
    }
    // Rotation: (1 + k²h²)^{N/2}, the slide's formula.
    const f = computeFrame(options, {...state, steps: 8});
    expect(f.radiusPredicted).toBeCloseTo((1 + (options.strength / 8) ** 2) ** 4, 14);
  });

  it("draws the exact paths with a closed form equal to the engine's flow maps", () => {
    for (const preset of EULER_PRESETS) {
      const field = fieldPreset(preset, {strength: 2.5});
      for (const t of [0, 0.3, 0.77, 1]) {
        const out = new Float64Array(2);
        field.flowMap!(out, Float64Array.from([1.3, -0.4]), 1, 0, t);
        const [x, y] = turningFlow(preset, 2.5, [1.3, -0.4], t);
        expect(x).toBeCloseTo(out[0]!, 12);
        expect(y).toBeCloseTo(out[1]!, 12);
      }
    }
  });

  it("the error is |x_N − φ₁(x₀)| for an Euler loop and exact circle written out here", () => {
    const k = 3;
    const x0 = [2.2, 0.4];
    for (const steps of [3, 8, 20]) {
      const h = 1 / steps;
      let [x, y] = x0 as [number, number];
      for (let n = 0; n < steps; n++) [x, y] = [x - h * k * y, y + h * k * x];
      const [ex, ey] = [x0[0]! * Math.cos(k) - x0[1]! * Math.sin(k), x0[0]! * Math.sin(k) + x0[1]! * Math.cos(k)];
      expect(eulerError("rotation", k, x0 as [number, number], steps)).toBeCloseTo(Math.hypot(x - ex, y - ey), 12);
    }
  });

  it("Euler is first order: doubling N halves the error on every preset (measured order 1 ± 0.05)", () => {
    for (const preset of EULER_PRESETS) {
      const e1 = eulerError(preset, 3, [2, 0], 512);
      const e2 = eulerError(preset, 3, [2, 0], 1024);
      expect(Math.log2(e1 / e2)).toBeGreaterThan(0.95);
      expect(Math.log2(e1 / e2)).toBeLessThan(1.05);
    }
    const f = computeFrame(options, {...state, steps: 64});
    expect(f.error / f.errorDouble).toBeGreaterThan(1.9);
    expect(f.error / f.errorDouble).toBeLessThan(2.1);
  });

  it("uses one evaluation per step and prints the frame's numbers", () => {
    expect(eulerPolygon("swirl", 2, [1, 1], 12).nfe).toBe(12);
    const f = computeFrame(options, state);
    const [a, b, c] = readoutLines(f);
    expect(a).toContain(`N = ${state.steps}`);
    expect(a).toContain(f.error.toPrecision(3));
    expect(b).toContain(f.radiusMeasured.toFixed(4));
    expect(b).toContain(f.radiusPredicted.toFixed(4));
    expect(c).toContain(f.errorDouble.toPrecision(3));
    expect(eulerCircles.describe!(f, options, state)).toContain(a);
  });

  it("draws a figure with its readout and a draggable start", () => {
    const root = eulerCircles.render(eulerCircles.snapshot!(options, state), options, state);
    expect(root.querySelector("p.readout")?.textContent).toContain("error");
    expect(root.querySelector('[data-drag="start"]')).not.toBeNull();
  });

  it("refuses a bad number of steps", () => {
    expect(() => computeFrame(options, {...state, steps: 0})).toThrow(/invalid steps/);
  });
});

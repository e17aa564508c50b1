import {describe, expect, it} from "vitest";
import {noGrad, tensor} from "../../engine/autodiff/tensor.ts";
import {fixedPointInverse} from "../../engine/flows/fixed-point.ts";
import {defaults} from "../../engine/options/schema.ts";
import {branchOf, computeFrame, fixedPoint, MAX_ITERATIONS, readoutLines} from "../../demos/fixed-point.ts";
import {residualBranch} from "../../demos/residual/branch.ts";

const options = defaults(fixedPoint.options);
const base = defaults(fixedPoint.state);

describe("fixed-point", () => {
  it("the error is below Banach's bound Lⁿ/(1 − L)·‖u(x)‖ at every step", () => {
    for (const c of [0.3, 0.6, 0.9, 0.98]) {
      for (const x1 of [-2.8, -1, 0.5, 2.9]) {
        for (const x2 of [-2.9, 0, 1.7]) {
          const f = computeFrame(options, {c, x1, x2, iterations: MAX_ITERATIONS});
          expect(f.diverged).toBe(false);
          // The premise: every iterate and z* lie in the box on which L was measured.
          for (const z of [...f.iterates, f.star]) expect(Math.max(Math.abs(z[0]!), Math.abs(z[1]!))).toBeLessThan(10);
          // z* itself is exact only to rounding (~1e-15), so the comparison allows that much.
          f.errors.forEach((e, n) => expect(e).toBeLessThanOrEqual(f.bounds[n]! + 5e-15));
          // z* solves z + u(z) = x.
          const u = new Float64Array(2);
          branchOf(options, c).u(u, Float64Array.from(f.star));
          expect(f.star[0] + u[0]!).toBeCloseTo(x1, 12);
          expect(f.star[1] + u[1]!).toBeCloseTo(x2, 12);
        }
      }
    }
  });

  it("draws the engine's fixedPointInverse iterates, equal to z ← x − c·ũ(z) with the engine's MLP", () => {
    const s = {...base, c: 0.8, x1: -1.5, x2: 2.2, iterations: 15};
    const f = computeFrame(options, s);
    const {u} = branchOf(options, s.c);
    const engine = fixedPointInverse(u, Float64Array.of(s.x1, s.x2), {
      atol: 0,
      rtol: 0,
      maxIterations: 15,
      keepIterates: true
    });
    expect(f.iterates).toEqual(engine.iterates);
    const b = residualBranch(options.seed, options.depth);
    const origin = noGrad(() => b.mlp.forward(tensor(new Float64Array(2), 1, 2)).data);
    let z = Float64Array.of(s.x1, s.x2);
    for (let n = 1; n <= 15; n++) {
      const out = noGrad(() => b.mlp.forward(tensor(z, 1, 2)).data);
      const k = s.c / b.wideSlope() / b.scale;
      z = Float64Array.of(s.x1 - k * (out[0]! - origin[0]!), s.x2 - k * (out[1]! - origin[1]!));
      expect(f.iterates[n]![0]).toBeCloseTo(z[0]!, 12);
      expect(f.iterates[n]![1]).toBeCloseTo(z[1]!, 12);
    }
  });

  it("the measured slope is at most log L and tends to log ρ(J_u(z*))", () => {
    const f = computeFrame(options, {...base, c: 0.9, iterations: MAX_ITERATIONS});
    expect(f.measuredRate).toBeLessThanOrEqual(Math.log(0.9));
    expect(f.logRho).toBeLessThanOrEqual(Math.log(0.9) + 1e-12);
    expect(Math.abs(f.measuredRate - f.logRho)).toBeLessThan(0.15);
    expect(readoutLines(f)[0]).toMatch(/≤ Banach bound/);
  });

  it("u(z) = 2z diverges: the error doubles every step, the demo says so and stops", () => {
    const o = {...options, branch: "double" as const};
    const f = computeFrame(o, {...base, x1: 1, x2: 0.5, iterations: MAX_ITERATIONS});
    expect(f.diverged).toBe(true);
    expect(f.bounds).toEqual([]);
    for (let n = 1; n < f.errors.length; n++) expect(f.errors[n]! / f.errors[n - 1]!).toBeCloseTo(2, 9);
    expect(f.errors.at(-1)!).toBeLessThan(1e6);
    expect(f.errors.length).toBeLessThan(MAX_ITERATIONS + 1);
    expect(readoutLines(f)[0]).toMatch(/diverges/);
    const short = computeFrame(o, {...base, x1: 1, x2: 0.5, iterations: 3});
    expect(short.diverged).toBe(true);
    expect(short.errors).toHaveLength(4);
  });
});

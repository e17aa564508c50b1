import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {computeFrame, readoutLines, residualToOde} from "../../demos/residual-to-ode.ts";

const o = defaults(residualToOde.options);
const s = defaults(residualToOde.state);

/** Two-well at strength k: J = diag(−4k(3x² − 1), −1) and u = (−4k x(x² − 1), −y), written out independently. */
function layersByHand(k: number, z0: [number, number], K: number) {
  const d = 1 / K;
  let [x, y] = z0;
  let logDet = 0;
  let trace = 0;
  for (let i = 0; i < K; i++) {
    const jxx = -4 * k * (3 * x * x - 1);
    logDet += Math.log(Math.abs((1 + d * jxx) * (1 - d)));
    trace += d * (jxx - 1);
    [x, y] = [x + d * -4 * k * x * (x * x - 1), y - d * y];
  }
  return {logDet, trace, end: [x, y]};
}

describe("residual-to-ode", () => {
  it("prints the stack's Σ log|det(I + δJ)| and δ Σ tr J as computed by hand for the two-well field", () => {
    for (const logK of [0, 3, 6]) {
      const f = computeFrame(o, {...s, logK});
      const byHand = layersByHand(o.strength, [s.sx, s.sy], 2 ** logK);
      expect(f.marked.logDet).toBeCloseTo(byHand.logDet, 10);
      expect(f.marked.traceSum).toBeCloseTo(byHand.trace, 10);
      expect(f.marked.points[2 * f.K]).toBeCloseTo(byHand.end[0]!, 10);
    }
  });

  it("its gap shrinks like δ: halving δ halves it, and ∫ tr J dt is the two-well's exact log det ∂z₁/∂z₀", () => {
    const f = computeFrame(o, s);
    const last = f.gaps.at(-1)!.gap / f.gaps.at(-2)!.gap;
    expect(last).toBeGreaterThan(0.45);
    expect(last).toBeLessThan(0.55);
    const k = o.strength;
    const decay = Math.exp(-8 * k);
    const x1 = Math.sign(s.sx) / Math.sqrt(1 - (1 - 1 / s.sx ** 2) * decay);
    const exact = Math.log(decay * (x1 / s.sx) ** 3) - 1;
    expect(f.exact[0]!.integral).toBeCloseTo(exact, 7);
    expect(f.adaptive.integral).toBeCloseTo(exact, 4);
  });

  it("says when a layer folds (one layer: det(I + δJ) = 0 in y), and switches its readout to the ODE", () => {
    const one = readoutLines(computeFrame(o, {...s, logK: 0}));
    expect(one.join(" ")).toMatch(/a layer folds/);
    const ode = readoutLines(computeFrame(o, {...s, ode: true}));
    expect(ode[0]).toMatch(/Dopri5/);
    expect(ode[0]).toMatch(/evaluations/);
  });

  it("refuses a logK out of range", () => {
    expect(() => computeFrame(o, {...s, logK: 9})).toThrow(/invalid logK: 9/);
  });
});

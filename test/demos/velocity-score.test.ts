import {describe, expect, it} from "vitest";
import {defaults, parseValues} from "../../engine/options/schema.ts";
import {
  computeFrame,
  conversionAt,
  pathOf,
  target,
  velocityScore,
  type VelocityScoreState
} from "../../demos/velocity-score.ts";
import {assertInDelta} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

/**
 * E[x1 | x_t = x] for x_t = α x1 + σ ε, x1 ~ the demo's mixture, written out here from lecture §8.11 (per component:
 * Σ = α² S + σ² I, E[x1 | x, k] = m + α S Σ⁻¹ (x − α m), weights ∝ w N(x; α m, Σ)); isotropic S = c I, so Σ⁻¹ is a
 * scalar. Independent of engine/fm/marginal.ts, which the demo uses.
 */
function posteriorMean(x: [number, number], alpha: number, sigma: number): [number, number] {
  const K = target.weights.length;
  const logw: number[] = [];
  const means: [number, number][] = [];
  for (let k = 0; k < K; k++) {
    const c = target.covs[4 * k]!;
    const v = alpha * alpha * c + sigma * sigma;
    const [mx, my] = [target.means[2 * k]!, target.means[2 * k + 1]!];
    const [dx, dy] = [x[0] - alpha * mx, x[1] - alpha * my];
    logw.push(Math.log(target.weights[k]!) - Math.log(v) - (dx * dx + dy * dy) / (2 * v));
    means.push([mx + ((alpha * c) / v) * dx, my + ((alpha * c) / v) * dy]);
  }
  const max = Math.max(...logw);
  const w = logw.map((l) => Math.exp(l - max));
  const z = w.reduce((a, b) => a + b, 0);
  return [0, 1].map((d) => means.reduce((s, m, k) => s + (w[k]! / z) * m[d]!, 0)) as [number, number];
}

/** Cell (ix, iy) of a 13 × 13 grid over [−3, 3]²: its centre and its two values. */
function cell(values: ArrayLike<number>, ix: number, iy: number) {
  const c = iy * 13 + ix;
  const centre: [number, number] = [-3 + ((ix + 0.5) * 6) / 13, -3 + ((iy + 0.5) * 6) / 13];
  return {centre, value: [values[2 * c]!, values[2 * c + 1]!]};
}

const cases: [VelocityScoreState["schedule"], number][] = [
  ["condot", 0.3],
  ["condot", 0.8],
  ["vp", 0.4],
  ["vp", 0.9]
];

describe("velocity-score", () => {
  it("draws the engine's fields, equal to u and the score written from the posterior mean x̂1 (§8.11)", () => {
    for (const [schedule, t] of cases) {
      const f = computeFrame(t, schedule);
      const {alpha, sigma, dAlpha, dSigma} = f.conversion;
      for (const [ix, iy] of [
        [2, 3],
        [6, 6],
        [10, 9]
      ] as const) {
        const {centre: x, value: u} = cell(f.velocity.values, ix, iy);
        const {value: score} = cell(f.score.values, ix, iy);
        const x1 = posteriorMean(x, alpha, sigma);
        const x0 = x.map((xd, d) => (xd - alpha * x1[d]!) / sigma);
        for (let d = 0; d < 2; d++) {
          const where = `${schedule} t=${t} cell ${ix},${iy} coordinate ${d}`;
          // score = −x̂0 / σ
          assertInDelta(score[d]!, -x0[d]! / sigma, 1e-9, `score, ${where}`);
          // x̂1-parameterization: u = (σ̇/σ) x + ((α̇σ − σ̇α)/σ) x̂1
          const viaX1 = (dSigma / sigma) * x[d]! + ((dAlpha * sigma - dSigma * alpha) / sigma) * x1[d]!;
          assertInDelta(u[d]!, viaX1, 1e-9, `u from x̂1, ${where}`);
          // x̂0-parameterization: u = (α̇/α) x + ((σ̇α − α̇σ)/α) x̂0
          const viaX0 = (dAlpha / alpha) * x[d]! + ((dSigma * alpha - dAlpha * sigma) / alpha) * x0[d]!;
          assertInDelta(u[d]!, viaX0, 1e-9, `u from x̂0, ${where}`);
          // velocity from score: u = (α̇/α) x + (α̇σ²/α − σ̇σ) ∇log p
          const viaScore = (dAlpha / alpha) * x[d]! + ((dAlpha * sigma * sigma) / alpha - dSigma * sigma) * score[d]!;
          assertInDelta(u[d]!, viaScore, 1e-9, `u from the score, ${where}`);
          // OT special case: u = (x + (1 − t) ∇log p) / t
          if (schedule === "condot") assertInDelta(u[d]!, (x[d]! + (1 - t) * score[d]!) / t, 1e-9, `OT, ${where}`);
        }
      }
      expect(f.identityError).toBeLessThan(1e-9);
    }
  });

  it("prints the coefficients a = α̇/α, b = α̇σ²/α − σ̇σ: (1/t, (1 − t)/t) for CondOT, and VP's from finite differences", () => {
    for (const t of [0.2, 0.5, 0.9]) {
      const c = conversionAt(pathOf("condot"), t);
      assertInDelta(c.a, 1 / t, 1e-12, `a at t=${t}`);
      assertInDelta(c.b, (1 - t) / t, 1e-12, `b at t=${t}`);
    }
    const vp = pathOf("vp");
    const alpha = (t: number) => vp.coefficients(t).b;
    const sigma = (t: number) => vp.coefficients(t).s;
    for (const t of [0.3, 0.7]) {
      const h = 1e-5;
      const dAlpha = (alpha(t + h) - alpha(t - h)) / (2 * h);
      const dSigma = (sigma(t + h) - sigma(t - h)) / (2 * h);
      const c = conversionAt(vp, t);
      assertInDelta(alpha(t) ** 2 + sigma(t) ** 2, 1, 1e-12, "VP keeps α² + σ² = 1");
      assertInDelta(c.a, dAlpha / alpha(t), 1e-5 * Math.abs(c.a), `VP a at t=${t}`);
      const b = (dAlpha * sigma(t) ** 2) / alpha(t) - dSigma * sigma(t);
      assertInDelta(c.b, b, 1e-5 * Math.abs(b), `VP b at t=${t}`);
    }
  });

  it("SD3's weighting: ‖v̂ − v‖² = ‖ε̂ − ε‖²/(1 − s)², which is −½ w λ'_s ‖ε̂ − ε‖² with w = s/(1 − s)", () => {
    const lambda = (s: number) => Math.log((1 - s) ** 2 / s ** 2);
    for (const s of [0.1, 0.45, 0.8]) {
      // z = (1 − s) x + s ε; v = ε − x; a prediction ε̂ implies x̂ = (z − s ε̂)/(1 − s) and v̂ = ε̂ − x̂.
      const [x, eps, epsHat] = [0.7, -1.3, 0.4];
      const z = (1 - s) * x + s * eps;
      const xHat = (z - s * epsHat) / (1 - s);
      const vError = (epsHat - xHat - (eps - x)) ** 2;
      assertInDelta(vError, (epsHat - eps) ** 2 / (1 - s) ** 2, 1e-12, `velocity error at s=${s}`);
      const h = 1e-6;
      const dLambda = (lambda(s + h) - lambda(s - h)) / (2 * h);
      const w = s / (1 - s);
      assertInDelta(-0.5 * w * dLambda * (epsHat - eps) ** 2, vError, 1e-6, `weight at s=${s}`);
    }
  });

  it("renders the same SVG for the same state, with the coefficients it computed", () => {
    const state = defaults(velocityScore.state);
    const frame = velocityScore.snapshot!({}, state);
    const svg = velocityScore.render(frame, {}, state);
    expect(svg.textContent).toContain(`aₜ = ${frame.conversion.a.toFixed(2)}`);
    expect(svg.textContent).toContain(`bₜ = ${frame.conversion.b.toFixed(2)}`);
    expect(velocityScore.describe!(frame, {}, state)).toMatch(/differ by at most \d\.\de-1\d/);
    expectSvgSnapshot("velocity-score", svg);
  });

  it("refuses a t outside [0.05, 0.95], where CondOT's α vanishes and the conversion is singular", () => {
    const parse = (t: string) => parseValues(velocityScore.state, {t}, "a test", "state key");
    expect(() => parse("0")).toThrow(/invalid t: "?0"?/);
    expect(() => parse("1")).toThrow(/invalid t/);
    expect(parse("0.05")).toEqual({t: 0.05});
  });
});

import {describe, expect, it} from "vitest";
import {noGrad, tensor} from "../../../engine/autodiff/tensor.ts";
import {inverted} from "../../../engine/flows/bijector.ts";
import {residualBlock} from "../../../engine/flows/residual.ts";
import {logDetExact, logDetRoulette, logDetSeries} from "../../../engine/flows/residual-logdet.ts";
import {singularValue2} from "../../../engine/flows/spectral.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";
import {checkBijector, perturb, points} from "./bijector-check.ts";

/** Lip(u) ≤ Π ‖W̃_l‖₂ (LipSwish is 1-Lipschitz); with width 2 every W̃ is 2×2 and σ is exact. */
function lipschitzBound(block: ReturnType<typeof residualBlock>): number {
  return block.u
    .normalisedWeights()
    .reduce((p, w) => p * singularValue2(w.data[0]!, w.data[1]!, w.data[2]!, w.data[3]!), 1);
}

describe("residual block", () => {
  it("satisfies the protocol in both readings (forward explicit, inverse by fixed point)", () => {
    const block = residualBlock({width: 16, coeff: 0.9, seed: 1});
    perturb(block, 2, 1);
    block.u.refresh();
    checkBijector(block, points(10, 3));
    checkBijector(inverted(block), points(10, 4));
  });

  it("fixed-point iterates converge geometrically at a rate ≤ the Lipschitz constant, and every iterate is kept", () => {
    const block = residualBlock({width: 2, depth: 2, coeff: 0.95, seed: 5});
    perturb(block, 6, 2);
    block.u.refresh();
    const lip = lipschitzBound(block);
    expect(lip).toBeLessThanOrEqual(0.95 ** 3 + 1e-12);
    expect(block.u.lipschitzBound()).toBeCloseTo(lip, 10);
    const x = noGrad(() => block.forward(tensor(points(8, 7, 2), 8, 2)).x.data);
    const r = block.solve(x, {keepIterates: true, atol: 1e-14, rtol: 0});
    expect(r.converged).toBe(true);
    expect(r.iterates!.length).toBe(r.iterations + 1);
    expect(Array.from(r.iterates![0]!)).toEqual(Array.from(x));
    const zStar = r.z;
    let ratios = 0;
    for (let k = 0; k + 1 < r.iterates!.length; k++) {
      for (let i = 0; i < 8; i++) {
        const e = (z: Float64Array) => Math.hypot(z[2 * i]! - zStar[2 * i]!, z[2 * i + 1]! - zStar[2 * i + 1]!);
        const now = e(r.iterates![k]!);
        if (now < 1e-11) continue;
        expect(e(r.iterates![k + 1]!) / now).toBeLessThanOrEqual(lip + 1e-9);
        ratios++;
      }
    }
    expect(ratios).toBeGreaterThan(20);
  });

  it("the inverse satisfies x = z + u(z) to 1e-5 with residual-flows tolerances (atol = rtol = 1e-5, Lip ≤ 0.9)", () => {
    const block = residualBlock({width: 32, coeff: 0.9, seed: 8, fixedPoint: {atol: 1e-5, rtol: 1e-5}});
    perturb(block, 9, 1);
    block.u.refresh();
    const x = points(50, 10, 2);
    const z = noGrad(() => block.inverse(tensor(x.slice(), 50, 2)).z);
    const back = noGrad(() => block.forward(z).x.data);
    assertAllClose(back, x, {atol: 1e-5, rtol: 0});
  });

  it("the power series log-det matches the exact 2×2 one, and the forward series mode agrees with exact mode", () => {
    const block = residualBlock({width: 16, coeff: 0.9, seed: 11});
    perturb(block, 12, 1);
    block.u.refresh();
    const z = tensor(points(20, 13), 20, 2);
    noGrad(() => {
      const j = block.jacobian(z);
      assertAllClose(logDetSeries(j, 150).data, logDetExact(j).data, {atol: 1e-12, rtol: 0});
      const series = residualBlock({width: 16, coeff: 0.9, seed: 11, logDet: "series", seriesTerms: 150});
      perturb(series, 12, 1);
      series.u.refresh();
      assertAllClose(series.forward(z).logDet.data, block.forward(z).logDet.data, {atol: 1e-12, rtol: 0});
    });
  });

  it("the Russian-roulette mean over many draws is within 3 standard errors of the exact log-det", () => {
    const block = residualBlock({width: 16, coeff: 0.8, seed: 14});
    perturb(block, 15, 1);
    block.u.refresh();
    noGrad(() => {
      const j = block.jacobian(tensor([0.3, -0.7], 1, 2));
      const exact = logDetExact(j).item();
      for (const hutchinson of [false, true]) {
        const random = rng(hutchinson ? 2 : 1);
        const m = 20000;
        let s = 0;
        let s2 = 0;
        for (let k = 0; k < m; k++) {
          const v = logDetRoulette(j, random, {hutchinson}).item();
          s += v;
          s2 += v * v;
        }
        const mean = s / m;
        const se = Math.sqrt((s2 / m - mean * mean) / (m - 1));
        expect(se).toBeGreaterThan(0);
        expect(Math.abs(mean - exact), `hutchinson ${hutchinson}`).toBeLessThan(3 * se);
      }
    });
  });
});

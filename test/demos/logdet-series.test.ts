import {describe, expect, it} from "vitest";
import {noGrad, tensor} from "../../engine/autodiff/tensor.ts";
import {logDetExact, logDetRoulette, logDetSeries, type Mat2} from "../../engine/flows/residual-logdet.ts";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import {
  branchMlp,
  branchNet,
  computeFrame,
  detGrid,
  drawEstimate,
  gridPoints,
  hutchinsonSeries,
  jacobians,
  logdetSeries,
  MAX_TERMS,
  rawJacobians,
  readoutLines,
  spectralRadius
} from "../../demos/logdet-series.ts";

const o0 = defaults(logdetSeries.options);
const s0 = defaults(logdetSeries.state);

/** A row-major 2×2 as the engine's batch of one matrix. */
function mat2(j: ArrayLike<number>): Mat2 {
  const t = (v: number) => tensor(Float64Array.of(v), 1, 1);
  return [
    [t(j[0]!), t(j[1]!)],
    [t(j[2]!), t(j[3]!)]
  ];
}

describe("logdet-series", () => {
  it("J_u is the engine network's Jacobian (forwardJacobian) scaled by c / max‖J_m‖", () => {
    const pts = Float64Array.of(0.6, -0.4, -2, 1.3, 2.9, 2.9);
    const net = branchMlp(o0.net);
    const {jacobian} = noGrad(() => net.forwardJacobian(tensor(pts, 3, 2)));
    const {scale} = branchNet(o0.net);
    const mine = jacobians(o0.net, 0.7, pts);
    for (let r = 0; r < 3; r++) {
      expect(mine[4 * r]).toBeCloseTo(0.7 * scale * jacobian[0].data[2 * r]!, 12);
      expect(mine[4 * r + 1]).toBeCloseTo(0.7 * scale * jacobian[1].data[2 * r]!, 12);
      expect(mine[4 * r + 2]).toBeCloseTo(0.7 * scale * jacobian[0].data[2 * r + 1]!, 12);
      expect(mine[4 * r + 3]).toBeCloseTo(0.7 * scale * jacobian[1].data[2 * r + 1]!, 12);
    }
    // Steepest slope 1 on the grid: the largest singular value over the grid of c·J_m/max is c.
    const g = jacobians(o0.net, 1, gridPoints());
    let steepest = 0;
    for (let r = 0; r < g.length / 4; r++) {
      const [a, b, c, d] = g.subarray(4 * r, 4 * r + 4);
      const s = a! * a! + b! * b! + c! * c! + d! * d!;
      const det = a! * d! - b! * c!;
      steepest = Math.max(steepest, Math.sqrt((s + Math.sqrt(s * s - 4 * det * det)) / 2));
    }
    expect(steepest).toBeCloseTo(1, 10);
    expect(rawJacobians).toBeTypeOf("function");
  });

  it("the exact value and every partial sum are the engine's logDetExact and logDetSeries; the sums converge to it", () => {
    const f = computeFrame(o0, s0);
    expect(f.exact).toBeCloseTo(logDetExact(mat2(f.jacobian)).data[0]!, 12);
    for (let n = 1; n <= MAX_TERMS; n++) {
      expect(f.partial[n - 1]).toBeCloseTo(logDetSeries(mat2(f.jacobian), n).data[0]!, 12);
    }
    expect(f.rho).toBeLessThan(1);
    // The error after n terms is at most Σ_{k>n} 2ρ^k/k ≤ 2ρ^{n+1}/((n+1)(1−ρ)) (tr J^k ≤ 2ρ^k for a 2×2 with
    // real or complex eigenvalues of modulus ≤ ρ).
    const bound = (2 * f.rho ** (MAX_TERMS + 1)) / ((MAX_TERMS + 1) * (1 - f.rho));
    expect(Math.abs(f.partial[MAX_TERMS - 1]! - f.exact)).toBeLessThanOrEqual(bound + 1e-12);
    expect(Math.abs(f.partial[MAX_TERMS - 1]! - f.exact)).toBeLessThan(1e-6);
  });

  it("the log-det map's det(I + J_u) matches the 2×2 determinant at each grid point", () => {
    const g = detGrid(o0.net, 1.3);
    const js = jacobians(o0.net, 1.3, gridPoints());
    for (const i of [0, 100, 777, g.values.length - 1]) {
      const j = js.subarray(4 * i, 4 * i + 4);
      expect(g.values[i]).toBeCloseTo((1 + j[0]!) * (1 + j[3]!) - j[1]! * j[2]!, 12);
    }
  });

  it("each estimate is the engine's logDetRoulette on the same random stream (roulette and n-term truncation)", () => {
    const f = computeFrame(o0, {...s0, c: 0.8});
    const j = f.jacobian;
    for (const [mode, n, p] of [
      ["roulette", 4, 0.5],
      ["roulette", 4, 0.2],
      ["truncated", 5, 0.5]
    ] as const) {
      const mine = rng(11);
      const engine = rng(11);
      for (let i = 0; i < 50; i++) {
        const e = drawEstimate(j, mine, mode, n, p);
        // Truncation at n terms is the engine's roulette with N ≡ 1 (p = 1) and n − 1 exact terms.
        const opts = mode === "roulette" ? {p} : {p: 1, exactTerms: n - 1};
        expect(e.value).toBeCloseTo(logDetRoulette(mat2(j), engine, opts).data[0]!, 10);
      }
    }
  });

  it("Hutchinson's expectation is the trace: εᵀJ^kε averages to tr J^k over many probes", () => {
    const j = computeFrame(o0, s0).jacobian;
    const random = rng(5);
    const draws = 20000;
    for (const k of [1, 2, 3]) {
      // Only term k: weight 0 for the others, sign and 1/k undone.
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < draws; i++) {
        const eps: [number, number] = [random.normal(), random.normal()];
        const v = hutchinsonSeries(j, eps, k, (m) => (m === k ? (k % 2 === 1 ? k : -k) : 0));
        sum += v;
        sumSq += v * v;
      }
      const mean = sum / draws;
      const se = Math.sqrt((sumSq / draws - mean * mean) / draws);
      let [a, b, c, d] = [j[0]!, j[1]!, j[2]!, j[3]!];
      for (let m = 1; m < k; m++)
        [a, b, c, d] = [a * j[0]! + b * j[2]!, a * j[1]! + b * j[3]!, c * j[0]! + d * j[2]!, c * j[1]! + d * j[3]!];
      expect(Math.abs(mean - (a + d))).toBeLessThanOrEqual(3 * se);
    }
  });

  it("roulette (c small) is unbiased: the mean of 1000 draws is within 3 SE of the exact value", () => {
    for (const seedValue of [1, 2, 3]) {
      const f = computeFrame({...o0, seed: seedValue}, {...s0, mode: "roulette", c: 0.4, m: 1000});
      expect(f.bias).toBe(0);
      expect(Math.abs(f.mean - f.exact)).toBeLessThanOrEqual((3 * f.sd) / Math.sqrt(1000));
      expect(f.heavyTail).toBe(false);
    }
  });

  it("truncation's bias is the tail of the series, and the estimates' mean agrees with S_n, not the exact value", () => {
    const f = computeFrame(o0, {...s0, mode: "truncated", c: 0.9, n: 2, m: 1000});
    expect(f.bias).toBeCloseTo(f.partial[1]! - f.exact, 14);
    // The tail Σ_{k>2}: the long partial sum minus S_2.
    expect(-f.bias).toBeCloseTo(f.partial[MAX_TERMS - 1]! - f.partial[1]!, 3);
    const se = f.sd / Math.sqrt(1000);
    expect(Math.abs(f.mean - f.partial[1]!)).toBeLessThanOrEqual(3 * se);
    expect(Math.abs(f.bias)).toBeGreaterThan(3 * se);
    expect(f.meanTerms).toBe(2);
  });

  it("flags the infinite-variance regime exactly when ρ² > 1 − p", () => {
    for (const [c, p] of [
      [0.6, 0.5],
      [1, 0.5],
      [1, 0.2],
      [0.5, 0.9]
    ] as const) {
      const f = computeFrame(o0, {...s0, mode: "roulette", c, p, m: 50});
      expect(f.heavyTail).toBe(f.rho ** 2 > 1 - p);
      expect(f.rho).toBeCloseTo(spectralRadius(f.jacobian), 14);
    }
    // The defaults sit on the safe side at p = 0.5 and c = 1 on the heavy side (the slide's click).
    expect(computeFrame(o0, {...s0, mode: "roulette"}).heavyTail).toBe(false);
    expect(computeFrame(o0, {...s0, mode: "roulette", c: 1}).heavyTail).toBe(true);
    expect(readoutLines(computeFrame(o0, {...s0, mode: "roulette", c: 1}))[1]).toContain("infinite variance");
  });

  it("the series diverges when ρ ≥ 1 and the readout says so", () => {
    const f = computeFrame(o0, {...s0, c: 1.5});
    if (f.rho >= 1) {
      expect(readoutLines(f)[0]).toContain("diverges");
      expect(Math.abs(f.partial[MAX_TERMS - 1]! - f.exact)).toBeGreaterThan(Math.abs(f.partial[0]! - f.exact) / 10);
    }
  });
});

describe("logdet-series: what the notes say", () => {
  it("at the default z, ρ passes 1 between c = 1.25 and 1.3; folds (det ≤ 0) appear on the map above c = 1 only", () => {
    const rho = (c: number) => computeFrame(o0, {...s0, c}).rho;
    expect(rho(1.25)).toBeLessThan(1);
    expect(rho(1.3)).toBeGreaterThanOrEqual(1);
    const folds = (c: number) => Array.from(detGrid(o0.net, c).values).filter((v) => v <= 0).length;
    expect(folds(1)).toBe(0);
    expect(folds(1.25)).toBeGreaterThan(0);
  });
});

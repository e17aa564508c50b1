import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {TORCHCFM_MOONS_ENTROPY, torchcfmMoons, torchcfmMoonsEntropy} from "../../../engine/data/torchcfm-moons.ts";
import {rng} from "../../../engine/random.ts";

const logDensity = torchcfmMoons.logDensity!;

/** log p at one point. */
function logp(x: number, y: number): number {
  return logDensity(new Float64Array(1), Float64Array.from([x, y]), 1)[0]!;
}

/**
 * H by the midpoint rule over the recipe's own parameters (arc, θ, u) on an N × M grid per arc: −E log p(3(c(θ) +
 * u(1, 1)) − 1). First order in the grid step (p jumps where a preimage appears), so Richardson-extrapolated.
 */
function midpointOverParameters(N: number, M: number): number {
  const pts = new Float64Array(2 * M);
  const out = new Float64Array(M);
  let sum = 0;
  for (let arc = 0; arc < 2; arc++) {
    for (let i = 0; i < N; i++) {
      const t = (Math.PI * (i + 0.5)) / N;
      const [cx, cy] = arc === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
      for (let j = 0; j < M; j++) {
        const u = (0.2 * (j + 0.5)) / M;
        pts[2 * j] = 3 * (cx + u) - 1;
        pts[2 * j + 1] = 3 * (cy + u) - 1;
      }
      logDensity(out, pts, M);
      for (let j = 0; j < M; j++) sum -= out[j]!;
    }
  }
  return sum / (2 * N * M);
}

/**
 * ∫ p over a box by the midpoint rule on m × ⌊1.618·m⌋ cells: not square, so that no diagonal of nodes sits at one
 * distance from the fold edges (diagonals x − y = const), where p has a 1/√distance singularity.
 */
function boxMass(x0: number, x1: number, y0: number, y1: number, m: number): number {
  const my = Math.floor(1.618034 * m);
  const [hx, hy] = [(x1 - x0) / m, (y1 - y0) / my];
  const pts = new Float64Array(2 * m * my);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < my; j++) pts.set([x0 + (i + 0.5) * hx, y0 + (j + 0.5) * hy], 2 * (i * my + j));
  }
  return logDensity(new Float64Array(m * my), pts, m * my).reduce((s, v) => s + Math.exp(v) * hx * hy, 0);
}

describe("torchcfm moons' exact density (the preimage sum)", () => {
  it("recomputes its stored floor: torchcfmMoonsEntropy() = 2.0478352 ± 1e-6 (coarser panels agree too)", () => {
    assertInDelta(torchcfmMoonsEntropy(), TORCHCFM_MOONS_ENTROPY, 1e-7, "default panels");
    assertInDelta(torchcfmMoonsEntropy(200), TORCHCFM_MOONS_ENTROPY, 1e-6, "200 panels");
    expect(torchcfmMoons.entropy).toBe(TORCHCFM_MOONS_ENTROPY);
    expect(torchcfmMoons.entropyError).toBe(1e-6);
  });

  it("agrees with a midpoint rule over (θ, u), Richardson-extrapolated, within 1e-5", () => {
    const coarse = midpointOverParameters(1000, 100);
    const fine = midpointOverParameters(2000, 200);
    assertInDelta(2 * fine - coarse, TORCHCFM_MOONS_ENTROPY, 1e-5, "2·H(2000×200) − H(1000×100)");
  });

  it("agrees with −mean log p of 400 000 samples (2.047 ± 0.002 as the issue asks, and within 4 standard errors)", () => {
    const n = 400_000;
    const out = logDensity(new Float64Array(n), torchcfmMoons.sample(n, rng(11)), n);
    expect(out.every(Number.isFinite)).toBe(true);
    const mean = -out.reduce((a, b) => a + b, 0) / n;
    const se = Math.sqrt(out.reduce((a, b) => a + (b + mean) ** 2, 0) / (n - 1) / n);
    assertInDelta(mean, 2.047, 0.002, "−mean log p");
    assertInDelta(mean, TORCHCFM_MOONS_ENTROPY, 4 * se, "−mean log p vs the floor");
  });

  it("integrates to 1 on a fine grid (within 3e-3: the 1/√distance edges make the grid converge like √h)", () => {
    // The fold edges are diagonals x − y = const, and a square grid puts whole diagonals of nodes at one distance
    // from them (its sums swing by ±3 %), so the y step is the x step times the golden ratio's inverse.
    const [hx, hy] = [0.01, (0.01 * (Math.sqrt(5) - 1)) / 2];
    const [x0, y0] = [-4.2, -2.7]; // the support lies in [−4, 5.6] × [−2.5, 2.6]
    const [nx, ny] = [Math.ceil(10 / hx), Math.ceil(6 / hy)];
    const pts = new Float64Array(2 * ny);
    const out = new Float64Array(ny);
    let mass = 0;
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) pts.set([x0 + (i + 0.5) * hx, y0 + (j + 0.5) * hy], 2 * j);
      logDensity(out, pts, ny);
      for (let j = 0; j < ny; j++) mass += Math.exp(out[j]!) * hx * hy;
    }
    assertInDelta(mass, 1, 3e-3, "∫ p");
  });

  it("matches the sample counts in boxes along both arcs, across the fold and off the support", () => {
    const n = 400_000;
    const x = torchcfmMoons.sample(n, rng(12));
    // Boxes [x0, x1] × [y0, y1]: the top of the upper arc, the fold near θ = 3π/4 (x ≈ −3.1, y ≈ 1.1), the bottom
    // of the lower arc, and a box between the arcs that must be empty.
    // The fold box needs a finer grid: its edge singularity makes the midpoint rule converge like √h (25 402, 25 450
    // and 25 439 expected points at m = 900, 1200, 1800; 25 436 counted in 4·10⁶ samples, scaled).
    const boxes = [
      [-0.6, 0.4, 1.6, 2.6, 300],
      [-3.4, -2.6, 0.6, 1.6, 1200],
      [1.6, 2.6, -2.6, -1.6, 300],
      [0.8, 1.6, 0.2, 0.8, 300]
    ] as const;
    for (const [bx0, bx1, by0, by1, m] of boxes) {
      let count = 0;
      for (let i = 0; i < n; i++) {
        if (x[2 * i]! >= bx0 && x[2 * i]! < bx1 && x[2 * i + 1]! >= by0 && x[2 * i + 1]! < by1) count++;
      }
      const mass = boxMass(bx0, bx1, by0, by1, m);
      const sd = Math.sqrt(n * mass * (1 - mass));
      assertInDelta(count, n * mass, 4 * sd + 0.002 * n * mass + 1, `box [${bx0}, ${bx1}] × [${by0}, ${by1}]`);
    }
  });

  it("is −Infinity off the support and grows like 1/√distance towards the fold edge", () => {
    expect(logp(1.2, 0.5)).toBe(-Infinity); // between the arcs
    expect(logp(10, 10)).toBe(-Infinity);
    // The upper arc at θ = 3π/4 plus a jitter of 0.1: the edge x − y = −3√2 of the folded strip. Moving ε inwards
    // (x − y grows by 3ε) the two preimages near 3π/4 have |sin θ + cos θ| ≈ √(2ε), so log p falls by ½ ln(ε'/ε).
    const [ex, ey] = [3 * (-Math.SQRT1_2 + 0.1) - 1, 3 * (Math.SQRT1_2 + 0.1) - 1];
    const inwards = (e: number) => logp(ex + 1.5 * e, ey - 1.5 * e);
    assertInDelta(inwards(1e-9) - inwards(1e-5), 0.5 * Math.log(1e4), 0.01, "log p(ε = 1e-9) − log p(ε = 1e-5)");
    expect(inwards(-1e-6)).toBe(-Infinity);
    expect(() => logDensity(new Float64Array(2), new Float64Array(2), 1)).toThrow(/shape mismatch/);
  });
});

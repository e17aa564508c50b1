import {beforeAll, describe, expect, it} from "vitest";
import {pairCost} from "../../engine/couplings/minibatch-cost.ts";
import {defaults} from "../../engine/options/schema.ts";
import {rng} from "../../engine/random.ts";
import {resolveOptions} from "../../demos/runtime/options.ts";
import {modeKey, pairs, pairStyles, type PairsOptions} from "../../demos/pairs.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";
import {pairsBatch, presetExtent, presetField, presetMixtures, varianceGrid} from "../../demos/pairs-frame.ts";

beforeAll(() => {
  // The variance raster reads the palette from the page and paints on a (fake) canvas.
  loadTheme();
  stubCanvas();
});

const options = (o: Partial<PairsOptions> = {}): PairsOptions => ({...defaults(pairs.options), ...o});
const state = defaults(pairs.state);

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({length: n}, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)])
  );
}

describe("pairs", () => {
  it("prints the mean squared length of the random pairs and of the cheapest of all 720 matchings (B = 6)", () => {
    const o = options({b: 6, seed: 3});
    const {batch} = pairs.snapshot!(o, state);
    const best = Math.min(...permutations(6).map((p) => pairCost(batch.x0, batch.x1, 6, p)));
    let random = 0;
    for (let i = 0; i < 6; i++) {
      random += ((batch.x1[2 * i]! - batch.x0[2 * i]!) ** 2 + (batch.x1[2 * i + 1]! - batch.x0[2 * i + 1]!) ** 2) / 6;
    }
    expect(batch.costOt).toBeCloseTo(best, 12);
    expect(batch.costRandom).toBeCloseTo(random, 12);
    const ot = pairs.render({batch}, o, {...state, pairing: "ot"});
    expect(ot.textContent).toContain(`OT pairs: mean |x₁−x₀|² ${best.toFixed(2)} · random ${random.toFixed(2)}`);
  });

  it("shows a variance equal to an importance-sampling estimate of tr Var[x₁ − x₀ | x_t = x]", () => {
    // σ = 0.5 keeps the importance weights N(x; (1 − t)x₀ + t x₁, σ²I) spread over many draws.
    const o = options({sigma: 0.5});
    const t = 0.5;
    const {source, target} = presetMixtures(o.preset, o.mu);
    const field = presetField(o);
    const x = new Float64Array([0, -0.6]);
    const exact = new Float64Array(1);
    field.targetVariance(exact, x, 1, t);
    const n = 200000;
    const r = rng(11);
    const x0 = source.sample(n, r);
    const x1 = target.sample(n, r);
    let [w, mx, my, sq] = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const dx = x[0]! - ((1 - t) * x0[2 * i]! + t * x1[2 * i]!);
      const dy = x[1]! - ((1 - t) * x0[2 * i + 1]! + t * x1[2 * i + 1]!);
      const wi = Math.exp(-(dx * dx + dy * dy) / (2 * 0.25));
      const ux = x1[2 * i]! - x0[2 * i]!;
      const uy = x1[2 * i + 1]! - x0[2 * i + 1]!;
      w += wi;
      mx += wi * ux;
      my += wi * uy;
      sq += wi * (ux * ux + uy * uy);
    }
    // Conditional on x_t the path noise σξ is fixed, so the target x₁ − x₀ keeps only the variance of the pair.
    const estimate = sq / w - (mx / w) ** 2 - (my / w) ** 2;
    expect(exact[0]!).toBeGreaterThan(1);
    expect(Math.abs(estimate - exact[0]!) / exact[0]!).toBeLessThan(0.05);
    const grid = varianceGrid(field, [-1, 1, -1, 1], t);
    expect(grid.values.length).toBe(grid.nx * grid.ny);
  });

  it("finds crossings of the marginal traces in the asymmetric preset, each at two different times", () => {
    const batch = pairsBatch(options());
    expect(batch.crossings.length).toBeGreaterThan(0);
    for (const c of batch.crossings) expect(c.t1 - c.t0).toBeGreaterThan(0);
    const svg = pairs.render({batch}, options(), {...state, lines: false, marginal: true});
    expect(svg.textContent).toContain(`marginal traces cross ${batch.crossings.length}×, never at one t`);
  });

  it("ends the marginal trajectories near the target modes", () => {
    const batch = pairsBatch(options({b: 64}));
    const {m, steps, traces} = batch;
    const {target} = presetMixtures("asymmetric", 2);
    for (let i = 0; i < m; i++) {
      const [x, y] = [traces[2 * (steps * m + i)]!, traces[2 * (steps * m + i) + 1]!];
      const d = Math.min(
        Math.hypot(x - target.means[0]!, y - target.means[1]!),
        Math.hypot(x - target.means[2]!, y - target.means[3]!)
      );
      expect(d).toBeLessThan(1.6);
    }
  });

  it("reads the straightness S = ℰ − E|Z₁ − Z₀|² of the marginal trajectories, ℰ by the trapezoid rule", () => {
    const batch = pairsBatch(options({b: 64}));
    const {m, steps, traces} = batch;
    // ℰ from finite differences of the RK4 traces: the same integral, computed another way.
    let energy = 0;
    for (let k = 0; k < steps; k++) {
      for (let c = 0; c < 2 * m; c++) {
        energy += (((traces[2 * m * (k + 1) + c]! - traces[2 * m * k + c]!) * steps) ** 2 / m) * (1 / steps);
      }
    }
    expect(Math.abs(batch.energy - energy) / energy).toBeLessThan(0.03);
    expect(batch.straightness).toBeCloseTo(batch.energy - batch.displacement, 12);
    expect(batch.straightness).toBeGreaterThan(0);
  });

  it("reads the variance's maximum at the state's t from the closed form, and draws the grid as one image", () => {
    const o = options({sigma: 0.2});
    const t = 0.3;
    const grid = varianceGrid(presetField(o), presetExtent(o.preset, o.mu), t);
    const max = Math.max(...(grid.values as Float64Array));
    const s = {...state, variance: true, t};
    const svg = pairs.render(pairs.snapshot!(o, s), o, s);
    expect(svg.textContent).toContain(`at t 0.30, max ${max.toFixed(1)}`);
    expect(pairs.describe!(undefined, o, s)).toContain(`variance at t = 0.30 up to ${max.toFixed(2)}`);
    expect(svg.querySelectorAll("image")).toHaveLength(1);
    expect(svg.querySelectorAll("rect").length).toBeLessThan(5);
  });

  it("asks the worker for the batch, and draws no points before its frame arrives", () => {
    const o = options({b: 40, seed: 2});
    expect(pairs.task!(o)).toEqual({task: "pairs", options: o});
    const svg = pairs.render(undefined, o, state);
    expect(svg.textContent).toContain("drawing the batch…");
    expect(svg.querySelectorAll("circle")).toHaveLength(0);
  });

  it("draws the marginal traces as one path per time step (a few dozen SVG elements, not one per segment)", () => {
    const o = options();
    const batch = pairsBatch(o);
    const svg = pairs.render({batch}, o, {...state, lines: false, marginal: true});
    const paths = svg.querySelectorAll('g[aria-label="line"] path');
    expect(paths).toHaveLength(batch.steps);
    // Each path holds one segment per trajectory: m moves.
    expect(paths[0]!.getAttribute("d")!.match(/M/g)).toHaveLength(batch.m);
  });

  it("coloured by source mode, tells the two groups apart by width, lightness and filled/hollow x_t, and says so", () => {
    const o = options({b: 40, seed: 4});
    const batch = pairsBatch(o);
    const s = {...state, color: "mode" as const, t: 0.5};
    const svg = pairs.render({batch}, o, s);
    const links = [...svg.querySelectorAll('g[aria-label="link"]')];
    const byStroke = (stroke: string) => links.find((g) => g.getAttribute("stroke") === stroke)!;
    const upper = byStroke(pairStyles.upper.stroke);
    const lower = byStroke(pairStyles.lower.stroke);
    const upperCount = Array.from(batch.mode).filter((m) => m === 1).length;
    expect(upperCount).toBeGreaterThan(0);
    expect(upper.querySelectorAll("path")).toHaveLength(upperCount);
    expect(lower.querySelectorAll("path")).toHaveLength(o.b - upperCount);
    // Both dashed as conditional paths; beyond the hue, the lower mode's lines are thinner and lighter.
    for (const g of [upper, lower]) expect(g.getAttribute("stroke-dasharray")).toBe("7 5");
    expect(Number(lower.getAttribute("stroke-width"))).toBeLessThan(Number(upper.getAttribute("stroke-width")) / 1.5);
    expect(Number(lower.getAttribute("stroke-opacity"))).toBeLessThan(Number(upper.getAttribute("stroke-opacity")));
    // x_t: filled dots for the upper mode, hollow rings for the lower.
    const dots = [...svg.querySelectorAll('g[aria-label="dot"]')];
    const filled = dots.find((g) => g.getAttribute("fill") === pairStyles.upper.stroke)!;
    const hollow = dots.find(
      (g) => g.getAttribute("fill") === "none" && g.getAttribute("stroke") === pairStyles.lower.stroke
    )!;
    expect(filled.querySelectorAll("circle")).toHaveLength(upperCount);
    expect(hollow.querySelectorAll("circle")).toHaveLength(o.b - upperCount);
    expect(svg.textContent).toContain(modeKey);
    expect(pairs.describe!({batch}, o, s)).toContain("upper source mode drawn thick and blue");
    // Plain lines: one group, no key.
    const plain = pairs.render({batch}, o, state);
    expect(plain.querySelectorAll('g[aria-label="link"]')).toHaveLength(1);
    expect(plain.textContent).not.toContain(modeKey);
  });

  it("its schema rejects a batch of one and an unknown pairing", () => {
    expect(() => resolveOptions(pairs.options, {b: "1"})).toThrow(/invalid b: "1"/);
    expect(() => resolveOptions(pairs.options, {preset: "round"})).toThrow(/invalid preset/);
  });
});

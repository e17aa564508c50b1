import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {otPairing} from "../../engine/ot/plan.ts";
import {rng} from "../../engine/random.ts";
import {bridge, bridgeFrame, brownianBridge, BRIDGE_STEPS, type BridgeOptions} from "../../demos/bridge.ts";
import {resolveOptions} from "../../demos/runtime/options.ts";

const options = (o: Partial<BridgeOptions> = {}): BridgeOptions => ({...defaults(bridge.options), ...o});

describe("bridge", () => {
  it("is the exact OT matching with straight paths at σ = 0", () => {
    const o = options();
    const fr = bridgeFrame(o, 0);
    expect(Array.from(fr.pair)).toEqual(Array.from(otPairing(fr.x0, fr.x1, fr.n)));
    expect(fr.cost).toBeCloseTo(fr.costOt, 12);
    const m = fr.n * fr.draws;
    const k = BRIDGE_STEPS / 2;
    for (let col = 0; col < m; col++) {
      const i = Math.floor(col / fr.draws);
      const j = fr.pair[i]!;
      expect(fr.paths[2 * (k * m + col)]).toBeCloseTo((fr.x0[2 * i]! + fr.x1[2 * j]!) / 2, 12);
    }
  });

  it("draws the pairs of the entropic plan: near OT at small σ, costlier as σ grows, random cost at the far end", () => {
    const o = options({n: 32});
    const small = bridgeFrame(o, 0.1);
    const large = bridgeFrame(o, 1.5);
    expect(small.cost).toBeLessThan(small.costOt + 0.05 * small.costOt);
    expect(large.cost).toBeGreaterThan(small.cost);
    expect(large.cost).toBeLessThan(1.2 * large.costRandom);
    const svg = bridge.render(large, o, {sigma: 1.5});
    expect(svg.textContent).toContain(`pairs: mean |x₁−x₀|² ${large.cost.toFixed(2)}`);
    expect(svg.textContent).toContain("ε = 2σ² = 4.50");
  });

  it("samples Brownian bridges: zero at both ends, variance t(1 − t) in between", () => {
    const r = rng(5);
    const normal = r.normal.bind(r);
    const reps = 4000;
    let sq = 0;
    for (let k = 0; k < reps; k++) {
      const b = brownianBridge(normal, 8, 1);
      expect(b[0]).toBe(0);
      expect(Math.abs(b[8]!)).toBeLessThan(1e-12);
      sq += b[4]! ** 2 / reps;
    }
    // t = 1/2: variance 1/4, standard error of the mean square about 0.25·√(2/reps).
    expect(Math.abs(sq - 0.25)).toBeLessThan(4 * 0.25 * Math.sqrt(2 / reps));
  });

  it("its schema rejects a negative σ and too many pairs", () => {
    expect(() => resolveOptions(bridge.options, {n: "65"})).toThrow(/invalid n: "65"/);
    expect(() => resolveOptions(bridge.state, {sigma: "-0.1"})).toThrow(/invalid sigma/);
  });
});

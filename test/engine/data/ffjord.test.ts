import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import * as ffjord from "../../../engine/data/ffjord.ts";
import {rng} from "../../../engine/random.ts";

function mean(x: Float64Array, axis: 0 | 1): number {
  let s = 0;
  for (let i = axis; i < x.length; i += 2) s += x[i]!;
  return (2 * s) / x.length;
}

describe("FFJORD recipes", () => {
  it("8gaussians: centres 4·c_k/1.414 (radius 2.83), std 0.5/1.414, equal weights", () => {
    const g = ffjord.ffjord8Gaussians;
    for (let k = 0; k < 8; k++)
      assertInDelta(Math.hypot(g.means[2 * k]!, g.means[2 * k + 1]!), 4 / 1.414, 1e-12, "radius");
    assertInDelta(g.covs[0]!, (0.5 / 1.414) ** 2, 1e-15, "variance");
    expect(Array.from(g.weights)).toEqual(new Array(8).fill(1 / 8));
  });

  it("moons: sklearn moons ·2 + (−1, −0.2) has mean (0, 2·mean(sin θ)·½ − 0.2 + 0.5) ≈ (0, 0.3)", () => {
    const n = 20000;
    const x = ffjord.ffjordMoons.sample(n, rng(1));
    // Exact means of the clean arcs: x̄ = ½(0 + 1) and ȳ = ½(s + 0.5 − s) with s the mean of sin over the linspace.
    assertInDelta(mean(x, 0), 2 * 0.5 - 1, 0.005, "mean x");
    assertInDelta(mean(x, 1), 2 * 0.25 - 0.2, 0.005, "mean y");
  });

  it("circles: half the points near radius 3, half near 1.5", () => {
    const n = 10000;
    const x = ffjord.ffjordCircles.sample(n, rng(2));
    let outer = 0;
    for (let i = 0; i < n; i++) if (Math.hypot(x[2 * i]!, x[2 * i + 1]!) > 2.25) outer++;
    expect(Math.abs(outer - n / 2)).toBeLessThan(60); // misclassification ≈ 0.1% at 3.1 sd
  });

  it("rings: n/4 points per ring at radii 3, 2.25, 1.5, 0.75, the innermost taking the remainder", () => {
    const n = 4002;
    const x = ffjord.ffjordRings.sample(n, rng(3));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[Math.round(4 - Math.hypot(x[2 * i]!, x[2 * i + 1]!) / 0.75)]!++;
    expect(counts).toEqual([1000, 1000, 1000, 1002]);
  });

  it("swissroll: E|x|² = E[t²]/25 + 2·0.2² with t uniform on [1.5π, 4.5π]", () => {
    const n = 40000;
    const x = ffjord.ffjordSwissroll.sample(n, rng(4));
    let s = 0;
    for (let i = 0; i < 2 * n; i++) s += x[i]! ** 2 / n;
    const et2 = (Math.PI ** 2 * (4.5 ** 3 - 1.5 ** 3)) / (3 * 3);
    assertInDelta(s, et2 / 25 + 0.08, 0.05, "E|x|²");
  });

  it("pinwheel: E|x|² = 4(1 + 0.3² + 0.1²), arms wind clockwise outwards (rotation by −angle)", () => {
    const n = 20000;
    const x = ffjord.ffjordPinwheel.sample(n, rng(5));
    let s = 0;
    let onArm = 0;
    let onMirror = 0;
    const armDistance = (phi: number) => {
      const u = ((((phi * 5) / (2 * Math.PI)) % 1) + 1) % 1; // position between two arm angles, in [0, 1)
      return (Math.min(u, 1 - u) * 2 * Math.PI) / 5;
    };
    for (let i = 0; i < n; i++) {
      const r = Math.hypot(x[2 * i]!, x[2 * i + 1]!);
      const phi = Math.atan2(x[2 * i + 1]!, x[2 * i]!);
      s += (r * r) / n;
      const twist = 0.25 * Math.exp(r / 2);
      if (armDistance(phi + twist) < 0.3) onArm++;
      if (armDistance(phi - twist) < 0.3) onMirror++;
    }
    assertInDelta(s, 4 * 1.1, 0.05, "E|x|²");
    expect(onArm / n).toBeGreaterThan(0.9);
    expect(onMirror / n).toBeLessThan(0.7);
  });

  it("2spirals: the second arm mirrors the first point by point before the N(0, 0.1²) noise", () => {
    const n = 4000;
    const x = ffjord.ffjord2Spirals.sample(n, rng(6));
    let s = 0;
    let ss = 0;
    for (let k = 0; k < n; k++) {
      const v = x[k]! + x[n + k]!; // row k of arm 1 plus row k of arm 2, coordinate by coordinate
      s += v / n;
      ss += (v * v) / n;
    }
    assertInDelta(s, 0, 0.01, "mean of the sum");
    assertInDelta(Math.sqrt(ss), 0.1 * Math.SQRT2, 0.006, "sd of the sum");
  });

  it("line and cos lie on y = x and y = 2.5 sin x with x in [−2.5, 2.5)", () => {
    const a = ffjord.ffjordLine.sample(500, rng(7));
    const b = ffjord.ffjordCos.sample(500, rng(7));
    for (let i = 0; i < 500; i++) {
      expect(a[2 * i]! >= -2.5 && a[2 * i]! < 2.5).toBe(true);
      expect(a[2 * i + 1]).toBe(a[2 * i]);
      expect(b[2 * i + 1]).toBe(2.5 * Math.sin(b[2 * i]!));
    }
  });
});

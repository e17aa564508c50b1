import {describe, expect, it} from "vitest";
import {dataset} from "../../../engine/data/registry.ts";
import {makeCircles, makeMoons, makeSCurve, makeSwissRoll, pickColumns} from "../../../engine/data/sklearn.ts";
import {rng} from "../../../engine/random.ts";
import {CURVE_ENTROPY} from "../../../engine/data/sklearn-curves.ts";

function rows(x: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += 2) out.push([x[i]!, x[i + 1]!]);
  return out;
}

describe("makeMoons", () => {
  it("without noise puts ⌊n/2⌋ points on the upper arc and the rest on the lower one, at linspace angles", () => {
    const n = 11;
    const pts = rows(makeMoons(n, 0, rng(1)));
    const angles = (center: [number, number], sign: number) =>
      pts
        .filter(
          ([x, y]) => Math.abs(Math.hypot(x - center[0], y - center[1]) - 1) < 1e-12 && sign * (y - center[1]) >= -1e-12
        )
        .map(([x, y]) => Math.atan2(sign * (y - center[1]), sign * (x - center[0])))
        .sort((a, b) => a - b);
    const outer = angles([0, 0], 1);
    const inner = angles([1, 0.5], -1);
    expect(outer.length).toBe(5);
    expect(inner.length).toBe(6);
    outer.forEach((t, k) => expect(t).toBeCloseTo((Math.PI * k) / 4, 12));
    inner.forEach((t, k) => expect(t).toBeCloseTo((Math.PI * k) / 5, 12));
  });

  it("shuffles the rows before adding noise, and the noise has the requested sd", () => {
    const onUpperArc = ([x, y]: [number, number]) => Math.abs(Math.hypot(x, y) - 1) < 1e-12 && y >= 0;
    const shuffled = rows(makeMoons(4000, 0, rng(2))).slice(0, 2000);
    const unshuffled = rows(makeMoons(4000, 0, rng(2), false)).slice(0, 2000);
    expect(unshuffled.every(onUpperArc)).toBe(true);
    const share = shuffled.filter(onUpperArc).length / 2000;
    expect(Math.abs(share - 0.5)).toBeLessThan(0.06); // binomial sd 0.011
    const r = rng(3);
    const noisy = makeMoons(4000, 0.1, r);
    // Same generator state up to the shuffle: noise = noisy − clean rows drawn with the same stream.
    const again = makeMoons(4000, 0, rng(3));
    let ss = 0;
    for (let k = 0; k < noisy.length; k++) ss += (noisy[k]! - again[k]!) ** 2;
    expect(Math.sqrt(ss / noisy.length)).toBeCloseTo(0.1, 2);
  });
});

describe("sklearn-moons (alias moons)", () => {
  it("is make_moons(noise=0.1) unscaled: mean (0.5, 0.25) and the 1.008-nat floor of its exact density", () => {
    const d = dataset("moons");
    const x = d.sample(20000, rng(5));
    let [mx, my] = [0, 0];
    for (let i = 0; i < 20000; i++) [mx, my] = [mx + x[2 * i]! / 20000, my + x[2 * i + 1]! / 20000];
    expect(mx).toBeCloseTo(0.5, 2);
    expect(my).toBeCloseTo(0.25, 2);
    expect(d.entropy).toBe(CURVE_ENTROPY.moons01);
  });
});

describe("makeCircles", () => {
  it("puts half the points on each circle at angles 2πk/count (endpoint excluded)", () => {
    const pts = rows(makeCircles(12, 0.5, 0, rng(1)));
    const radii = pts.map(([x, y]) => Math.hypot(x, y));
    expect(radii.filter((r) => Math.abs(r - 1) < 1e-12).length).toBe(6);
    expect(radii.filter((r) => Math.abs(r - 0.5) < 1e-12).length).toBe(6);
    const outerAngles = pts
      .filter(([x, y]) => Math.abs(Math.hypot(x, y) - 1) < 1e-12)
      .map(([x, y]) => (Math.atan2(y, x) + 2 * Math.PI) % (2 * Math.PI))
      .sort((a, b) => a - b);
    outerAngles.forEach((t, k) =>
      expect(Math.min(Math.abs(t - (Math.PI * k) / 3), 2 * Math.PI - t)).toBeLessThan(1e-9)
    );
    expect(() => makeCircles(10, 1, 0, rng(1))).toThrow(/invalid factor/);
  });
});

describe("makeSCurve and makeSwissRoll", () => {
  it("lie on their surfaces without noise", () => {
    const s = makeSCurve(500, 0, rng(4));
    for (let k = 0; k < 500; k++) {
      const [a, b, c] = [s[3 * k]!, s[3 * k + 1]!, s[3 * k + 2]!];
      expect(b >= 0 && b < 2).toBe(true);
      // (sin t, sign(t)(cos t − 1)) lies on the unit circle centred at (0, sign(c)) on each half.
      expect(a * a + (c - Math.sign(c)) ** 2).toBeCloseTo(1, 10);
    }
    const w = makeSwissRoll(500, 0, rng(4));
    for (let k = 0; k < 500; k++) {
      const t = Math.hypot(w[3 * k]!, w[3 * k + 2]!);
      expect(t >= 1.5 * Math.PI - 1e-9 && t <= 4.5 * Math.PI + 1e-9).toBe(true);
      expect(w[3 * k]!).toBeCloseTo(t * Math.cos(t), 9);
    }
    expect(Array.from(pickColumns(Float64Array.from([1, 2, 3, 4, 5, 6]), 0, 2, 2))).toEqual([2, 6, 8, 12]);
  });
});

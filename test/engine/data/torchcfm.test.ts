import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import * as torchcfm from "../../../engine/data/torchcfm.ts";
import {rng} from "../../../engine/random.ts";

describe("TorchCFM recipes", () => {
  it("sample_8gaussians: centres 5·c_k and per-axis std 0.1^{1/4} = 0.562 (covariance √0.1, not std)", () => {
    const n = 40000;
    const g = torchcfm.torchcfm8Gaussians;
    const x = g.sample(n, rng(1));
    const counts = new Array(8).fill(0);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let k = 0; k < 8; k++) {
        const d = (x[2 * i]! - g.means[2 * k]!) ** 2 + (x[2 * i + 1]! - g.means[2 * k + 1]!) ** 2;
        if (d < bestD) [best, bestD] = [k, d];
      }
      counts[best]++;
      ss += bestD / (2 * n);
    }
    assertInDelta(Math.sqrt(ss), 0.1 ** 0.25, 0.005, "per-axis std");
    for (const c of counts) expect(Math.abs(c - n / 8)).toBeLessThan(5 * Math.sqrt((n / 8) * (7 / 8)));
    assertInDelta(Math.hypot(g.means[0]!, g.means[1]!), 5, 1e-12, "radius");
  });

  it("sample_moons: unshuffled linspace arcs, one U[0, 0.2) jitter added to both coordinates, then ·3 − 1", () => {
    const n = 256;
    const x = torchcfm.torchcfmMoons.sample(n, rng(2));
    const jitters: number[] = [];
    for (let k = 0; k < n; k++) {
      const upper = k < n / 2;
      const t = (Math.PI * (upper ? k : k - n / 2)) / (n / 2 - 1);
      const cx = upper ? Math.cos(t) : 1 - Math.cos(t);
      const cy = upper ? Math.sin(t) : 0.5 - Math.sin(t);
      const jx = (x[2 * k]! + 1) / 3 - cx;
      const jy = (x[2 * k + 1]! + 1) / 3 - cy;
      expect(jx).toBeCloseTo(jy, 12);
      expect(jx >= -1e-12 && jx < 0.2).toBe(true);
      jitters.push(jx);
    }
    assertInDelta(jitters.reduce((a, b) => a + b, 0) / n, 0.1, 0.02, "mean jitter");
  });

  it("runner moons: make_moons(0.05)·2 with x − 1 has mean (0, 0.5)", () => {
    const x = torchcfm.runnerMoons.sample(20000, rng(3));
    let [mx, my] = [0, 0];
    for (let i = 0; i < 20000; i++) [mx, my] = [mx + x[2 * i]! / 20000, my + x[2 * i + 1]! / 20000];
    assertInDelta(mx, 0, 0.003, "mean x");
    assertInDelta(my, 0.5, 0.003, "mean y");
  });

  it("runner scurve: columns (0, 2) of the S-curve ·1.5 stay within the curve's box plus noise", () => {
    const x = torchcfm.runnerSCurve.sample(5000, rng(4));
    for (let i = 0; i < 5000; i++) {
      expect(Math.abs(x[2 * i]!)).toBeLessThan(1.5 * (1 + 0.05 * 6));
      expect(Math.abs(x[2 * i + 1]!)).toBeLessThan(1.5 * (2 + 0.05 * 6));
    }
  });

  it("runner circles: make_circles(factor 0.5, noise 0.05)·3.5, half the points near each radius 3.5 and 1.75", () => {
    const n = 4000;
    const x = torchcfm.runnerCircles.sample(n, rng(8));
    let outer = 0;
    let spread = 0;
    for (let i = 0; i < n; i++) {
      const r = Math.hypot(x[2 * i]!, x[2 * i + 1]!);
      const onOuter = r > 2.625;
      if (onOuter) outer++;
      spread += (r - (onOuter ? 3.5 : 1.75)) ** 2 / n;
    }
    expect(outer).toBe(n / 2); // the gap is 0.875 = 5 noise sd (0.175)
    assertInDelta(Math.sqrt(spread), 0.05 * 3.5, 0.01, "radial sd");
  });

  it("runner gaussians: balanced modes (Var of the sample mean is 1/n per axis, not (1 + 12.5)/n)", () => {
    const n = 80;
    let acc = 0;
    const r = rng(5);
    for (let rep = 0; rep < 300; rep++) {
      const x = torchcfm.runnerGaussians.sample(n, r);
      let mx = 0;
      for (let i = 0; i < n; i++) mx += x[2 * i]! / n;
      acc += (n * mx * mx) / 300;
    }
    assertInDelta(acc, 1, 0.3, "n·Var(mean x)");
  });

  it("DSB moon is standardised by its own scalar mean and std, times 7", () => {
    const x = torchcfm.dsbMoon.sample(1001, rng(6));
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length);
    assertInDelta(m, 0, 1e-12, "mean");
    assertInDelta(sd, 7, 1e-12, "std");
  });

  it("DSB 8gaussians: radius 12, std 1.5", () => {
    const g = torchcfm.dsb8Gaussians;
    assertInDelta(Math.hypot(g.means[4]!, g.means[5]!), 12, 1e-12, "radius");
    expect(g.covs[0]).toBe(2.25);
  });
});

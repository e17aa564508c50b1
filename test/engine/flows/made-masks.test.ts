import {describe, expect, it} from "vitest";
import {madeDegrees, madeMasks, madePaths} from "../../../engine/flows/made-masks.ts";
import {autoregressiveNd} from "../../../engine/flows/autoregressive-nd.ts";

describe("made masks", () => {
  it("follow Germain's rules: hidden ≥, output strict >", () => {
    const degrees = madeDegrees({dim: 4, hidden: [8, 8]});
    expect(degrees[0]).toEqual([1, 2, 3, 4]);
    expect(degrees[1]).toEqual([1, 2, 3, 1, 2, 3, 1, 2]);
    const masks = madeMasks(degrees);
    expect(masks.map((m) => [m.length, m[0]!.length])).toEqual([
      [8, 4],
      [8, 8],
      [4, 8]
    ]);
    expect(masks[0]![0]).toEqual([1, 0, 0, 0]); // a degree-1 unit reads x₁ only
    expect(masks[2]![0]).toEqual(new Array(8).fill(0)); // output 1 reads nothing
  });

  it("random degrees stay in 1..d−1 and depend on the seed", () => {
    const a = madeDegrees({dim: 5, hidden: [8, 8], order: "random", seed: 3});
    const b = madeDegrees({dim: 5, hidden: [8, 8], order: "random", seed: 4});
    expect(
      a
        .slice(1, 3)
        .flat()
        .every((m) => m >= 1 && m <= 4)
    ).toBe(true);
    expect(a).not.toEqual(b);
  });

  it("output i reaches only inputs j < i, for ordered and random degrees", () => {
    for (const order of ["ordered", "random"] as const)
      for (let seed = 0; seed < 5; seed++) {
        const masks = madeMasks(madeDegrees({dim: 4, hidden: [8, 8], order, seed}));
        for (let i = 1; i <= 4; i++) madePaths(masks, i)[0]!.forEach((r, j) => r && expect(j + 1).toBeLessThan(i));
      }
    const ordered = madeMasks(madeDegrees({dim: 4, hidden: [8]}));
    expect(madePaths(ordered, 4)[0]).toEqual([true, true, true, false]);
  });

  it("the masked network's Jacobian ∂(μ_i, α_i)/∂x_j is zero for j ≥ i (checked numerically)", () => {
    for (const order of ["ordered", "random"] as const) {
      const net = autoregressiveNd({dim: 4, variant: "maf", hidden: [8, 8], order, seed: 2});
      const x = [0.3, -0.7, 1.1, 0.4];
      const base = net.conditioner(x);
      for (let j = 0; j < 4; j++) {
        const y = x.slice();
        y[j]! += 1e-5;
        const moved = net.conditioner(y);
        for (let i = 0; i < 4; i++) {
          const dmu = Math.abs(moved.mu[i]! - base.mu[i]!) / 1e-5;
          const dalpha = Math.abs(moved.alpha[i]! - base.alpha[i]!) / 1e-5;
          if (j >= i) expect(dmu + dalpha).toBe(0);
        }
      }
    }
  });

  it("rejects bad sizes with a RangeError naming them", () => {
    expect(() => madeDegrees({dim: 1, hidden: [8]})).toThrow(/dim/);
    expect(() => madePaths(madeMasks(madeDegrees({dim: 3, hidden: [4]})), 4)).toThrow(/output/);
  });
});

describe("d-dimensional MAF and IAF", () => {
  it("count the conditioner passes actually made: MAF evaluate 1, sample d; IAF the opposite", () => {
    for (let d = 2; d <= 6; d++) {
      const maf = autoregressiveNd({dim: d, variant: "maf", seed: d});
      const iaf = autoregressiveNd({dim: d, variant: "iaf", seed: d});
      const z = Array.from({length: d}, (_, i) => Math.sin(i + 1));
      let calls = 0;
      const count = maf.conditioner;
      maf.conditioner = (v) => (calls++, count(v));
      const x = maf.sample(z);
      expect([x.passes, calls, maf.passes]).toEqual([d, d, d]);
      expect(maf.evaluate(x.out).passes).toBe(1);
      expect(iaf.sample(z).passes).toBe(1);
      expect(iaf.evaluate(iaf.sample(z).out).passes).toBe(d);
      expect(iaf.passes).toBe(1 + 1 + d);
    }
  });

  it("evaluate inverts sample, and log|det| = Σα equals the log-det of a finite-difference Jacobian", () => {
    for (const variant of ["maf", "iaf"] as const) {
      const f = autoregressiveNd({dim: 3, variant, seed: 1, hidden: [8, 8]});
      const z = [0.5, -1.2, 0.8];
      const x = f.sample(z);
      const back = f.evaluate(x.out);
      back.out.forEach((v, i) => expect(v).toBeCloseTo(z[i]!, 12));
      expect(back.logDet).toBeCloseTo(x.logDet, 12);
      const h = 1e-6;
      const J = [0, 1, 2].map((j) => {
        const w = z.slice();
        w[j]! += h;
        return f.sample(w).out.map((v, i) => (v - x.out[i]!) / h);
      }); // J[j][i] = ∂x_i/∂z_j: lower triangular in (i, j)
      for (let j = 0; j < 3; j++) for (let i = 0; i < j; i++) expect(J[j]![i]).toBe(0);
      expect(Math.log(Math.abs(J[0]![0]! * J[1]![1]! * J[2]![2]!))).toBeCloseTo(x.logDet, 4);
    }
  });
});

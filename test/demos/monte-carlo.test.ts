import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {
  computeFrame,
  exactMoments,
  monteCarlo,
  P,
  runningEstimate,
  testFunction,
  type TestFunction
} from "../../demos/monte-carlo.ts";
import {assertInDelta} from "../assert.ts";

const base = defaults(monteCarlo.state);
const all: TestFunction[] = ["x", "x2", "indicator", "abs"];

/** p(x) written out again, independently of engine/stats. */
function pdf(x: number): number {
  let p = 0;
  for (let k = 0; k < 2; k++) {
    const z = (x - P.means[k]!) / P.sds[k]!;
    p += (P.weights[k]! * Math.exp(-0.5 * z * z)) / (P.sds[k]! * Math.sqrt(2 * Math.PI));
  }
  return p;
}

/** Composite Simpson on [a, b] with 2·10⁵ cells. */
function simpson(g: (x: number) => number, a: number, b: number): number {
  const cells = 200000;
  const step = (b - a) / cells;
  let s = g(a) + g(b);
  for (let i = 1; i < cells; i++) s += (i % 2 ? 4 : 2) * g(a + i * step);
  return (s * step) / 3;
}

/** ∫ g p over the line; the indicator's integrand is p on [2, 12] (Simpson across its jump would lose accuracy). */
function expectation(h: TestFunction, power = 1): number {
  if (h === "indicator") return simpson(pdf, 2, 12);
  const f = testFunction(h);
  return simpson((x) => f(x) ** power * pdf(x), -12, 12);
}

describe("monte-carlo", () => {
  it("the exact E_p[h(X)] and sd_p(h(X)) agree with quadrature of h·p", () => {
    assertInDelta(simpson(pdf, -12, 12), 1, 1e-10, "∫ p");
    for (const h of all) {
      const mean = expectation(h);
      const second = expectation(h, 2);
      const exact = exactMoments(h);
      assertInDelta(exact.mean, mean, 1e-5, `E[h], ${h}`);
      assertInDelta(exact.sd, Math.sqrt(second - mean * mean), 1e-5, `sd(h), ${h}`);
    }
  });

  it("the running estimate is the plain mean and std(ddof=1)/√N of the first N values", () => {
    const f = computeFrame({seed: 2}, {...base, h: "abs"});
    for (const n of [2, 37, 1000, 10000]) {
      const v = f.vals.subarray(0, n);
      const mean = v.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      assertInDelta(f.est[n - 1]!, mean, 1e-12, `mean at ${n}`);
      assertInDelta(f.se[n - 1]!, sd / Math.sqrt(n), 1e-12, `se at ${n}`);
    }
    expect(Array.from(runningEstimate([1, 3]).est)).toEqual([1, 2]);
  });

  it("the ±2 SE band at N = 1000 holds the exact value for about 95 % of 300 seeds, for every h", () => {
    for (const h of all) {
      let inside = 0;
      const seeds = 300;
      for (let seed = 0; seed < seeds; seed++) {
        const f = computeFrame({seed}, {...base, h});
        if (Math.abs(f.est[999]! - f.exact) <= 2 * f.se[999]!) inside++;
      }
      const rate = inside / seeds;
      expect(rate, `coverage of ${h}: ${rate}`).toBeGreaterThan(0.91);
      expect(rate, `coverage of ${h}: ${rate}`).toBeLessThan(0.99);
    }
  });

  it("the standard error shrinks like 1/√N: at N = 10,000 it is within 5 % of sd_p(h(X))/100", () => {
    for (const h of all) {
      const f = computeFrame({seed: 5}, {...base, h});
      assertInDelta(f.se[9999]! * 100, f.sd, 0.05 * f.sd, `se·√N, ${h}`);
    }
  });

  it("prints the estimate, the band and the exact value", () => {
    const s = {...base, h: "x2" as const, n: 1000};
    const f = computeFrame({seed: 0}, s);
    const fig = monteCarlo.render(f, {seed: 0}, s);
    const text = fig.querySelector(".readout")?.textContent ?? "";
    const fmt = (v: number) => v.toFixed(Math.abs(v) < 1 ? 3 : 2);
    expect(text).toContain(`estimate ${fmt(f.est[999]!)} ± ${fmt(2 * f.se[999]!)}`);
    expect(text).toContain(`exact ${fmt(f.exact)}`);
    expect(fig.querySelectorAll("svg")).toHaveLength(2);
  });
});

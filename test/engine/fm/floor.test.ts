import {describe, expect, it} from "vitest";
import {dataset} from "../../../engine/data/registry.ts";
import type {GaussianMixture} from "../../../engine/data/gaussian-mixture.ts";
import {cfmFloor} from "../../../engine/fm/floor.ts";
import {marginalField} from "../../../engine/fm/marginal.ts";
import {iCfmPath, lipmanPath} from "../../../engine/paths/cfm.ts";
import {rng} from "../../../engine/random.ts";

const q = dataset("ffjord-8gaussians") as GaussianMixture;

/**
 * C / d straight from its definition, E_t E |u_t(X_t | X₁) − u_t(X_t)|² / 2: conditional targets drawn with the path,
 * the marginal u_t from the closed form, no variance formula involved.
 */
function bruteForce(sigma: number, n: number, seed: number): {value: number; stderr: number} {
  const path = lipmanPath(sigma);
  const u = marginalField(path, q, q);
  const random = rng(seed);
  const x1 = q.sample(n, random);
  const x0 = new Float64Array(2 * n);
  random.fillNormal(x0);
  const t = Float64Array.from({length: n}, () => Math.min(path.tMax, random.uniform()));
  const xt = new Float64Array(2 * n);
  const target = new Float64Array(2 * n);
  path.sample(xt, x0, x1, t, x0, n);
  path.velocity(target, x0, x1, t, xt, n);
  const m = new Float64Array(2);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    u.velocity(m, xt.subarray(2 * i, 2 * i + 2), 1, t[i]!);
    const v = ((target[2 * i]! - m[0]!) ** 2 + (target[2 * i + 1]! - m[1]!) ** 2) / 2;
    sum += v;
    squares += v * v;
  }
  const value = sum / n;
  return {value, stderr: Math.sqrt((squares / n - value * value) / (n - 1))};
}

describe("cfmFloor", () => {
  it.each([0.05, 0.5])("agrees with the definition's brute-force estimate (σ_min %s)", (sigma) => {
    const path = lipmanPath(sigma);
    const c = cfmFloor(path, marginalField(path, q, q), q, 6000, rng(1));
    const b = bruteForce(sigma, 6000, 2);
    expect(c.samples).toBe(6000);
    expect(c.value).toBeGreaterThan(1);
    // Two independent estimates: within four standard errors of their difference.
    expect(Math.abs(c.value - b.value)).toBeLessThan(4 * Math.hypot(c.stderr, b.stderr));
    // The closed-form variance removes the targets' own noise: its estimate is the tighter one.
    expect(c.stderr).toBeLessThan(b.stderr);
  });

  it("is larger for a sharper path end (σ_min 0.05 against 1)", () => {
    const at = (sigma: number) => {
      const path = lipmanPath(sigma);
      return cfmFloor(path, marginalField(path, q, q), q, 3000, rng(3)).value;
    };
    expect(at(0.05)).toBeGreaterThan(at(1) + 0.3);
  });

  it("rejects a two-sided path and too few draws, naming them", () => {
    const path = iCfmPath(0.1);
    expect(() => cfmFloor(path, marginalField(path, q, q), q, 100, rng(0))).toThrow(/invalid path: i-cfm/);
    const lipman = lipmanPath(0.1);
    expect(() => cfmFloor(lipman, marginalField(lipman, q, q), q, 1, rng(0))).toThrow(/invalid n: 1/);
  });
});

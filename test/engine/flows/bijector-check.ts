/** Shared property checks for 2D bijectors: round trip, log-det symmetry, log-det vs finite-difference Jacobian. */
import {expect} from "vitest";
import {noGrad, tensor, type Tensor} from "../../../engine/autodiff/tensor.ts";
import type {Bijector} from "../../../engine/flows/bijector.ts";
import {rng} from "../../../engine/random.ts";
import {assertAllClose} from "../../assert.ts";

/** n points ~ N(0, s²I), flat. */
export function points(n: number, seed: number, s = 1): Float64Array {
  const x = rng(seed).fillNormal(new Float64Array(2 * n)) as Float64Array;
  return x.map((v) => s * v);
}

/** Adds N(0, s²) noise to every parameter, so that identity-initialised layers become non-trivial. */
export function perturb(b: {parameters(): Tensor[]}, seed: number, s = 0.3): void {
  const r = rng(seed);
  for (const p of b.parameters()) for (let i = 0; i < p.data.length; i++) p.data[i] = p.data[i]! + s * r.normal();
}

/** log|det| of the central-difference Jacobian of `map` (flat 2 → flat 2) at each point (h = 1e-5). */
export function finiteDifferenceLogDet(map: (x: Float64Array) => Float64Array, x: Float64Array, h = 1e-5) {
  const n = x.length / 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cols: number[][] = [];
    for (let j = 0; j < 2; j++) {
      const p = Float64Array.from([x[2 * i]!, x[2 * i + 1]!]);
      const m = p.slice();
      p[j]! += h;
      m[j]! -= h;
      const fp = map(p);
      const fm = map(m);
      cols.push([(fp[0]! - fm[0]!) / (2 * h), (fp[1]! - fm[1]!) / (2 * h)]);
    }
    out[i] = Math.log(Math.abs(cols[0]![0]! * cols[1]![1]! - cols[1]![0]! * cols[0]![1]!));
  }
  return out;
}

/**
 * The three properties for every layer: inverse(forward(z)) = z, the two log-dets sum to zero, and each
 * log-det equals log|det| of the finite-difference Jacobian of its own direction within 1e-7.
 */
export function checkBijector(b: Bijector, z: Float64Array, {roundTrip = 1e-9, fd = 1e-7} = {}): void {
  noGrad(() => {
    const n = z.length / 2;
    const fwd = b.forward(tensor(z.slice(), n, 2));
    const inv = b.inverse(tensor(fwd.x.data.slice(), n, 2));
    assertAllClose(inv.z.data, z, {atol: roundTrip, rtol: 0});
    expect(fwd.logDet.rows).toBe(n);
    expect(fwd.logDet.cols).toBe(1);
    for (let i = 0; i < n; i++) expect(Math.abs(fwd.logDet.data[i]! + inv.logDet.data[i]!)).toBeLessThan(roundTrip);
    const forwardMap = (p: Float64Array) => b.forward(tensor(p, 1, 2)).x.data;
    const inverseMap = (p: Float64Array) => b.inverse(tensor(p, 1, 2)).z.data;
    assertAllClose(finiteDifferenceLogDet(forwardMap, z), fwd.logDet.data, {atol: fd, rtol: 0});
    assertAllClose(finiteDifferenceLogDet(inverseMap, fwd.x.data), inv.logDet.data, {atol: fd, rtol: 0});
  });
}

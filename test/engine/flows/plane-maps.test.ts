import {describe, expect, it} from "vitest";
import {
  det2,
  logStandardNormal2,
  NEWTON_TOLERANCE,
  planeMap,
  planeMapNames,
  pushedLogDensity,
  type PlaneMap
} from "../../../engine/flows/plane-maps.ts";
import {rng} from "../../../engine/random.ts";

/** Points spread over [−3, 3]² (seeded). */
function points(count: number, seed = 3): [number, number][] {
  const r = rng(seed);
  return Array.from({length: count}, () => [6 * r.uniform() - 3, 6 * r.uniform() - 3] as [number, number]);
}

/** The Jacobian by central differences of the map. */
function numericJacobian(f: PlaneMap, z1: number, z2: number, h = 1e-5): number[] {
  const [a, b] = [f.map(z1 + h, z2), f.map(z1 - h, z2)];
  const [c, d] = [f.map(z1, z2 + h), f.map(z1, z2 - h)];
  return [(a[0] - b[0]) / (2 * h), (c[0] - d[0]) / (2 * h), (a[1] - b[1]) / (2 * h), (c[1] - d[1]) / (2 * h)];
}

describe("planeMap", () => {
  for (const name of planeMapNames) {
    for (const strength of [0.5, 1, 2]) {
      it(`${name} (k = ${strength}): J matches central differences, det = det J, inverse(f(z)) = z`, () => {
        const f = planeMap(name, strength);
        for (const [z1, z2] of points(200)) {
          const exact = f.jacobian(z1, z2);
          const numeric = numericJacobian(f, z1, z2);
          exact.forEach((v, i) => expect(v).toBeCloseTo(numeric[i]!, 7));
          expect(f.det(z1, z2)).toBeCloseTo(det2(exact), 12);
          expect(f.det(z1, z2)).toBeGreaterThan(0);
          const [x1, x2] = f.map(z1, z2);
          const [y1, y2] = f.inverse(x1, x2);
          expect(Math.abs(y1 - z1) + Math.abs(y2 - z2)).toBeLessThan(1e-10);
        }
      });
    }
  }

  it("strength 0 is the identity for every map", () => {
    for (const name of planeMapNames) {
      const f = planeMap(name, 0);
      expect(f.map(0.7, -1.3)).toEqual([0.7, -1.3]);
      expect(f.det(0.7, -1.3)).toBe(1);
    }
  });

  it("swirl keeps area: det J = 1 to 1e-12 everywhere, yet it moves points a lot", () => {
    const f = planeMap("swirl", 2);
    let moved = 0;
    for (const [z1, z2] of points(2000, 5)) {
      expect(Math.abs(f.det(z1, z2) - 1)).toBeLessThan(1e-12);
      const [x1, x2] = f.map(z1, z2);
      moved = Math.max(moved, Math.hypot(x1 - z1, x2 - z2));
    }
    expect(moved).toBeGreaterThan(1);
  });

  it("planar bump: det J = 1 + tanh′(wᵀz + b)·wᵀa (matrix determinant lemma), between 1 and 1 + wᵀa", () => {
    const f = planeMap("planar bump", 1);
    for (const [z1, z2] of points(500, 7)) {
      const d = f.det(z1, z2);
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(1 + 2.4 + 1e-12);
    }
  });

  it("planar bump's Newton inverse leaves a residual below its tolerance far out too", () => {
    const f = planeMap("planar bump", 2);
    for (const [x1, x2] of [
      [8, -8],
      [-10, 3],
      [0.1, 0.2]
    ] as const) {
      const z = f.inverse(x1, x2);
      const back = f.map(z[0], z[1]);
      expect(Math.abs(back[0] - x1) + Math.abs(back[1] - x2)).toBeLessThan(100 * NEWTON_TOLERANCE);
    }
  });

  it("coupling: det J = e^{s(z₁)} depends on z₁ only", () => {
    const f = planeMap("coupling", 1);
    expect(f.det(0.8, -2)).toBe(f.det(0.8, 2.5));
    expect(f.jacobian(0.8, 2)[1]).toBe(0);
  });

  it("rejects a bad name or strength", () => {
    expect(() => planeMap("spiral" as never)).toThrow(/unknown plane map: spiral/);
    expect(() => planeMap("swirl", -1)).toThrow(/invalid strength/);
  });
});

describe("pushedLogDensity", () => {
  it("adds log p_Z(z) and −log|det J_f(z)| at z = f⁻¹(x)", () => {
    const f = planeMap("planar bump", 1);
    const r = pushedLogDensity(f, 0.4, -0.2);
    const [x1, x2] = f.map(r.z[0], r.z[1]);
    expect(x1).toBeCloseTo(0.4, 12);
    expect(x2).toBeCloseTo(-0.2, 12);
    expect(r.logPz).toBeCloseTo(logStandardNormal2(r.z[0], r.z[1]), 14);
    expect(r.minusLogDet).toBeCloseTo(-Math.log(f.det(r.z[0], r.z[1])), 14);
    expect(r.logPx).toBe(r.logPz + r.minusLogDet);
  });
});

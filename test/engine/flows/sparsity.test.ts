import {describe, expect, it} from "vitest";
import {
  eliminationCost,
  eliminationDet,
  familyInstance,
  familyJacobian,
  isTriangular,
  jacobian,
  layerFamilies,
  lowRankDet,
  rankOneDet,
  triangularDet
} from "../../../engine/flows/sparsity.ts";
import {rng} from "../../../engine/random.ts";

const at = (p: Uint8Array, d: number, i: number, j: number) => p[i * d + j]!;

describe("jacobian sparsity of the flow families", () => {
  it("each family's computed pattern has its known structure (d = 8)", () => {
    const d = 8;
    for (const seed of [0, 1, 2]) {
      const p = (f: (typeof layerFamilies)[number]) => familyJacobian(f, d, seed).pattern;
      const el = p("elementwise");
      const lin = p("linear");
      const pl = p("planar");
      const co = p("coupling");
      const ar = p("autoregressive");
      const re = p("residual");
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          expect(at(el, d, i, j)).toBe(i === j ? 1 : 0);
          expect(at(lin, d, i, j)).toBe(1);
          expect(at(pl, d, i, j)).toBe(1);
          expect(at(re, d, i, j)).toBe(1);
          // Autoregressive: lower triangular and full below the diagonal.
          expect(at(ar, d, i, j)).toBe(j <= i ? 1 : 0);
          // Coupling (A = first 4): identity on A, a dense block ∂x_B/∂z_A, a diagonal block on B, zeros above.
          const expected = i < 4 ? (i === j ? 1 : 0) : j < 4 || i === j ? 1 : 0;
          expect(at(co, d, i, j)).toBe(expected);
        }
      }
    }
  });

  it("planar's J − I has rank one, equal to a bᵀ from the layer", () => {
    const d = 8;
    const inst = familyInstance("planar", d, 3);
    const z = Float64Array.from({length: d}, (_, i) => 0.3 * i - 1);
    const j = jacobian(inst.map, z);
    const {a, b} = inst.rankOne!(z);
    for (let i = 0; i < d; i++) {
      for (let k = 0; k < d; k++) expect(j[i * d + k]! - (i === k ? 1 : 0)).toBeCloseTo(a[i]! * b[k]!, 8);
    }
  });

  it("the structured determinants equal elimination's on the same matrix", () => {
    for (const d of [2, 5, 8, 16]) {
      for (const family of layerFamilies) {
        const fj = familyJacobian(family, d, d);
        expect(Math.abs(fj.structured.det - fj.general.det)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fj.general.det)));
      }
    }
  });

  it("counts: elimination spends eliminationCost(d) ≈ d³/3, a diagonal product d − 1, the lemma d", () => {
    const r = rng(5);
    for (const d of [2, 3, 8, 16]) {
      const m = Float64Array.from({length: d * d}, () => r.normal());
      expect(eliminationDet(m).multiplications).toBe(eliminationCost(d));
      expect(familyJacobian("linear", d).structured.multiplications).toBe(eliminationCost(d));
      expect(familyJacobian("elementwise", d).structured.multiplications).toBe(d - 1);
      expect(familyJacobian("autoregressive", d).structured.multiplications).toBe(d - 1);
      expect(familyJacobian("coupling", d).structured.multiplications).toBe(d - 1);
      expect(familyJacobian("planar", d).structured.multiplications).toBe(d);
    }
    expect(eliminationCost(8)).toBe(175);
    expect(eliminationCost(100) / (100 ** 3 / 3)).toBeCloseTo(1, 1);
  });

  it("elimination agrees with closed forms, and triangular/low-rank routines are exact", () => {
    expect(eliminationDet(Float64Array.from([1, 2, 3, 4])).det).toBeCloseTo(-2, 14);
    expect(eliminationDet(Float64Array.from([0, 1, 1, 0])).det).toBeCloseTo(-1, 14);
    expect(eliminationDet(Float64Array.from([1, 2, 2, 4])).det).toBe(0);
    const tri = Float64Array.from([2, 0, 0, 5, 3, 0, 1, 1, 4]);
    expect(isTriangular(tri)).toBe(true);
    expect(triangularDet(tri)).toEqual({det: 24, multiplications: 2});
    expect(() => triangularDet(Float64Array.from([1, 1, 1, 1]))).toThrow(/not triangular/);
    expect(rankOneDet([1, 2], [3, 4])).toEqual({det: 12, multiplications: 2});
    // det(I + U Vᵀ) for a random rank-2 update of I_6 against elimination of the full matrix.
    const r = rng(9);
    const d = 6;
    const u = Float64Array.from({length: 2 * d}, () => r.normal());
    const v = Float64Array.from({length: 2 * d}, () => r.normal());
    const full = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++)
        full[i * d + j] = (i === j ? 1 : 0) + u[2 * i]! * v[2 * j]! + u[2 * i + 1]! * v[2 * j + 1]!;
    }
    expect(lowRankDet(u, v, 2).det).toBeCloseTo(eliminationDet(full).det, 10);
    expect(() => familyInstance("linear", 1)).toThrow(/invalid dimension d/);
  });
});

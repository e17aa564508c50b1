import {describe, expect, it} from "vitest";
import {assignmentSolver, linearAssignment} from "../../../engine/ot/assignment.ts";
import {sqCostMatrix} from "../../../engine/ot/cost.ts";
import {gaussianDualGuess} from "../../../engine/ot/dual-guess.ts";
import {rng, type Rng} from "../../../engine/random.ts";

/** Minimum of Σ cost[i, p(i)] over all injective maps p: rows → columns, by enumeration. */
function bruteForce(cost: Float64Array, n: number, m: number): number {
  let best = Infinity;
  const used = new Uint8Array(m);
  const visit = (i: number, acc: number) => {
    if (i === n) {
      best = Math.min(best, acc);
      return;
    }
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = 1;
      visit(i + 1, acc + cost[i * m + j]!);
      used[j] = 0;
    }
  };
  visit(0, 0);
  return best;
}

function expectValidAssignment(rowToCol: Int32Array, cost: Float64Array, m: number, total: number): void {
  const seen = new Set<number>();
  let sum = 0;
  rowToCol.forEach((j, i) => {
    expect(j >= 0 && j < m, `row ${i} -> column ${j}`).toBe(true);
    seen.add(j);
    sum += cost[i * m + j]!;
  });
  expect(seen.size, "columns are used once").toBe(rowToCol.length);
  expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(total)));
}

type CostKind = "uniform" | "ties" | "points";

function randomCost(r: Rng, n: number, m: number, kind: CostKind): Float64Array {
  if (kind === "points")
    return sqCostMatrix(
      r.fillNormal(new Float64Array(2 * n)) as Float64Array,
      r.fillNormal(new Float64Array(2 * m)) as Float64Array,
      n,
      m,
      2
    );
  const c = new Float64Array(n * m);
  for (let k = 0; k < c.length; k++) c[k] = kind === "ties" ? r.int(4) : r.uniform() * 10 - 3;
  return c;
}

describe("linearAssignment", () => {
  it("equals brute force over all permutations for square n <= 8 (uniform, tied and 2D-point costs)", () => {
    for (const kind of ["uniform", "ties", "points"] as const) {
      for (let n = 1; n <= 8; n++) {
        const seeds = n <= 6 ? 25 : 4;
        for (let seed = 0; seed < seeds; seed++) {
          const cost = randomCost(rng(1000 * n + seed), n, n, kind);
          const {rowToCol, cost: total} = linearAssignment(cost, n);
          expectValidAssignment(rowToCol, cost, n, total);
          expect(Math.abs(total - bruteForce(cost, n, n)), `${kind} n=${n} seed=${seed}`).toBeLessThan(1e-9);
        }
      }
    }
  });

  it("equals brute force over injective maps for rectangular n < m", () => {
    for (const [n, m] of [
      [1, 4],
      [2, 5],
      [3, 6],
      [4, 7],
      [5, 6]
    ] as const) {
      for (let seed = 0; seed < 10; seed++) {
        const cost = randomCost(rng(seed + 17 * m), n, m, seed % 2 ? "ties" : "uniform");
        const {rowToCol, cost: total} = linearAssignment(cost, n, m);
        expectValidAssignment(rowToCol, cost, m, total);
        expect(Math.abs(total - bruteForce(cost, n, m)), `n=${n} m=${m} seed=${seed}`).toBeLessThan(1e-9);
      }
    }
  });

  it("pairs sorted with sorted in 1D under squared distance (OT on the line is monotone)", () => {
    const r = rng(7);
    const n = 300;
    const x = r.fillNormal(new Float64Array(n)) as Float64Array;
    const y = r.fillUniform(new Float64Array(n), -1, 4) as Float64Array;
    const {rowToCol, cost} = linearAssignment(sqCostMatrix(x, y, n, n, 1), n);
    const xs = Array.from(x).sort((a, b) => a - b);
    const ys = Array.from(y).sort((a, b) => a - b);
    let sorted = 0;
    for (let k = 0; k < n; k++) sorted += (xs[k]! - ys[k]!) ** 2;
    expect(Math.abs(cost - sorted)).toBeLessThan(1e-9 * sorted);
    for (let i = 0; i < n; i++) expect(ys.indexOf(y[rowToCol[i]!]!)).toBe(xs.indexOf(x[i]!));
  });

  it("is invariant under transposition, row shuffles and row/column offsets at n = 120", () => {
    const r = rng(11);
    const n = 120;
    const cost = randomCost(r, n, n, "points");
    const base = linearAssignment(cost, n).cost;
    const transposed = new Float64Array(n * n);
    const shuffled = new Float64Array(n * n);
    const shifted = new Float64Array(n * n);
    const perm = r.permutation(n);
    const rowShift = r.fillNormal(new Float64Array(n));
    const colShift = r.fillNormal(new Float64Array(n));
    let shiftSum = 0;
    for (let i = 0; i < n; i++) shiftSum += rowShift[i]! + colShift[i]!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        transposed[j * n + i] = cost[i * n + j]!;
        shuffled[i * n + j] = cost[perm[i]! * n + j]!;
        shifted[i * n + j] = cost[i * n + j]! + rowShift[i]! + colShift[j]!;
      }
    }
    expect(linearAssignment(transposed, n).cost).toBeCloseTo(base, 9);
    expect(linearAssignment(shuffled, n).cost).toBeCloseTo(base, 9);
    expect(linearAssignment(shifted, n).cost).toBeCloseTo(base + shiftSum, 9);
  });

  it("never uses a +Infinity pair and reports an infeasible problem", () => {
    const I = Infinity;
    const cost = Float64Array.from([1, I, 5, I, 2, I, 3, 1, I]);
    const {rowToCol, cost: total} = linearAssignment(cost, 3);
    expect(Array.from(rowToCol)).toEqual([2, 1, 0]);
    expect(total).toBe(10);
    expect(() => linearAssignment(Float64Array.from([1, I, 2, I]), 2)).toThrow(/infeasible assignment/);
  });

  it("rejects NaN costs, bad shapes and more rows than columns", () => {
    expect(() => linearAssignment(Float64Array.from([1, NaN, 2, 3]), 2)).toThrow(/invalid cost: NaN/);
    expect(() => linearAssignment(new Float64Array(5), 2)).toThrow(/shape mismatch/);
    expect(() => assignmentSolver(3, 2)).toThrow(/invalid m/);
  });

  it("gives the same optimum from any warm start (Gaussian dual guess, random potentials) as from JV's initialisation", () => {
    for (let seed = 0; seed < 6; seed++) {
      const r = rng(100 + seed);
      const n = 10 + 15 * seed;
      const x = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
      const y = (r.fillUniform(new Float64Array(2 * n), -4, 8) as Float64Array).map((v, k) => (k % 2 ? v : 2 * v));
      const cost = sqCostMatrix(x, y, n, n, 2);
      const reference = linearAssignment(cost, n).cost;
      const guess = gaussianDualGuess(x, y, n);
      expect(guess).toBeDefined();
      const random = (r.fillNormal(new Float64Array(n)) as Float64Array).map((v) => 50 * v);
      for (const warm of [guess!, random, new Float64Array(n)]) {
        const out = new Int32Array(n);
        const total = assignmentSolver(n).solve(cost, out, warm);
        expectValidAssignment(out, cost, n, total);
        expect(Math.abs(total - reference), `seed ${seed}`).toBeLessThan(1e-9 * reference);
      }
      if (n <= 8) expect(Math.abs(reference - bruteForce(cost, n, n))).toBeLessThan(1e-9);
    }
    expect(() => assignmentSolver(2, 3).solve(new Float64Array(6), new Int32Array(2), new Float64Array(3))).toThrow(
      /invalid initialV/
    );
    expect(() =>
      assignmentSolver(2).solve(new Float64Array(4), new Int32Array(2), Float64Array.from([0, NaN]))
    ).toThrow(/invalid initialV: NaN/);
    expect(gaussianDualGuess(new Float64Array(4), new Float64Array(4), 2)).toBeUndefined();
  });

  it("reuses one solver across problems with identical results", () => {
    const solver = assignmentSolver(40);
    const out = new Int32Array(40);
    for (let seed = 0; seed < 5; seed++) {
      const cost = randomCost(rng(seed), 40, 40, "points");
      const total = solver.solve(cost, out);
      const fresh = linearAssignment(cost, 40);
      expect(total).toBe(fresh.cost);
      expect(Array.from(out)).toEqual(Array.from(fresh.rowToCol));
    }
  });
});

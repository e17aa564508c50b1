import {execFileSync} from "node:child_process";
import {beforeAll, describe, expect, it} from "vitest";
import {assignmentSolver, linearAssignment} from "../../../engine/ot/assignment.ts";
import {sqCostMatrix} from "../../../engine/ot/cost.ts";
import {gaussianDualGuess} from "../../../engine/ot/dual-guess.ts";
import {otPairing} from "../../../engine/ot/plan.ts";
import {wasmAssignmentSolver, wasmSolverIfReady} from "../../../engine/ot/wasm-assignment.ts";
import {assignmentKernels, loadAssignmentKernels, type AssignmentKernels} from "../../../engine/ot/wasm-kernels.ts";
import {rng, type Rng} from "../../../engine/random.ts";
import {loadKernelsWasm} from "../../../engine/wasm/load.ts";

let k: AssignmentKernels;

beforeAll(async () => {
  execFileSync("node", ["scripts/build-wasm.mjs"], {stdio: "ignore"}); // a no-op when kernels.wasm is up to date
  k = await assignmentKernels(await loadKernelsWasm());
});

/** Minimum of Σ cost[i, p(i)] over all permutations p, by enumeration. */
function bruteForce(cost: Float64Array, n: number): number {
  let best = Infinity;
  const used = new Uint8Array(n);
  const visit = (i: number, acc: number) => {
    if (i === n) best = Math.min(best, acc);
    else
      for (let j = 0; j < n; j++) {
        if (used[j]) continue;
        used[j] = 1;
        visit(i + 1, acc + cost[i * n + j]!);
        used[j] = 0;
      }
  };
  visit(0, 0);
  return best;
}

/** Checks that rowToCol is a permutation whose cost is total. */
function expectPermutation(rowToCol: Int32Array, cost: Float64Array, total: number): void {
  const n = rowToCol.length;
  expect(new Set(rowToCol).size).toBe(n);
  let sum = 0;
  rowToCol.forEach((j, i) => {
    expect(j >= 0 && j < n).toBe(true);
    sum += cost[i * n + j]!;
  });
  expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(total)));
}

type Kind = "uniform" | "ties" | "points";

function problem(r: Rng, n: number, kind: Kind): {cost: Float64Array; warm: Float64Array | undefined} {
  if (kind !== "points") {
    const cost = new Float64Array(n * n);
    for (let i = 0; i < cost.length; i++) cost[i] = kind === "ties" ? r.int(4) : r.uniform() * 10 - 3;
    return {cost, warm: undefined};
  }
  // Noise against a shifted, stretched uniform cloud: what OT-CFM pairs, with the warm start it uses.
  const x = r.fillNormal(new Float64Array(2 * n)) as Float64Array;
  const y = (r.fillUniform(new Float64Array(2 * n), -2, 4) as Float64Array).map((v, i) => (i % 2 ? v : 2 * v));
  return {cost: sqCostMatrix(x, y, n, n, 2), warm: gaussianDualGuess(x, y, n)};
}

describe("wasmAssignmentSolver", () => {
  it("equals brute force over all permutations for n <= 8 (uniform, tied and 2D-point costs, cold and warm)", () => {
    for (const kind of ["uniform", "ties", "points"] as const) {
      for (let n = 1; n <= 8; n++) {
        const solver = wasmAssignmentSolver(k, n);
        for (let seed = 0; seed < (n <= 6 ? 20 : 4); seed++) {
          const {cost, warm} = problem(rng(500 * n + seed), n, kind);
          const exact = bruteForce(cost, n);
          for (const start of [undefined, warm]) {
            const out = new Int32Array(n);
            const total = solver.solve(cost, out, start);
            expectPermutation(out, cost, total);
            expect(Math.abs(total - exact), `${kind} n=${n} seed=${seed}`).toBeLessThan(1e-9);
          }
        }
      }
    }
  });

  it("finds the TypeScript solver's optimum on random 256×256 problems (to 1e-9 relative), with or without warm start", () => {
    const n = 256;
    const fast = wasmAssignmentSolver(k, n);
    const reference = assignmentSolver(n);
    for (const kind of ["points", "uniform", "ties"] as const) {
      for (let seed = 0; seed < (kind === "points" ? 8 : 3); seed++) {
        const {cost, warm} = problem(rng(9000 + seed), n, kind);
        for (const start of kind === "points" ? [warm, undefined] : [undefined]) {
          const a = new Int32Array(n);
          const b = new Int32Array(n);
          const expected = reference.solve(cost, a, start);
          const total = fast.solve(cost, b, start);
          expectPermutation(b, cost, total);
          expect(Math.abs(total - expected), `${kind} seed ${seed}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
        }
      }
    }
  });

  it("pads sizes that are not a multiple of 4 and hands +Infinity costs to the TypeScript solver", () => {
    for (const n of [5, 67, 130]) {
      const {cost, warm} = problem(rng(n), n, "points");
      const out = new Int32Array(n);
      const total = wasmAssignmentSolver(k, n).solve(cost, out, warm);
      expectPermutation(out, cost, total);
      expect(Math.abs(total - assignmentSolver(n).solve(cost, new Int32Array(n)))).toBeLessThan(1e-9 * total);
    }
    const I = Infinity;
    const out = new Int32Array(3);
    expect(wasmAssignmentSolver(k, 3).solve(Float64Array.from([1, I, 5, I, 2, I, 3, 1, I]), out)).toBe(10);
    expect(Array.from(out)).toEqual([2, 1, 0]);
    expect(() => wasmAssignmentSolver(k, 2).solve(Float64Array.from([1, I, 2, I]), new Int32Array(2))).toThrow(
      /infeasible assignment/
    );
    expect(() => wasmAssignmentSolver(k, 2).solve(new Float64Array(4), new Int32Array(3))).toThrow(/shape mismatch/);
  });

  it("is shared per size once loaded, unless FLOWDECK_KERNELS forces the reference", async () => {
    const loaded = await loadAssignmentKernels();
    if (process.env.FLOWDECK_KERNELS === "reference") {
      expect(loaded).toBeUndefined();
      expect(wasmSolverIfReady(256)).toBeUndefined();
    } else {
      expect(loaded).toBeDefined();
      expect(wasmSolverIfReady(256)).toBe(wasmSolverIfReady(256));
      expect(wasmSolverIfReady(4096)).toBeUndefined(); // above the shared-size cap
    }
    // Either way otPairing gives the TypeScript solver's pairing (the optimum of continuous data is unique).
    const r = rng(3);
    const x = r.fillNormal(new Float64Array(512)) as Float64Array;
    const y = r.fillUniform(new Float64Array(512), -3, 5) as Float64Array;
    expect(Array.from(otPairing(x, y, 256))).toEqual(
      Array.from(linearAssignment(sqCostMatrix(x, y, 256, 256, 2), 256).rowToCol)
    );
  });
});

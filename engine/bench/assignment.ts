/**
 * Timing of the exact 256×256 assignment that OT-CFM solves for every minibatch (issue 3 budget: ≤ 3 ms). Each solve
 * pairs a fresh N(0, I) batch with a fresh batch of a dataset under squared Euclidean cost, with the Gaussian dual
 * warm start that otPairing and otPlanSampler use; only the solve is timed (not the cost matrix or the guess). The
 * TypeScript solver and the WebAssembly one (when kernels.wasm loads) see the same problems.
 */
import {dataset} from "../data/registry.ts";
import {assignmentSolver, type AssignmentSolver} from "../ot/assignment.ts";
import {sqCostMatrix} from "../ot/cost.ts";
import {gaussianDualGuess} from "../ot/dual-guess.ts";
import {wasmAssignmentSolver} from "../ot/wasm-assignment.ts";
import {loadAssignmentKernels} from "../ot/wasm-kernels.ts";
import {rng} from "../random.ts";
import {median} from "./measure.ts";

/** Options of {@link benchAssignment}. */
export interface AssignmentBenchOptions {
  /** Batch size n (an n×n problem). @defaultValue 256 */
  n?: number;
  /** Timed solves per dataset and solver, after 20 untimed ones. @defaultValue 200 */
  solves?: number;
  /** Target datasets (registry names). @defaultValue torchcfm-8gaussians, sklearn-moons, ffjord-checkerboard */
  datasets?: string[];
  seed?: number;
}

/** Median and 90th percentile of one solve, ms, per solver ("typescript", "wasm") and dataset. */
export interface AssignmentBenchReport {
  n: number;
  solves: number;
  times: Record<string, Record<string, {medianMs: number; p90Ms: number}>>;
}

const defaults = {
  n: 256,
  solves: 200,
  datasets: ["torchcfm-8gaussians", "sklearn-moons", "ffjord-checkerboard"],
  seed: 1
};

export async function benchAssignment(options: AssignmentBenchOptions = {}): Promise<AssignmentBenchReport> {
  const {n, solves, datasets, seed} = {...defaults, ...options};
  const kernels = await loadAssignmentKernels();
  const solvers: Record<string, () => AssignmentSolver> = {typescript: () => assignmentSolver(n)};
  if (kernels) solvers.wasm = () => wasmAssignmentSolver(kernels, n);
  const x0 = new Float64Array(2 * n);
  const cost = new Float64Array(n * n);
  const rowToCol = new Int32Array(n);
  const times: AssignmentBenchReport["times"] = {};
  // One solver at a time on the same problem stream: interleaving them slowed the TypeScript solver ~1.7× here.
  for (const [solverName, make] of Object.entries(solvers)) {
    const solver = make(); // built in turn: see the note on closures in wasm-assignment.ts
    const r = rng(seed);
    times[solverName] = {};
    for (const name of datasets) {
      const data = dataset(name);
      const ms: number[] = [];
      for (let k = -20; k < solves; k++) {
        r.fillNormal(x0);
        const x1 = data.sample(n, r);
        sqCostMatrix(x0, x1, n, n, 2, cost);
        const warm = gaussianDualGuess(x0, x1, n);
        const start = performance.now();
        solver.solve(cost, rowToCol, warm);
        if (k >= 0) ms.push(performance.now() - start);
      }
      times[solverName][name] = {medianMs: median(ms), p90Ms: p90(ms)};
    }
  }
  return {n, solves, times};
}

/** One line per solver and dataset. */
export function formatAssignmentBench(report: AssignmentBenchReport, loadAverage?: number): string {
  const lines = [
    `exact ${report.n}×${report.n} assignment, N(0,I) → dataset, Gaussian dual warm start; ${report.solves} solves` +
      (loadAverage === undefined ? "" : `; load average ${loadAverage.toFixed(2)}`) +
      " (budget: 3 ms)"
  ];
  for (const [solver, byData] of Object.entries(report.times))
    for (const [name, t] of Object.entries(byData))
      lines.push(
        `${solver.padEnd(10)} ${name.padEnd(22)} median ${t.medianMs.toFixed(2)} ms  p90 ${t.p90Ms.toFixed(2)} ms`
      );
  return lines.join("\n");
}

function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))]!;
}

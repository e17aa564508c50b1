/**
 * The assignment solver of assignment.ts with its hot loop in WebAssembly SIMD (engine/wasm/assembly/assignment.ts):
 * same initialisations, same Dijkstra searches and dual updates, but each search step relaxes a whole cost row two
 * lanes at a time without branches, where V8's scalar loop mispredicts on every improved distance (measured here:
 * about 0.5 vs 2.5 ns per column). Predecessors are not stored during the scan: after a search, each column on the
 * path finds a row whose evaluation of the same expression equals its final distance. On 256×256 noise → data
 * batches with the Gaussian warm start a solve takes 0.7-0.85 ms here instead of 2.5-3.0 ms (npm run bench --
 * --assignment). Square finite problems only; anything else goes to the plain TypeScript solver, the reference.
 */
import {assignmentSolver, type AssignmentSolver} from "./assignment.ts";
import {finishSearch, readMatching} from "./augment.ts";
import {jvInitialise} from "./jv-init.ts";
import {assignmentKernelsIfReady, type AssignmentKernels} from "./wasm-kernels.ts";

/** Largest n served by the shared WebAssembly solvers: each keeps an n×n float64 copy of the cost (8 MB here). */
const maxShared = 1024;
const shared = new Map<number, AssignmentSolver>();

/**
 * A process-wide WebAssembly solver for square n×n problems if the kernels have loaded (the first call starts the
 * load: await loadAssignmentKernels() before a synchronous training loop to use them from its first step), else
 * undefined. Results equal the TypeScript solver's (same optimum; same pairing whenever the optimum is unique).
 */
export function wasmSolverIfReady(n: number): AssignmentSolver | undefined {
  const k = assignmentKernelsIfReady();
  if (!k || !(n >= 1 && n <= maxShared)) return undefined;
  let solver = shared.get(n);
  if (!solver) shared.set(n, (solver = wasmAssignmentSolver(k, n)));
  return solver;
}

/** A square n×n solver on the given kernels instance; other shapes and costs are delegated to the reference. */
export function wasmAssignmentSolver(k: AssignmentKernels, n: number): AssignmentSolver {
  // Created on first use: a second instance of the TypeScript solver in the process makes V8 drop the closure
  // specialisation of its hot loop (measured here: every TypeScript solve then about 1.5-1.7× slower).
  let reference: AssignmentSolver | undefined;
  const width = (n + 3) & ~3; // padded row length, a multiple of the 4 columns relaxed per iteration
  const costPtr = k.reserve(8 * n * width);
  const vPtr = k.reserve(8 * width);
  const distPtr = k.reserve(8 * width);
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  const shortest = new Float64Array(n);
  const offsets = new Float64Array(n); // offset of each visited row, in visit order
  const rowsSeen = new Int32Array(n);
  const colsSeen = new Int32Array(n);
  const visitedAt = new Int32Array(n); // number of rows scanned when a column was reached for good
  const path = new Int32Array(n);
  const col4row = new Int32Array(n);
  const row4col = new Int32Array(n);
  const free = new Int32Array(n);
  const search = {u, v, shortest, rowsSeen, colsSeen, col4row, row4col, path};
  let wasmCost = new Float64Array(0);
  let wasmV = new Float64Array(0);
  let dist = new Float64Array(0);

  function solve(cost: Float64Array, rowToCol: Int32Array, initialV?: Float64Array): number {
    // Shapes, non-finite costs and bad warm starts get the reference's handling (and its error messages).
    if (cost.length !== n * n || !allFinite(cost) || (initialV && (initialV.length !== n || !allFinite(initialV))))
      return (reference ??= assignmentSolver(n)).solve(cost, rowToCol, initialV);
    if (rowToCol.length !== n) throw new RangeError(`shape mismatch: rowToCol of length ${rowToCol.length} vs ${n}`);
    // Views are taken per solve: growing the memory for another solver detaches older ones.
    wasmCost = new Float64Array(k.memory.buffer, costPtr, n * width);
    wasmV = new Float64Array(k.memory.buffer, vPtr, width).fill(-Infinity);
    dist = new Float64Array(k.memory.buffer, distPtr, width);
    for (let i = 0; i < n; i++) wasmCost.set(cost.subarray(i * n, i * n + n), i * width);
    let numFree: number;
    if (initialV) numFree = greedyStart(initialV);
    else {
      numFree = jvInitialise(cost, n, u, v, col4row, row4col, free);
      wasmV.set(v);
    }
    for (let f = 0; f < numFree; f++) augment(cost, free[f]!);
    return readMatching(cost, n, col4row, rowToCol);
  }

  /**
   * The warm start of jv-init.ts (u[i] = min_j c[i,j] − v[j], each row takes its first argmin column if still free),
   * with the row minima taken by the relaxation kernel from fresh distances: the same values, the same columns.
   */
  function greedyStart(initialV: Float64Array): number {
    v.set(initialV);
    wasmV.set(v);
    col4row.fill(-1);
    row4col.fill(-1);
    let numFree = 0;
    for (let i = 0; i < n; i++) {
      dist.fill(Infinity);
      const lowest = k.lapRelax(costPtr + 8 * i * width, vPtr, distPtr, width, 0);
      const j = k.lapFind(distPtr, width, lowest);
      u[i] = lowest;
      if (row4col[j]! < 0) {
        row4col[j] = i;
        col4row[i] = j;
      } else free[numFree++] = i;
    }
    return numFree;
  }

  /** One search from a free row (as in assignment.ts); visited columns leave the scan through v = −∞. */
  function augment(cost: Float64Array, row: number): void {
    dist.fill(Infinity);
    let numRows = 0;
    let numCols = 0;
    let minVal = 0;
    let i = row;
    let sink = -1;
    while (sink < 0) {
      const offset = minVal - u[i]!;
      rowsSeen[numRows] = i;
      offsets[numRows++] = offset;
      const lowest = k.lapRelax(costPtr + 8 * i * width, vPtr, distPtr, width, offset);
      const j = lowest < Infinity ? k.lapFind(distPtr, width, lowest) : -1;
      if (j < 0) throw new RangeError("infeasible assignment: every remaining pair is +Infinity");
      minVal = lowest;
      shortest[j] = lowest;
      visitedAt[j] = numRows;
      colsSeen[numCols++] = j;
      dist[j] = Infinity;
      wasmV[j] = -Infinity;
      if (row4col[j]! < 0) sink = j;
      else i = row4col[j]!;
    }
    for (let j = sink; ;) {
      const r = predecessor(cost, j);
      path[j] = r;
      if (r === row) break;
      j = col4row[r]!;
    }
    finishSearch(search, row, sink, minVal, numRows, numCols);
    for (let t = 0; t < numCols; t++) wasmV[colsSeen[t]!] = v[colsSeen[t]!]!; // the scan's copy of v
  }

  /** A row scanned before column j was reached whose relaxation gave j its final distance (the same float ops). */
  function predecessor(cost: Float64Array, j: number): number {
    const target = shortest[j]!;
    for (let t = 0; t < visitedAt[j]!; t++) {
      const r = rowsSeen[t]!;
      if (offsets[t]! + cost[r * n + j]! - v[j]! === target) return r;
    }
    throw new Error(`assignment: no predecessor for column ${j}`); // unreachable: dist[j] is one of these values
  }

  return {n, m: n, solve};
}

function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) return false;
  return true;
}

/**
 * The parts of the shortest-augmenting-path solve shared by the TypeScript solver (assignment.ts) and the one that
 * scans in WebAssembly (wasm-assignment.ts): the end of one search (dual update, path flip) and reading the result.
 */
export interface SearchState {
  /** Row and column potentials. */
  u: Float64Array;
  v: Float64Array;
  /** Final distance of each column visited by the search. */
  shortest: Float64Array;
  /** Rows and columns visited by the search, in visit order (the first row is the one being inserted). */
  rowsSeen: Int32Array;
  colsSeen: Int32Array;
  /** The matching, both ways (−1: unmatched). */
  col4row: Int32Array;
  row4col: Int32Array;
  /** Predecessor row of each visited column on its shortest path. */
  path: Int32Array;
}

/**
 * Updates the potentials so that every reduced cost c[i,j] − u[i] − v[j] stays ≥ 0 and those along the matching and
 * the new path are 0 (`minVal` is the distance to the sink), then augments: flips the path from `sink` back to `row`.
 */
export function finishSearch(
  s: SearchState,
  row: number,
  sink: number,
  minVal: number,
  numRows: number,
  numCols: number
): void {
  const {u, v, shortest, rowsSeen, colsSeen, col4row, row4col, path} = s;
  u[row] = u[row]! + minVal;
  for (let k = 1; k < numRows; k++) {
    const r = rowsSeen[k]!;
    u[r] = u[r]! + minVal - shortest[col4row[r]!]!;
  }
  for (let k = 0; k < numCols; k++) {
    const j = colsSeen[k]!;
    v[j] = v[j]! - (minVal - shortest[j]!);
  }
  for (let j = sink; ;) {
    const r = path[j]!;
    row4col[j] = r;
    const previous = col4row[r]!;
    col4row[r] = j;
    if (r === row) break;
    j = previous;
  }
}

/** Copies the matching out (row i → column rowToCol[i]) and returns its total cost over the row-major [n × m] costs. */
export function readMatching(cost: Float64Array, m: number, col4row: Int32Array, rowToCol: Int32Array): number {
  let total = 0;
  for (let i = 0; i < rowToCol.length; i++) {
    rowToCol[i] = col4row[i]!;
    total += cost[i * m + col4row[i]!]!;
  }
  return total;
}

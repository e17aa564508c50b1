/** Joining, slicing and gathering rows and columns. Slices are half-open, [start, end). */
import {result, shapeMismatch, Tensor} from "../tensor.ts";

function checkRange(start: number, end: number, size: number): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= size)) {
    throw new RangeError(`invalid slice: [${start},${end}) of ${size}`);
  }
}

/** Side by side: r×c1, r×c2, ... → r×(c1 + c2 + ...). */
export function concatCols(...ts: Tensor[]): Tensor {
  const first = ts[0];
  if (!first) throw new RangeError("concatCols needs at least one tensor");
  const rows = first.rows;
  let cols = 0;
  for (const t of ts) {
    if (t.rows !== rows) shapeMismatch(first, t);
    cols += t.cols;
  }
  const out = new Float64Array(rows * cols);
  let offset = 0;
  for (const t of ts) {
    for (let i = 0; i < rows; i++) out.set(t.data.subarray(i * t.cols, (i + 1) * t.cols), i * cols + offset);
    offset += t.cols;
  }
  return result(out, rows, cols, ts, (g) => {
    let off = 0;
    for (const t of ts) {
      if (t.requiresGrad) {
        const gt = t.gradBuffer();
        for (let i = 0; i < rows; i++) for (let j = 0; j < t.cols; j++) gt[i * t.cols + j]! += g[i * cols + off + j]!;
      }
      off += t.cols;
    }
  });
}

/** Columns start..end−1: r×c → r×(end − start). */
export function sliceCols(a: Tensor, start: number, end: number): Tensor {
  checkRange(start, end, a.cols);
  const {rows, cols: c} = a;
  const w = end - start;
  const out = new Float64Array(rows * w);
  for (let i = 0; i < rows; i++) out.set(a.data.subarray(i * c + start, i * c + end), i * w);
  return result(out, rows, w, [a], (g) => {
    const ga = a.gradBuffer();
    for (let i = 0; i < rows; i++) for (let j = 0; j < w; j++) ga[i * c + start + j]! += g[i * w + j]!;
  });
}

/** Stacked: r1×c, r2×c, ... → (r1 + r2 + ...)×c. */
export function concatRows(...ts: Tensor[]): Tensor {
  const first = ts[0];
  if (!first) throw new RangeError("concatRows needs at least one tensor");
  const cols = first.cols;
  let rows = 0;
  for (const t of ts) {
    if (t.cols !== cols) shapeMismatch(first, t);
    rows += t.rows;
  }
  const out = new Float64Array(rows * cols);
  let offset = 0;
  for (const t of ts) {
    out.set(t.data, offset);
    offset += t.data.length;
  }
  return result(out, rows, cols, ts, (g) => {
    let off = 0;
    for (const t of ts) {
      if (t.requiresGrad) {
        const gt = t.gradBuffer();
        for (let k = 0; k < gt.length; k++) gt[k]! += g[off + k]!;
      }
      off += t.data.length;
    }
  });
}

/** Rows start..end−1: r×c → (end − start)×c. */
export function sliceRows(a: Tensor, start: number, end: number): Tensor {
  checkRange(start, end, a.rows);
  const c = a.cols;
  const out = a.data.slice(start * c, end * c);
  return result(out, end - start, c, [a], (g) => {
    const ga = a.gradBuffer();
    for (let k = 0; k < g.length; k++) ga[start * c + k]! += g[k]!;
  });
}

/** Rows idx[0], idx[1], ... (repeats allowed; their gradients add up): r×c → idx.length×c. */
export function gatherRows(a: Tensor, idx: ArrayLike<number>): Tensor {
  const c = a.cols;
  const m = idx.length;
  for (let k = 0; k < m; k++) {
    const r = idx[k]!;
    if (!(Number.isInteger(r) && r >= 0 && r < a.rows)) throw new RangeError(`invalid row index: ${r}`);
  }
  const out = new Float64Array(m * c);
  for (let k = 0; k < m; k++) out.set(a.data.subarray(idx[k]! * c, (idx[k]! + 1) * c), k * c);
  return result(out, m, c, [a], (g) => {
    const ga = a.gradBuffer();
    for (let k = 0; k < m; k++) {
      const o = idx[k]! * c;
      for (let j = 0; j < c; j++) ga[o + j]! += g[k * c + j]!;
    }
  });
}

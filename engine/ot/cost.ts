/**
 * The squared Euclidean ground cost of OT between two point clouds, the convention of TorchCFM (`cdist(x0, x1)**2`)
 * and of POT's `ot.dist` default.
 */

/**
 * Writes the [n, m] matrix M[i, j] = |x[i] - y[j]|² (row-major) and returns it.
 * @param x flat row-major [n, d] points
 * @param y flat row-major [m, d] points
 * @param out optional [n, m] output; allocated when omitted
 */
export function sqCostMatrix(
  x: Float64Array,
  y: Float64Array,
  n: number,
  m: number,
  d: number,
  out: Float64Array = new Float64Array(n * m)
): Float64Array {
  if (x.length !== n * d) throw new RangeError(`shape mismatch: x of length ${x.length} vs [${n},${d}]`);
  if (y.length !== m * d) throw new RangeError(`shape mismatch: y of length ${y.length} vs [${m},${d}]`);
  if (out.length !== n * m) throw new RangeError(`shape mismatch: out of length ${out.length} vs [${n},${m}]`);
  if (d === 2) return sqCost2d(x, y, n, m, out);
  for (let i = 0; i < n; i++) {
    const xi = i * d;
    const row = i * m;
    for (let j = 0; j < m; j++) {
      const yj = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) {
        const diff = x[xi + k]! - y[yj + k]!;
        s += diff * diff;
      }
      out[row + j] = s;
    }
  }
  return out;
}

/** The d = 2 case without the inner loop (about 4× faster here); dx² + dy² is the general loop's sum bit for bit. */
function sqCost2d(x: Float64Array, y: Float64Array, n: number, m: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const x0 = x[2 * i]!;
    const x1 = x[2 * i + 1]!;
    const row = i * m;
    for (let j = 0; j < m; j++) {
      const a = x0 - y[2 * j]!;
      const b = x1 - y[2 * j + 1]!;
      out[row + j] = a * a + b * b;
    }
  }
  return out;
}

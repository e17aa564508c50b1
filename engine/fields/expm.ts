/**
 * Matrix exponential of a small dense n×n matrix (row-major), by scaling and squaring with a Taylor series: scale by
 * 2^-s until the norm is ≤ 1/2, sum 20 terms (remainder below 1e-19 relative), then square s times. Plenty for the
 * 2×2 and 3×3 matrices of the analytic fields; not meant for large or badly scaled matrices.
 */
export function expm(a: readonly number[], n: number): number[] {
  if (a.length !== n * n) throw new RangeError(`shape mismatch: [${a.length}] vs [${n},${n}]`);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(a[i * n + j]!);
    norm = Math.max(norm, row);
  }
  if (!Number.isFinite(norm)) throw new RangeError(`invalid matrix: non-finite entries`);
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const scaled = a.map((v) => v / 2 ** s);
  let term = eye(n);
  let sum = eye(n);
  for (let k = 1; k <= 20; k++) {
    term = matmul(term, scaled, n).map((v) => v / k);
    sum = sum.map((v, i) => v + term[i]!);
  }
  for (let k = 0; k < s; k++) sum = matmul(sum, sum, n);
  return sum;
}

function eye(n: number): number[] {
  return Array.from({length: n * n}, (_, i) => (i % (n + 1) === 0 ? 1 : 0));
}

function matmul(a: number[], b: readonly number[], n: number): number[] {
  const out = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      for (let j = 0; j < n; j++) out[i * n + j]! += aik * b[k * n + j]!;
    }
  }
  return out;
}

/**
 * Squared maximum mean discrepancy with a sum of RBF kernels (lecture §8.14): k(a, b) = Σ_s exp(−|a − b|² / (2 h_s²))
 * with bandwidths h_s = s·median pairwise distance of the pooled sample, s ∈ {0.1, 0.5, 1, 2}. The biased
 * (V-statistic) estimate (1/n²) Σ k(x, x′) + (1/m²) Σ k(y, y′) − (2/nm) Σ k(x, y) is never negative.
 */

export interface MmdOptions {
  /** Bandwidths as multiples of the median distance. @defaultValue [0.1, 0.5, 1, 2] */
  scales?: readonly number[];
  /** A fixed median distance instead of the pooled sample's. */
  median?: number;
}

const defaults = {scales: [0.1, 0.5, 1, 2] as readonly number[]};

/** MMD² between x (flat [n, 2]) and y (flat [m, 2]). */
export function mmd2(x: Float64Array, y: Float64Array, n: number, m: number, options: MmdOptions = {}): number {
  if (x.length !== 2 * n || y.length !== 2 * m || n < 1 || m < 1) {
    throw new RangeError(`shape mismatch: x of length ${x.length} vs [${n},2], y of length ${y.length} vs [${m},2]`);
  }
  const {scales} = {...defaults, ...options};
  const median = options.median ?? medianDistance(x, y, n, m);
  if (!(median > 0)) throw new RangeError(`invalid median distance: ${median}`);
  const gammas = scales.map((s) => {
    if (!(s > 0)) throw new RangeError(`invalid scale: ${s}`);
    return 1 / (2 * (s * median) ** 2);
  });
  const kernelMean = (a: Float64Array, na: number, b: Float64Array, nb: number) => {
    let sum = 0;
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < nb; j++) {
        const d2 = (a[2 * i]! - b[2 * j]!) ** 2 + (a[2 * i + 1]! - b[2 * j + 1]!) ** 2;
        for (const g of gammas) sum += Math.exp(-g * d2);
      }
    }
    return sum / (na * nb);
  };
  return Math.max(0, kernelMean(x, n, x, n) + kernelMean(y, m, y, m) - 2 * kernelMean(x, n, y, m));
}

/**
 * Median Euclidean distance over distinct pairs of the pooled sample [x; y]. Beyond 2000 pooled points it uses an
 * evenly strided subset of 2000 (deterministic, no generator needed).
 */
export function medianDistance(x: Float64Array, y: Float64Array, n: number, m: number): number {
  const total = n + m;
  const stride = Math.max(1, Math.ceil(total / 2000));
  const picked: number[] = [];
  for (let k = 0; k < total; k += stride) picked.push(k);
  const px = (k: number) => (k < n ? x[2 * k]! : y[2 * (k - n)]!);
  const py = (k: number) => (k < n ? x[2 * k + 1]! : y[2 * (k - n) + 1]!);
  const d = new Float64Array((picked.length * (picked.length - 1)) / 2);
  let c = 0;
  for (let a = 0; a < picked.length; a++) {
    for (let b = a + 1; b < picked.length; b++) {
      d[c++] = Math.hypot(px(picked[a]!) - px(picked[b]!), py(picked[a]!) - py(picked[b]!));
    }
  }
  if (d.length === 0) return 0;
  d.sort();
  const mid = d.length >> 1;
  return d.length % 2 ? d[mid]! : 0.5 * (d[mid - 1]! + d[mid]!);
}

/**
 * Kozachenko-Leonenko k-nearest-neighbour estimate of differential entropy in 2D (Kozachenko & Leonenko 1987; the
 * form of Kraskov, Stögbauer & Grassberger 2004, eq. 20): Ĥ = ψ(N) − ψ(k) + ln V₂ + (2/N) Σ_i ln ε_i, with ε_i the
 * distance from point i to its k-th nearest neighbour and V₂ = π the area of the unit disc. Neighbours are found on
 * a uniform grid of about k points per cell, so the cost is O(N·k) for spread-out data. The datasets' floors come from
 * their exact densities; this estimator is an independent check of them, and the floor itself only for the recipes
 * without a density in hand (engine/data/knn-floor.ts). It is biased at sharp edges and folds.
 */

/** Digamma ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series (< 1e-13). */
export function digamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`invalid digamma argument: ${x}`);
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const z = 1 / (x * x);
  // ψ(x) ~ ln x − 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶) + 1/(240x⁸) − 1/(132x¹⁰)
  const series = z * (1 / 12 - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z / 132))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** Ĥ in nats of the 2D sample x (flat [N, 2]) with k neighbours. Duplicate points make it −Infinity. */
export function knnEntropy(x: Float64Array, k = 4): number {
  const n = x.length / 2;
  if (!Number.isInteger(n) || n <= k) throw new RangeError(`invalid sample: ${n} points for k = ${k}`);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`invalid k: ${k}`);
  const grid = buildGrid(x, n, k);
  const best = new Float64Array(k);
  let sumLog = 0;
  for (let i = 0; i < n; i++) sumLog += 0.5 * Math.log(kthNeighbourSq(x, i, grid, best));
  return digamma(n) - digamma(k) + Math.log(Math.PI) + (2 / n) * sumLog;
}

interface Grid {
  x0: number;
  y0: number;
  cell: number;
  cols: number;
  rows: number;
  start: Int32Array; // cell c holds order[start[c] .. start[c+1])
  order: Int32Array;
}

function buildGrid(x: Float64Array, n: number, k: number): Grid {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, x[2 * i]!);
    x1 = Math.max(x1, x[2 * i]!);
    y0 = Math.min(y0, x[2 * i + 1]!);
    y1 = Math.max(y1, x[2 * i + 1]!);
  }
  const area = Math.max((x1 - x0) * (y1 - y0), 1e-300);
  // About k points per cell, but at most 4096 cells a side (wide outliers or nearly collinear data).
  const cell = Math.max(Math.sqrt((area * k) / n), (x1 - x0) / 4095, (y1 - y0) / 4095, 1e-12);
  const cols = Math.floor((x1 - x0) / cell) + 1;
  const rows = Math.floor((y1 - y0) / cell) + 1;
  const cellOf = (i: number) =>
    Math.min(rows - 1, Math.floor((x[2 * i + 1]! - y0) / cell)) * cols +
    Math.min(cols - 1, Math.floor((x[2 * i]! - x0) / cell));
  const start = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) start[cellOf(i) + 1]!++;
  for (let c = 0; c < cols * rows; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, cols * rows);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[cellOf(i)]!++] = i;
  return {x0, y0, cell, cols, rows, start, order};
}

/** Squared distance from point i to its k-th nearest other point, searching rings of cells outwards. */
function kthNeighbourSq(x: Float64Array, i: number, g: Grid, best: Float64Array): number {
  const k = best.length;
  best.fill(Infinity); // sorted ascending
  const px = x[2 * i]!;
  const py = x[2 * i + 1]!;
  const ci = Math.min(g.cols - 1, Math.floor((px - g.x0) / g.cell));
  const ri = Math.min(g.rows - 1, Math.floor((py - g.y0) / g.cell));
  const maxRing = Math.max(g.cols, g.rows);
  for (let ring = 0; ring <= maxRing; ring++) {
    // Rings 0..R = ring − 1 are done; any point not seen yet lies at least R cells away, i.e. beyond R·cell.
    if (ring > 0 && best[k - 1]! <= ((ring - 1) * g.cell) ** 2) break;
    for (let r = ri - ring; r <= ri + ring; r++) {
      if (r < 0 || r >= g.rows) continue;
      const edge = r === ri - ring || r === ri + ring;
      for (let c = ci - ring; c <= ci + ring; c += edge ? 1 : 2 * ring) {
        if (c >= 0 && c < g.cols) scanCell(x, i, px, py, r * g.cols + c, g, best);
        if (ring === 0) break;
      }
    }
  }
  return best[k - 1]!;
}

function scanCell(x: Float64Array, i: number, px: number, py: number, cell: number, g: Grid, best: Float64Array): void {
  const k = best.length;
  for (let s = g.start[cell]!; s < g.start[cell + 1]!; s++) {
    const j = g.order[s]!;
    if (j === i) continue;
    const d2 = (x[2 * j]! - px) ** 2 + (x[2 * j + 1]! - py) ** 2;
    if (d2 >= best[k - 1]!) continue;
    let p = k - 1;
    while (p > 0 && best[p - 1]! > d2) {
      best[p] = best[p - 1]!;
      p--;
    }
    best[p] = d2;
  }
}

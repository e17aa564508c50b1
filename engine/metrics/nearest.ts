/**
 * Distance from each point of a sample to its nearest point of a reference set (brute force, O(n · m)): the measure of
 * memorization. A model that copies its training set puts every sample on a training point (mean distance 0); one
 * that generalizes puts its samples as far from the training points as fresh data from the same distribution lands.
 */

/** For each query point, the index of its nearest reference point and the distance to it, and their mean. */
export interface Nearest {
  index: Int32Array;
  distance: Float64Array;
  /** Mean of `distance` (NaN when there are no queries). */
  mean: number;
}

/** Nearest reference point [m, 2] of each query point [n, 2] (Euclidean); RangeError on a shape mismatch. */
export function nearestPoints(queries: Float64Array, n: number, reference: Float64Array, m: number): Nearest {
  if (queries.length !== 2 * n || !(Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`invalid queries: length ${queries.length} vs [${n}, 2]`);
  }
  if (reference.length !== 2 * m || !(Number.isInteger(m) && m >= 1)) {
    throw new RangeError(`invalid reference: length ${reference.length} vs [${m}, 2] (at least one point)`);
  }
  const index = new Int32Array(n);
  const distance = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [x, y] = [queries[2 * i]!, queries[2 * i + 1]!];
    let best = Infinity;
    let at = 0;
    for (let j = 0; j < m; j++) {
      const dx = x - reference[2 * j]!;
      const dy = y - reference[2 * j + 1]!;
      const d2 = dx * dx + dy * dy;
      if (d2 < best) [best, at] = [d2, j];
    }
    index[i] = at;
    distance[i] = Math.sqrt(best);
    sum += distance[i]!;
  }
  return {index, distance, mean: n > 0 ? sum / n : NaN};
}

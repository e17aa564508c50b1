// The hot loop of the exact assignment solver (engine/ot/wasm-assignment.ts): one Dijkstra step of the shortest
// augmenting path search over a dense row of costs. Pointers are byte offsets; arrays are float64, padded by the host
// to a multiple of 4 columns.

/**
 * dist[j] ← min(dist[j], (offset + row[j]) − v[j]) for j < m4 (m4 a multiple of 4), returning min_j dist[j]. The
 * host keeps visited and padding columns out of the minimum with v[j] = −∞ and dist[j] = +∞. pmin (b < a ? b : a)
 * keeps the old distance on ties, so each stored distance is exactly one evaluation of the expression above.
 */
export function lapRelax(row: usize, v: usize, dist: usize, m4: i32, offset: f64): f64 {
  const o = f64x2.splat(offset);
  let lo0 = f64x2.splat(Infinity);
  let lo1 = f64x2.splat(Infinity);
  for (let j = 0; j < m4; j += 4) {
    const p = (<usize>j) << 3;
    const r0 = f64x2.sub(f64x2.add(o, v128.load(row + p)), v128.load(v + p));
    const r1 = f64x2.sub(f64x2.add(o, v128.load(row + p, 16)), v128.load(v + p, 16));
    const s0 = f64x2.pmin(v128.load(dist + p), r0);
    const s1 = f64x2.pmin(v128.load(dist + p, 16), r1);
    v128.store(dist + p, s0);
    v128.store(dist + p, s1, 16);
    lo0 = f64x2.pmin(lo0, s0);
    lo1 = f64x2.pmin(lo1, s1);
  }
  const lo = f64x2.pmin(lo0, lo1);
  return min(f64x2.extract_lane(lo, 0), f64x2.extract_lane(lo, 1));
}

/** The first j < m4 with dist[j] == value, or −1 (m4 a multiple of 4; four columns compared per iteration). */
export function lapFind(dist: usize, m4: i32, value: f64): i32 {
  const x = f64x2.splat(value);
  for (let j = 0; j < m4; j += 4) {
    const p = dist + ((<usize>j) << 3);
    if (v128.any_true(v128.or(f64x2.eq(v128.load(p), x), f64x2.eq(v128.load(p, 16), x))))
      for (let q = 0; q < 4; q++) if (load<f64>(p + ((<usize>q) << 3)) == value) return j + q;
  }
  return -1;
}

/**
 * Direct labels that do not overlap: positions along one axis (a column of curve labels) moved apart until neighbours
 * are at least a gap apart, each moved as little as possible.
 */

/**
 * Returns positions, in the order of `wanted`, such that any two are at least `gap` apart (in the units of `wanted`),
 * the sum of squared moves is least (the sorted positions less i·gap, fitted by pooling adjacent violators), and the
 * column lies inside `bounds` when it fits there (when it does not, it starts at the lower bound and keeps the gap).
 * The order of the labels is kept: a label never jumps over another.
 */
export function dodge(wanted: readonly number[], gap: number, bounds?: readonly [number, number]): number[] {
  if (!(Number.isFinite(gap) && gap >= 0)) throw new RangeError(`invalid gap: ${gap} (a finite number ≥ 0)`);
  if (!wanted.every(Number.isFinite)) throw new RangeError(`invalid label positions: ${wanted.join(", ")}`);
  if (bounds && !(bounds[0] <= bounds[1])) throw new RangeError(`invalid bounds: [${bounds.join(", ")}]`);
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a]! - wanted[b]! || a - b);
  // z_i = p_i − i·gap must be non-decreasing: the least-squares fit of the wanted z is their isotonic regression.
  const blocks: {sum: number; count: number}[] = [];
  order.forEach((label, i) => {
    blocks.push({sum: wanted[label]! - i * gap, count: 1});
    while (blocks.length > 1) {
      const last = blocks.at(-1)!;
      const before = blocks.at(-2)!;
      if (before.sum / before.count <= last.sum / last.count) break;
      before.sum += last.sum;
      before.count += last.count;
      blocks.pop();
    }
  });
  const low = bounds ? bounds[0] : -Infinity;
  const high = bounds ? Math.max(low, bounds[1] - (wanted.length - 1) * gap) : Infinity;
  const out = new Array<number>(wanted.length);
  let i = 0;
  for (const block of blocks) {
    const z = Math.min(high, Math.max(low, block.sum / block.count));
    for (let j = 0; j < block.count; j++, i++) out[order[i]!] = z + i * gap;
  }
  return out;
}

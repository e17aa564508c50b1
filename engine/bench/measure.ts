/**
 * Timing helpers of the benchmark. Each call is timed on its own and a slice is summarised by the median call, so
 * that a burst of load from another process (the machine is shared) moves a slice's result less than a mean would.
 */

/** Times f call by call until `seconds` have passed (at least `min` calls); returns each call's ms. */
export function sampleFor(f: () => unknown, seconds: number, min = 1): number[] {
  const end = performance.now() + 1000 * seconds;
  const times: number[] = [];
  let now = performance.now();
  while (times.length < min || now < end) {
    const start = now;
    f();
    now = performance.now();
    times.push(now - start);
  }
  return times;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

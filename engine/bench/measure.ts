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

/**
 * Times a and b alternately, call by call, until `seconds` have passed (at least `min` pairs) and returns
 * median(a times) / median(b times). Calls that run back to back share whatever load the machine has at that moment,
 * so this ratio moves less between runs than the ratio of two medians taken seconds apart.
 */
export function pairedRatio(a: () => unknown, b: () => unknown, seconds: number, min = 3): number {
  const end = performance.now() + 1000 * seconds;
  const ta: number[] = [];
  const tb: number[] = [];
  while (ta.length < min || performance.now() < end) {
    let start = performance.now();
    a();
    const mid = performance.now();
    ta.push(mid - start);
    start = mid;
    b();
    tb.push(performance.now() - start);
  }
  return median(ta) / median(tb);
}

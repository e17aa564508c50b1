import {expect} from "vitest";

/** Asserts |actual - expected| <= delta, with a message that shows both. */
export function assertInDelta(actual: number, expected: number, delta: number, what = "value"): void {
  const ok = Math.abs(actual - expected) <= delta;
  expect(ok, `${what}: ${actual} is not within ${delta} of ${expected}`).toBe(true);
}

/** Elementwise |a - e| <= atol + rtol |e| for every entry. */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  {rtol = 1e-7, atol = 0}: {rtol?: number; atol?: number} = {}
): void {
  expect(actual.length, "length").toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Math.abs(a - e) <= atol + rtol * Math.abs(e);
    expect(ok, `entry ${i}: ${a} vs ${e} (rtol ${rtol}, atol ${atol})`).toBe(true);
  }
}

/** Relative error of a gradient against a reference, scaled by the larger norm. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den = Math.max(den, a[i]! ** 2, b[i]! ** 2);
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / a.length / den);
}

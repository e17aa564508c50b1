/**
 * Transcendental functions made only of +, −, ×, ÷ and exact bit manipulation, so that they return the same bits in
 * every JavaScript engine. `Math.log`, `Math.sin` and `Math.cos` are not specified to the last bit and do differ: the
 * Box-Muller normals of one seed came out 1 ulp apart in Node 20 and in Chromium 156 (found by the end-to-end check).
 * The seeded generator uses these, so a seed replays exactly in the browser, in the worker and in the CLI.
 * Accuracy: within a few ulp of the correctly rounded value on their domains.
 */
const view = new DataView(new ArrayBuffer(8));

// ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's e_log.c constants).
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;

/** Natural logarithm of a positive finite x (NaN for x ≤ 0 or NaN, Infinity for Infinity). */
export function portableLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  // x = m·2^k with m in [√½, √2): exponent and mantissa read from the bits (subnormals scaled up first).
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54
    k = -54;
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  k += ((hi >>> 20) & 0x7ff) - 1023;
  view.setUint32(0, (hi & 0x000fffff) | 0x3ff00000);
  let m = view.getFloat64(0);
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  // log m = 2 atanh(s) = 2 (s + s³/3 + s⁵/5 + …), s = (m − 1)/(m + 1), |s| ≤ 0.1716: 12 terms reach 1e-18.
  const s = (m - 1) / (m + 1);
  const z = s * s;
  let series = 1 / 23;
  for (let j = 10; j >= 0; j--) series = series * z + 1 / (2 * j + 1);
  return k * LN2_HI + (2 * s * series + k * LN2_LO);
}

/**
 * Writes [sin 2πv, cos 2πv] into out[0], out[1] for any finite v (periodic), by quadrant reduction on v (exact) and
 * Taylor series on [−π/4, π/4].
 */
export function portableSinCos2Pi(v: number, out: Float64Array): void {
  const w = 4 * (v - Math.floor(v)); // exact: scaling by 4 and subtracting an integer lose no bits
  const quadrant = Math.floor(w);
  // Angle within the quadrant, θ = r·π/2 with r in [0, 1); written as θ = π/4 + x with x in [−π/4, π/4).
  const x = (w - quadrant - 0.5) * (Math.PI / 2);
  const x2 = x * x;
  let sin = 0;
  let cos = 0;
  // Horner over the Taylor coefficients down to x^17 / x^18 (|x| ≤ π/4: remainder below 1e-17).
  for (let j = 8; j >= 0; j--) {
    sin = sin * x2 + (j % 2 === 0 ? 1 : -1) / factorial(2 * j + 1);
    cos = cos * x2 + (j % 2 === 0 ? 1 : -1) / factorial(2 * j);
  }
  sin *= x;
  // sin(π/4 + x) = (sin x + cos x)/√2, cos(π/4 + x) = (cos x − sin x)/√2.
  const s = (sin + cos) * Math.SQRT1_2;
  const c = (cos - sin) * Math.SQRT1_2;
  // Rotate by the quadrant: adding π/2 maps (sin, cos) to (cos, −sin).
  const sign = quadrant < 2 ? 1 : -1;
  out[0] = sign * (quadrant % 2 === 0 ? s : c);
  out[1] = sign * (quadrant % 2 === 0 ? c : -s);
}

const factorials = [1];
for (let i = 1; i <= 18; i++) factorials.push(factorials[i - 1]! * i);

function factorial(n: number): number {
  return factorials[n]!;
}

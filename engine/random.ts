/**
 * Seeded randomness for the whole engine: xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/) seeded through
 * splitmix32, so that the same seed gives the same stream in Node and in every browser. 32-bit integer arithmetic
 * with Math.imul keeps it bit-exact across engines, and normals use engine/portable-math.ts for the same reason (the
 * end-to-end walk compares the draws in Chromium with Node's). Nothing in engine/ may use Math.random.
 */
import {portableLog, portableSinCos2Pi} from "./portable-math.ts";

/** Scratch for Box-Muller's sine and cosine. */
const sinCos = new Float64Array(2);

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Box-Muller draws normals in pairs; the second one waits here. */
  private spare = NaN;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`invalid seed: ${seed}`);
    let x = Math.floor(seed) >>> 0;
    const next = () => {
      // splitmix32: spreads one 32-bit seed over the 128-bit state.
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform on [0, 1), with 53 random bits. */
  uniform(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal by Box-Muller; the second value of each pair is cached for the next call. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    // portable-math instead of Math.log/sin/cos: those differ by an ulp between JavaScript engines.
    const r = Math.sqrt(-2 * portableLog(u));
    portableSinCos2Pi(v, sinCos);
    this.spare = r * sinCos[0]!;
    return r * sinCos[1]!;
  }

  /** -1 or +1 with probability 1/2 each. */
  rademacher(): number {
    return this.uint32() & 1 ? 1 : -1;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`invalid integer bound: ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** Index drawn with probability proportional to weights (inverse CDF on the cumulative sums). */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (!(w >= 0)) throw new RangeError(`invalid weight: ${w}`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError("invalid weights: they sum to zero");
    let u = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i]!;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Shuffles in place (Fisher-Yates) and returns the array. */
  shuffle<T extends {length: number; [i: number]: unknown}>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** Fills `out` with standard normals and returns it. */
  fillNormal(out: Float64Array | Float32Array): typeof out {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /** Fills `out` with uniforms on [lo, hi) and returns it. */
  fillUniform(out: Float64Array | Float32Array, lo = 0, hi = 1): typeof out {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * this.uniform();
    return out;
  }

  /** Fills `out` with Rademacher signs and returns it. */
  fillRademacher(out: Float64Array | Float32Array): typeof out {
    for (let i = 0; i < out.length; i++) out[i] = this.rademacher();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A seeded generator. Every stochastic function of the engine takes one of these. */
export function rng(seed: number): Rng {
  return new Rng(seed);
}

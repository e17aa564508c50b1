import {beforeAll, describe, expect, it} from "vitest";
import {activationCodes, type Kernels} from "../../../engine/kernels/types.ts";
import {rng} from "../../../engine/random.ts";
import {get, kernelsUnderTest, put} from "./helpers.ts";

// The WebAssembly biasAct has four silu code paths: whole [m×n] blocks when n % 16 = 0 (four vectors a step, the
// pre-activation skipped when pre is out), pairs of vectors, single vectors and scalar column tails.
let impls: Kernels[];
beforeAll(async () => {
  impls = await kernelsUnderTest();
});

const silu = activationCodes.silu;

/** biasAct(silu) of 48 values with a zero bias, laid out as [m×n]; inPlace passes the same buffer as x, pre, out. */
function run(k: Kernels, values: Float32Array, m: number, n: number, inPlace = false): Float32Array {
  const x = put(k, values);
  const bias = k.alloc(n);
  const out = inPlace ? x : k.alloc(m * n);
  const pre = inPlace ? x : k.alloc(m * n);
  k.biasAct(out, pre, x, bias, m, n, silu);
  if (!inPlace) expect(Array.from(get(k, pre, m * n))).toEqual(Array.from(values));
  return get(k, out, m * n);
}

describe("silu in biasAct", () => {
  it("rounds every value the same way whichever code path (row width, in place or not) computes it", () => {
    const r = rng(11);
    const values = Float32Array.from({length: 48}, (_, i) => (i < 4 ? [-100, -87.5, 88.5, 0][i]! : 6 * r.normal()));
    for (const k of impls) {
      const blocks = run(k, values, 3, 16);
      for (const [m, n] of [
        [6, 8],
        [4, 12],
        [12, 4],
        [16, 3],
        [48, 1]
      ] as const) {
        expect(Array.from(run(k, values, m, n)), `${k.name} [${m}×${n}]`).toEqual(Array.from(blocks));
      }
      expect(Array.from(run(k, values, 3, 16, true)), `${k.name} in place`).toEqual(Array.from(blocks));
      expect(blocks[0]).toBeCloseTo(0, 30); // silu(-100) = -3.7e-42 underflows
      expect(blocks[2]).toBe(values[2]); // silu(88.5) = 88.5 in float32
    }
  });

  it("is within 3 float32 roundings (3.6e-7 relative) of float64 silu over [-85, 85]", () => {
    const n = 16;
    const m = 2000;
    const values = Float32Array.from({length: m * n}, (_, i) => -85 + (170 * i) / (m * n - 1));
    for (const k of impls) {
      const out = run(k, values, m, n);
      let worst = 0;
      for (let i = 0; i < values.length; i++) {
        const x = values[i]!;
        const exact = x / (1 + Math.exp(-x));
        if (exact !== 0) worst = Math.max(worst, Math.abs(out[i]! - exact) / Math.abs(exact));
      }
      expect(worst, k.name).toBeLessThan(3.6e-7);
    }
  });
});

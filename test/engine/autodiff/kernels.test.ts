import {describe, expect, it} from "vitest";
import {matmulInto, matmulNTAdd, matmulTNAdd} from "../../../engine/autodiff/kernels.ts";
import {rng} from "../../../engine/random.ts";

function naive(a: Float64Array, b: Float64Array, r: number, k: number, c: number, ta = false, tb = false) {
  // (op(a) · op(b)) with op = transpose when flagged; shapes r×k and k×c after the ops.
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * r + i]! : a[i * k + p]!) * (tb ? b[j * k + p]! : b[p * c + j]!);
      out[i * c + j] = s;
    }
  }
  return out;
}

describe("matmul kernels agree with the naive triple loop, including odd block remainders", () => {
  const random = rng(1);
  const fill = (n: number) => random.fillNormal(new Float64Array(n)) as Float64Array;
  for (const [r, k, c] of [
    [1, 1, 1],
    [7, 5, 3],
    [9, 4, 6],
    [16, 8, 8]
  ] as const) {
    it(`[${r},${k}]·[${k},${c}]`, () => {
      const a = fill(r * k);
      const b = fill(k * c);
      const out = fill(r * c); // garbage: matmulInto must overwrite it
      matmulInto(out, a, b, r, k, c);
      const ref = naive(a, b, r, k, c);
      out.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 12));

      const g = fill(r * c);
      const start = fill(r * k);
      const nt = start.slice();
      matmulNTAdd(nt, g, b, r, k, c); // += G Bᵀ
      const refNT = naive(g, b, r, c, k, false, true);
      nt.forEach((v, i) => expect(v).toBeCloseTo(start[i]! + refNT[i]!, 12));

      const startB = fill(k * c);
      const tn = startB.slice();
      matmulTNAdd(tn, a, g, r, k, c); // += Aᵀ G
      const refTN = naive(a, g, k, r, c, true, false);
      tn.forEach((v, i) => expect(v).toBeCloseTo(startB[i]! + refTN[i]!, 12));
    });
  }
});

import {beforeAll, describe, expect, it} from "vitest";
import {activationCodes, type Activation, type Kernels} from "../../../engine/kernels/types.ts";
import {rng, type Rng} from "../../../engine/random.ts";
import {bothKernels, expectClose, get, put} from "./helpers.ts";

let impls: {reference: Kernels; wasm: Kernels};
beforeAll(async () => {
  impls = await bothKernels();
});

// Shapes with 1 row, k = 1, widths that are not multiples of 4 or 8, and the MLP's own.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 5],
  [5, 1, 9],
  [3, 3, 3],
  [4, 8, 8],
  [7, 13, 17],
  [9, 2, 30],
  [6, 5, 2],
  [33, 31, 12],
  [256, 3, 128],
  [64, 128, 128],
  [256, 128, 2]
];

function random(r: Rng, length: number, scale = 1): Float32Array {
  const a = new Float32Array(length);
  for (let i = 0; i < length; i++) a[i] = scale * r.normal();
  return a;
}

/** Runs the same operation in both implementations on the same inputs and returns [reference, wasm] outputs. */
function run(inputs: Float32Array[], outLengths: number[], op: (k: Kernels, ptrs: number[]) => void | number) {
  return (["reference", "wasm"] as const).map((name) => {
    const k = impls[name];
    const ptrs = [...inputs.map((a) => put(k, a)), ...outLengths.map((n) => k.alloc(n))];
    const value = op(k, ptrs);
    const outs = outLengths.map((n, i) => get(k, ptrs[inputs.length + i]!, n));
    return {value, outs};
  });
}

/** float32 products of length k: error grows like sqrt(k)·eps·|a||b|. */
const tol = {rtol: 2e-5, atol: 2e-5};

describe("reference and wasm kernels agree", () => {
  it("on matmul, matmulTA and matmulTB over awkward shapes", () => {
    const r = rng(1);
    for (const [m, k, n] of shapes) {
      const a = random(r, m * k);
      const b = random(r, k * n);
      const atol = 2e-6 * Math.sqrt(k) * 4;
      for (const variant of ["matmul", "matmulTA", "matmulTB"] as const) {
        const [ref, wasm] = run([a, b], [m * n], (kk, [pa, pb, po]) => kk[variant](po!, pa!, pb!, m, k, n));
        expectClose(wasm!.outs[0]!, ref!.outs[0]!, 1e-5, atol);
      }
    }
  });

  it("matmul matches a float64 product, and the transposed variants read their operands transposed", () => {
    const k = impls.wasm;
    const [m, kk, n] = [3, 2, 5];
    const a = Float32Array.from({length: m * kk}, (_, i) => i + 1);
    const b = Float32Array.from({length: kk * n}, (_, i) => i - 4);
    const out = k.alloc(m * n);
    const [pa, pb] = [put(k, a), put(k, b)];
    k.matmul(out, pa, pb, m, kk, n);
    // out(1, 2) = a(1,0) b(0,2) + a(1,1) b(1,2) = 3·(-2) + 4·3
    expect(get(k, out, m * n)[1 * n + 2]).toBe(6);
    const aT = put(
      k,
      Float32Array.from({length: m * kk}, (_, i) => a[(i % m) * kk + Math.floor(i / m)]!)
    );
    const outTA = k.alloc(m * n);
    k.matmulTA(outTA, aT, pb, m, kk, n);
    expect(Array.from(get(k, outTA, m * n))).toEqual(Array.from(get(k, out, m * n)));
  });

  for (const [name, act] of Object.entries(activationCodes) as [string, Activation][]) {
    it(`on biasAct and biasActBackward (${name})`, () => {
      const r = rng(2 + act);
      for (const [m, , n] of shapes) {
        const x = random(r, m * n, 3);
        const bias = random(r, n);
        const [ref, wasm] = run([x, bias], [m * n, m * n], (k, [px, pb, po, pp]) =>
          k.biasAct(po!, pp!, px!, pb!, m, n, act)
        );
        expectClose(wasm!.outs[1]!, ref!.outs[1]!, 1e-6, 1e-6);
        expectClose(wasm!.outs[0]!, ref!.outs[0]!, tol.rtol, tol.atol);
        const [pre, out] = ref!.outs as [Float32Array, Float32Array];
        const dOut = random(r, m * n);
        const [rb, wb] = run([dOut, pre, out], [m * n, n], (k, [pd, pp, po, pdp, pdb]) =>
          k.biasActBackward(pdp!, pdb!, pd!, pp!, po!, m, n, act)
        );
        expectClose(wb!.outs[0]!, rb!.outs[0]!, tol.rtol, tol.atol);
        expectClose(wb!.outs[1]!, rb!.outs[1]!, 1e-5, 1e-5 * Math.sqrt(m));
      }
    });
  }

  it("on the Adam update, several steps", () => {
    const r = rng(3);
    for (const length of [1, 3, 4, 9, 130]) {
      const p = random(r, length);
      const grads = [random(r, length), random(r, length), random(r, length, 1e-3)];
      const [ref, wasm] = run([p], [length, length, length, length], (k, [pp, , pg, pm, pv]) => {
        grads.forEach((g, i) => {
          k.view(pg!, length).set(g);
          k.adam(pp!, pg!, pm!, pv!, length, {lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, step: i + 1});
        });
        k.view(pg!, length).set(k.view(pp!, length));
      });
      expectClose(wasm!.outs[0]!, ref!.outs[0]!, 1e-5, 1e-6);
      // The first step of Adam moves every parameter by lr·sign(g) (m̂/sqrt(v̂) = ±1).
      expect(Math.abs(ref!.outs[0]![0]! - p[0]!)).toBeGreaterThan(0.005);
    }
  });

  it("on the mean-squared-error gradient", () => {
    const r = rng(4);
    for (const length of [1, 5, 512]) {
      const out = random(r, length);
      const target = random(r, length);
      const [ref, wasm] = run([out, target], [length], (k, [po, pt, pd]) => k.mseGrad(pd!, po!, pt!, length));
      expect(wasm!.value).toBeCloseTo(ref!.value as number, 5);
      expectClose(wasm!.outs[0]!, ref!.outs[0]!, tol.rtol, tol.atol);
      let sum = 0;
      for (let i = 0; i < length; i++) sum += (out[i]! - target[i]!) ** 2;
      expect(ref!.value).toBeCloseTo(sum / length, 6);
    }
  });
});

describe("kernel memory", () => {
  it("grows on demand and reuses freed blocks of the same length", () => {
    for (const k of [impls.reference, impls.wasm]) {
      const before = k.bytes();
      const big = k.alloc(1 << 20);
      k.view(big, 1 << 20).fill(1);
      expect(k.bytes()).toBeGreaterThanOrEqual(before + 4 * (1 << 20));
      k.free(big, 1 << 20);
      const again = k.alloc(1 << 20);
      expect(again).toBe(big);
      expect(k.view(again, 1 << 20)[12345]).toBe(0);
      expect(again % 16).toBe(0);
    }
  });
});

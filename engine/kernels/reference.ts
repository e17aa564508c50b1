import {arena} from "./arena.ts";
import {activate, derivative} from "./activation.ts";
import type {Activation, AdamStep, Kernels, Ptr} from "./types.ts";

/**
 * The kernels in plain TypeScript over a Float32Array that plays the part of linear memory (grown by copying).
 * Products accumulate in float64 and round once, so this is also the accuracy baseline the WebAssembly is tested
 * against.
 */
export function referenceKernels(): Kernels {
  let f = new Float32Array(1 << 14);
  const heap = arena(
    16,
    (bytes) => {
      if (bytes <= f.byteLength) return;
      const grown = new Float32Array(Math.max(bytes / 4, 2 * f.length));
      grown.set(f);
      f = grown;
    },
    (ptr, length) => f.fill(0, ptr >> 2, (ptr >> 2) + length)
  );

  /** out(i, j) = Σ_p a[i·sai + p·sap] · b[p·sbp + j·sbj]. */
  function gemm(out: Ptr, a: Ptr, b: Ptr, m: number, k: number, n: number, s: [number, number, number, number]) {
    const [sai, sap, sbp, sbj] = s;
    const o = out >> 2,
      a0 = a >> 2,
      b0 = b >> 2;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += f[a0 + i * sai + p * sap]! * f[b0 + p * sbp + j * sbj]!;
        f[o + i * n + j] = sum;
      }
    }
  }

  return {
    name: "reference",
    alloc: (length) => heap.alloc(length),
    free: (ptr, length) => heap.free(ptr, length),
    view: (ptr, length) => f.subarray(ptr >> 2, (ptr >> 2) + length),
    bytes: () => heap.top(),
    matmul: (out, a, b, m, k, n) => gemm(out, a, b, m, k, n, [k, 1, n, 1]),
    matmulTA: (out, a, b, m, k, n) => gemm(out, a, b, m, k, n, [1, m, n, 1]),
    matmulTB: (out, a, b, m, k, n) => gemm(out, a, b, m, k, n, [k, 1, 1, k]),
    biasAct(out: Ptr, pre: Ptr, x: Ptr, bias: Ptr, m: number, n: number, act: Activation) {
      const o = out >> 2,
        p = pre >> 2,
        x0 = x >> 2,
        b0 = bias >> 2;
      for (let i = 0; i < m * n; i++) {
        const v = Math.fround(f[x0 + i]! + f[b0 + (i % n)]!);
        f[p + i] = v;
        f[o + i] = activate(v, act);
      }
    },
    biasActBackward(dPre, dBias, dOut, pre, out, m, n, act) {
      const dp = dPre >> 2,
        db = dBias >> 2,
        d0 = dOut >> 2,
        p = pre >> 2,
        o = out >> 2;
      f.fill(0, db, db + n);
      for (let i = 0; i < m * n; i++) {
        const d = f[d0 + i]! * derivative(f[p + i]!, f[o + i]!, act);
        f[dp + i] = d;
        f[db + (i % n)] = f[db + (i % n)]! + d;
      }
    },
    adam(param, grad, m, v, length, s: AdamStep) {
      const p0 = param >> 2,
        g0 = grad >> 2,
        m0 = m >> 2,
        v0 = v >> 2;
      const bc1 = 1 - s.beta1 ** s.step,
        bc2 = 1 - s.beta2 ** s.step;
      for (let i = 0; i < length; i++) {
        const g = f[g0 + i]!;
        const mi = (f[m0 + i] = s.beta1 * f[m0 + i]! + (1 - s.beta1) * g);
        const vi = (f[v0 + i] = s.beta2 * f[v0 + i]! + (1 - s.beta2) * g * g);
        f[p0 + i] = f[p0 + i]! - (s.lr / bc1) * (mi / (Math.sqrt(vi / bc2) + s.eps));
      }
    },
    mseGrad(dOut, out, target, length) {
      const d0 = dOut >> 2,
        o = out >> 2,
        t = target >> 2;
      let sum = 0;
      for (let i = 0; i < length; i++) {
        const d = f[o + i]! - f[t + i]!;
        sum += d * d;
        f[d0 + i] = (2 * d) / length;
      }
      return sum / length;
    }
  };
}

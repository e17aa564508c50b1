import type {Interpolant} from "./dopri5.ts";
import type {Deriv} from "./stepper.ts";

/**
 * Dormand-Prince 5(4) coefficients (Dormand & Prince 1980; Hairer, Nørsett & Wanner, Solving ODEs I, Table II.5.2),
 * with the dense-output weights of Hairer's DOPRI5 code (Shampine's 4th-order continuous extension), and the three
 * formulas of one step that use them: the stages, the error ratio and the interpolant.
 */

/** Nodes c2…c7: 1/5, 3/10, 4/5, 8/9, 1, 1. */
export const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1] as const;

/** Stage coefficients a_ij, row i = stage i + 1 (row 6 equals the 5th-order weights B: that is FSAL). */
export const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]
] as const;

/** 5th-order weights b (the solution that is propagated, "local extrapolation"). */
export const B = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0] as const;

/**
 * b − b̂ with the standard embedded 4th-order weights b̂ = (5179/57600, 0, 7571/16695, 393/640, −92097/339200,
 * 187/2100, 1/40); scipy's RK45 uses the same pair, so step counts match scipy's.
 */
export const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40] as const;

/** Dense-output weights d_i of Hairer's DOPRI5 (`contd5`): rcont5 = h Σ d_i k_i. */
export const D = [
  -12715105075 / 11282082432,
  0,
  87487479700 / 32700410799,
  -10690763975 / 1880347072,
  701980252875 / 199316789632,
  -1453857185 / 822651844,
  69997945 / 29380423
] as const;

/** Work arrays of one solve: the state, the trial state, a stage argument and k1…k7. */
export interface Work {
  y: Float64Array;
  yNew: Float64Array;
  stage: Float64Array;
  k: Float64Array[];
}

/** Stages k2…k7 from k1 = f(t, y); leaves the 5th-order solution in yNew (stage 7's argument). */
export function attempt(g: Deriv, {y, yNew, stage, k}: Work, t: number, h: number): void {
  const n = y.length;
  for (let s = 1; s < 7; s++) {
    const target = s === 6 ? yNew : stage;
    const row = A[s]!;
    target.set(y);
    for (let j = 0; j < s; j++) {
      const c = h * row[j]!;
      if (c === 0) continue;
      const kj = k[j]!;
      for (let i = 0; i < n; i++) target[i]! += c * kj[i]!;
    }
    g(k[s]!, target, t + C[s]! * h);
  }
}

/** RMS over the whole state of (h Σ (b_i − b̂_i) k_i) / (atol + rtol·max(|y_n|, |y_n+1|)). */
export function errorRatio({y, yNew, k}: Work, h: number, rtol: number, atol: number): number {
  const [k1, , k3, k4, k5, k6, k7] = k as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array
  ];
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const e = h * (E[0] * k1[i]! + E[2] * k3[i]! + E[3] * k4[i]! + E[4] * k5[i]! + E[5] * k6[i]! + E[6] * k7[i]!);
    const scale = atol + rtol * Math.max(Math.abs(y[i]!), Math.abs(yNew[i]!));
    sum += (e / scale) ** 2;
  }
  return Math.sqrt(sum / y.length);
}

/** Hairer's continuous extension of DOPRI5 (`contd5`) for the step (t, y) → (t + h, yNew). */
export function interpolant({y, yNew, k}: Work, t: number, h: number): Interpolant {
  const [k1, , k3, k4, k5, k6, k7] = k as Float64Array[] as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array
  ];
  return (out, s) => {
    const theta = (s - t) / h;
    const theta1 = 1 - theta;
    for (let i = 0; i < y.length; i++) {
      const diff = yNew[i]! - y[i]!;
      const bspl = h * k1[i]! - diff;
      const r3 = diff - h * k7[i]! - bspl;
      const r4 = h * (D[0] * k1[i]! + D[2] * k3[i]! + D[3] * k4[i]! + D[4] * k5[i]! + D[5] * k6[i]! + D[6] * k7[i]!);
      out[i] = y[i]! + theta * (diff + theta1 * (bspl + theta * (r3 + theta1 * r4)));
    }
  };
}

/**
 * Two seeded random generators G: R² → R² for showing what a "generator" is (deck 1, "the generative goal"): a random
 * residual MLP, which may fold the plane (not invertible), and a random stack of RealNVP affine couplings, which never
 * does (invertible by construction, det J > 0). Both are untrained: only their shape matters. Points are flat
 * row-major [n, 2] Float64Arrays; nothing here records an autodiff graph.
 */
import {mlp, type Mlp} from "../nn/mlp.ts";
import {rng} from "../random.ts";

/** A map of the plane on batches: writes G(z_i) into out (both [n, 2]). */
export interface PlaneMap {
  /** Short name: "mlp" or "flow". */
  readonly name: string;
  /** Whether the map is invertible by construction. */
  readonly invertible: boolean;
  map(out: Float64Array, z: Float64Array, n: number): Float64Array;
  /** The exact inverse, where the map has one (flow only): z from x. */
  inverse?(out: Float64Array, x: Float64Array, n: number): Float64Array;
  /** Exact log|det ∂G/∂z| per point, where the map has one (flow only). */
  logDet?(out: Float64Array, z: Float64Array, n: number): Float64Array;
}

/** Hidden width of the random MLP's branch. */
const MLP_WIDTH = 32;
/** Gain of the branch in G(z) = ½z + 5·m(z): large enough that the branch outruns the skip somewhere (a fold). */
export const MLP_GAIN = 5;
/** Weight of the skip connection in G. */
export const MLP_SKIP = 0.5;
/** Factor on the first layer's weights (steeper tanh units, so the folds sit inside the drawn window). */
const FIRST_LAYER_GAIN = 3;

function checkPoints(x: Float64Array, n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid n: ${n}`);
  if (x.length < 2 * n) throw new RangeError(`invalid ${name}: ${x.length} values for ${n} points`);
}

/**
 * G(z) = ½z + 5·m(z), m a random 2→32→32→2 tanh MLP (PyTorch-like init from `seed`, first layer ×3). Smooth, and
 * for most seeds not invertible: where the branch stretches faster than the identity, det J < 0 and the plane folds.
 */
export function randomMlpMap(seed: number): PlaneMap {
  const net = mlp({sizes: [2, MLP_WIDTH, MLP_WIDTH, 2], activation: "tanh", seed});
  const first = net.parameters()[0]!;
  for (let i = 0; i < first.data.length; i++) first.data[i]! *= FIRST_LAYER_GAIN;
  return {
    name: "mlp",
    invertible: false,
    map(out, z, n) {
      checkPoints(z, n, "z");
      net.evaluate(out, z, n);
      for (let k = 0; k < 2 * n; k++) out[k] = MLP_SKIP * z[k]! + MLP_GAIN * out[k]!;
      return out;
    }
  };
}

/** Coupling layers of the random flow (alternating which coordinate passes through). */
export const FLOW_LAYERS = 4;
/** Standard deviation of the conditioners' last-layer weights (training would start them at zero: the identity). */
const FLOW_OUTPUT_STD = 0.15;
/** RealNVP's soft bound on the log-scale: s = S_MAX·tanh(ŝ/S_MAX). */
const S_MAX = 1;

/**
 * A random RealNVP: four affine couplings x_B = z_B·e^{s(z_A)} + t(z_A) (the layer of coupling.ts, evaluated here
 * without an autodiff graph so that a few thousand points cost a few milliseconds), alternating A, with random
 * 1→16→2 tanh conditioners (s, t) from `seed`. Invertible for every seed, det J = Π e^{s} > 0; the exact inverse
 * z_B = (x_B − t(x_A))·e^{−s(x_A)} and log-det come from the layers themselves.
 */
export function randomFlowMap(seed: number): PlaneMap {
  const random = rng(seed ^ 0x5eed);
  const nets: Mlp[] = [];
  for (let k = 0; k < FLOW_LAYERS; k++) {
    const net = mlp({sizes: [1, 16, 2], activation: "tanh", seed: seed * 31 + k});
    const params = net.parameters();
    const weight = params[params.length - 2]!.data;
    random.fillNormal(weight);
    for (let i = 0; i < weight.length; i++) weight[i]! *= FLOW_OUTPUT_STD;
    params[params.length - 1]!.data.fill(0);
    nets.push(net);
  }
  const run = (out: Float64Array, x: Float64Array, n: number, forward: boolean, logDet?: Float64Array) => {
    checkPoints(x, n, forward ? "z" : "x");
    const y = x.slice(0, 2 * n);
    const a = new Float64Array(n);
    const st = new Float64Array(2 * n);
    logDet?.fill(0, 0, n);
    for (let m = 0; m < FLOW_LAYERS; m++) {
      const k = forward ? m : FLOW_LAYERS - 1 - m;
      const keep = k % 2;
      for (let i = 0; i < n; i++) a[i] = y[2 * i + keep]!;
      nets[k]!.evaluate(st, a, n);
      for (let i = 0; i < n; i++) {
        const s = S_MAX * Math.tanh(st[2 * i]! / S_MAX);
        const t = st[2 * i + 1]!;
        const b = 2 * i + 1 - keep;
        y[b] = forward ? y[b]! * Math.exp(s) + t : (y[b]! - t) * Math.exp(-s);
        if (logDet) logDet[i]! += s;
      }
    }
    out.set(y);
    return out;
  };
  return {
    name: "flow",
    invertible: true,
    map: (out, z, n) => run(out, z, n, true),
    inverse: (out, x, n) => run(out, x, n, false),
    logDet(out, z, n) {
      run(new Float64Array(2 * n), z, n, true, out);
      return out;
    }
  };
}

/**
 * det ∂G/∂z at n points by central differences with step h (four map evaluations of the batch): the same rule for any
 * map, so the demo tints folds of both maps alike; accurate to O(h²).
 */
export function jacobianDeterminant(map: PlaneMap, z: Float64Array, n: number, h = 1e-4): Float64Array {
  checkPoints(z, n, "z");
  if (!(h > 0)) throw new RangeError(`invalid h: ${h}`);
  const shifted = new Float64Array(2 * n);
  const columns: Float64Array[] = [];
  for (const [axis, sign] of [
    [0, 1],
    [0, -1],
    [1, 1],
    [1, -1]
  ] as const) {
    shifted.set(z.subarray(0, 2 * n));
    for (let i = 0; i < n; i++) shifted[2 * i + axis]! += sign * h;
    columns.push(map.map(new Float64Array(2 * n), shifted, n));
  }
  const [xp, xm, yp, ym] = columns as [Float64Array, Float64Array, Float64Array, Float64Array];
  const det = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = (xp[2 * i]! - xm[2 * i]!) / (2 * h);
    const c = (xp[2 * i + 1]! - xm[2 * i + 1]!) / (2 * h);
    const b = (yp[2 * i]! - ym[2 * i]!) / (2 * h);
    const d = (yp[2 * i + 1]! - ym[2 * i + 1]!) / (2 * h);
    det[i] = a * d - b * c;
  }
  return det;
}

/**
 * The residual branch shared by deck 2's residual slides (D2.18 residual-block, D2.20 fixed-point): ũ is the
 * engine's spectrally normalised LipSwish MLP (lipschitzMlp, every layer capped at ‖W̃_l‖₂ ≤ 1), divided by its
 * steepest slope measured on the plane [−3, 3]², so that u = c·ũ has measured Lipschitz constant c there, and shifted
 * so that ũ(0) = 0. (Its slope on the wide box [−10, 10]², `wideSlope`, can be a little larger: the fixed-point demo,
 * whose iterates may leave the plane, divides by it.)
 * The division matters: a random spectrally normalised net is far flatter than its bound Π‖W̃_l‖₂ (its activations'
 * slopes are mostly below 1 and its layers' top singular directions do not line up), and without it no c in the
 * slider's range could make the block fold. A branch is cached by (seed, depth): moving c only rescales.
 */
import {lipschitzMlp, type LipschitzMlp} from "../../engine/flows/lipschitz-mlp.ts";
import {singularValue2} from "../../engine/flows/spectral.ts";

/** The plane every residual figure shows. */
export const RESIDUAL_EXTENT = [-3, 3, -3, 3] as const;
/** Cells per side of the grid on which slopes and determinants are measured. */
export const RESIDUAL_CELLS = 56;
/** The wide box on which the slope is also measured (coarsely): every fixed-point iterate drawn stays inside it. */
export const WIDE_EXTENT = [-10, 10, -10, 10] as const;
/** Cells per side of the wide box's grid. */
export const WIDE_CELLS = 48;
/** Hidden width of the branch's MLP. */
export const RESIDUAL_WIDTH = 32;

/** A branch ũ with its Jacobian on the measuring grid. */
export interface ResidualBranch {
  readonly seed: number;
  readonly depth: number;
  /** The engine's MLP (before the division by `scale`). */
  readonly mlp: LipschitzMlp;
  /** max of ‖J_mlp‖₂ over the plane's grid: ũ(z) = (mlp(z) − mlp(0)) / scale. */
  readonly scale: number;
  /** Π_l ‖W̃_l‖₂ / scale: the guaranteed bound on Lip(ũ) (≥ 1, the measured slope). */
  readonly bound: number;
  /** max ‖J_ũ‖₂ over the plane and the wide box [−10, 10]² (≥ 1: the steepest place may lie outside the plane). */
  wideSlope(): number;
  /** J_ũ at the grid's cell centres, [cells², 4] row-major entries (∂ũ₁/∂z₁, ∂ũ₁/∂z₂, ∂ũ₂/∂z₁, ∂ũ₂/∂z₂). */
  readonly jacobians: Float64Array;
  /** ũ(z) for flat [n, 2] z. */
  evaluate(z: Float64Array): Float64Array;
  /** ũ(z) and J_ũ(z) for flat [n, 2] z (Jacobian entries as in `jacobians`). */
  evaluateWithJacobian(z: Float64Array): {u: Float64Array; jacobians: Float64Array};
}

/** The centres of the measuring grid, flat [cells², 2], row-major with y rows from −3 up. */
export function gridCentres(cells = RESIDUAL_CELLS, extent: readonly number[] = RESIDUAL_EXTENT): Float64Array {
  const [x0, x1, y0, y1] = extent as [number, number, number, number];
  const out = new Float64Array(2 * cells * cells);
  for (let iy = 0; iy < cells; iy++) {
    for (let ix = 0; ix < cells; ix++) {
      const k = iy * cells + ix;
      out[2 * k] = x0 + ((ix + 0.5) * (x1 - x0)) / cells;
      out[2 * k + 1] = y0 + ((iy + 0.5) * (y1 - y0)) / cells;
    }
  }
  return out;
}

/** A layer of the MLP as plain numbers: W̃ (in × out, row-major) and the bias. */
interface Layer {
  w: Float64Array;
  b: Float64Array;
  rows: number;
  cols: number;
}

/** The engine's normalised weights and biases, read once (the same W̃ the engine's forward uses without a graph). */
function layersOf(mlp: LipschitzMlp): Layer[] {
  const params = mlp.parameters();
  return mlp.normalisedWeights().map((w, l) => ({w: w.data, b: params[2 * l + 1]!.data, rows: w.rows, cols: w.cols}));
}

/** LipSwish x σ(x)/1.1 and its slope, as lipschitz-mlp.ts defines them. */
function lipswish(a: number): [number, number] {
  const s = 1 / (1 + Math.exp(-a));
  return [(a * s) / 1.1, (s * (1 + a * (1 - s))) / 1.1];
}

/**
 * The MLP's output and input Jacobian with forward-mode tangents in plain loops: the same arithmetic as the engine's
 * forwardJacobian (tested against it) at a fraction of the cost of building tensors, so a 56² grid stays on the page.
 */
function rawWithJacobian(layers: Layer[], z: Float64Array) {
  const n = z.length / 2;
  const u = new Float64Array(2 * n);
  const jacobians = new Float64Array(4 * n);
  const widest = Math.max(...layers.map((l) => l.cols));
  let h = new Float64Array(widest);
  let t1 = new Float64Array(widest);
  let t2 = new Float64Array(widest);
  let nh = new Float64Array(widest);
  let n1 = new Float64Array(widest);
  let n2 = new Float64Array(widest);
  for (let i = 0; i < n; i++) {
    h[0] = z[2 * i]!;
    h[1] = z[2 * i + 1]!;
    t1[0] = 1;
    t1[1] = 0;
    t2[0] = 0;
    t2[1] = 1;
    for (let l = 0; l < layers.length; l++) {
      const {w, b, rows, cols} = layers[l]!;
      const last = l === layers.length - 1;
      for (let o = 0; o < cols; o++) {
        let a = b[o]!;
        let d1 = 0;
        let d2 = 0;
        for (let k = 0; k < rows; k++) {
          const wk = w[k * cols + o]!;
          a += h[k]! * wk;
          d1 += t1[k]! * wk;
          d2 += t2[k]! * wk;
        }
        if (last) {
          nh[o] = a;
          n1[o] = d1;
          n2[o] = d2;
        } else {
          const [value, slope] = lipswish(a);
          nh[o] = value;
          n1[o] = slope * d1;
          n2[o] = slope * d2;
        }
      }
      [h, nh] = [nh, h];
      [t1, n1] = [n1, t1];
      [t2, n2] = [n2, t2];
    }
    u[2 * i] = h[0]!;
    u[2 * i + 1] = h[1]!;
    jacobians[4 * i] = t1[0]!;
    jacobians[4 * i + 1] = t2[0]!;
    jacobians[4 * i + 2] = t1[1]!;
    jacobians[4 * i + 3] = t2[1]!;
  }
  return {u, jacobians};
}

/** The largest ‖J‖₂ of a list of 2×2 Jacobians. */
function steepest(j: Float64Array): number {
  let most = 0;
  for (let i = 0; i < j.length; i += 4) most = Math.max(most, singularValue2(j[i]!, j[i + 1]!, j[i + 2]!, j[i + 3]!));
  return most;
}

const cache = new Map<string, ResidualBranch>();

/** The branch of a seed and depth (hidden layers, 1-4), built once and cached. */
export function residualBranch(seed: number, depth: number): ResidualBranch {
  if (!(Number.isInteger(depth) && depth >= 1 && depth <= 4)) {
    throw new RangeError(`invalid depth: ${depth} (an integer from 1 to 4)`);
  }
  const key = `${seed},${depth}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const mlp = lipschitzMlp({width: RESIDUAL_WIDTH, depth, coeff: 1, seed});
  const layers = layersOf(mlp);
  const raw = rawWithJacobian(layers, gridCentres());
  const scale = steepest(raw.jacobians);
  let wide: number | undefined;
  const jacobians = raw.jacobians.map((v) => v / scale);
  // ũ(0) = 0: the MLP's biases would otherwise add a large constant shift once divided by the (small) scale.
  const origin = rawWithJacobian(layers, new Float64Array(2)).u;
  const centred = (u: Float64Array) => u.map((v, i) => (v - origin[i % 2]!) / scale);
  const branch: ResidualBranch = {
    seed,
    depth,
    mlp,
    scale,
    bound: mlp.lipschitzBound() / scale,
    jacobians,
    wideSlope: () =>
      (wide ??= Math.max(1, steepest(rawWithJacobian(layers, gridCentres(WIDE_CELLS, WIDE_EXTENT)).jacobians) / scale)),
    evaluate: (z) => centred(rawWithJacobian(layers, z).u),
    evaluateWithJacobian(z) {
      const r = rawWithJacobian(layers, z);
      return {u: centred(r.u), jacobians: r.jacobians.map((v) => v / scale)};
    }
  };
  cache.set(key, branch);
  return branch;
}

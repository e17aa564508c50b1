/**
 * Coupling layers of the plane whose scale s and shift m are closed-form functions of one coordinate set by sliders
 * (deck 2's NICE and RealNVP slides): coordinate `keep` (the mask's half A) passes through, the other (B) is scaled
 * by e^{s(z_A)} and shifted by m(z_A). NICE is the case s ≡ 0. Pure numbers, no DOM: the demos draw what this gives.
 */

/** One coupling layer: which coordinate it keeps (0 = z₁, 1 = z₂) and its scale and shift functions. */
export interface SliderCoupling {
  readonly keep: 0 | 1;
  /** log-scale s(z_A) (0 for NICE). */
  readonly s: (a: number) => number;
  /** shift m(z_A). */
  readonly m: (a: number) => number;
}

/** x = f(z) for one layer, written into `out` ([x₁, x₂]); returns log|det J_f(z)| = s(z_A). */
export function couplingForward(layer: SliderCoupling, z1: number, z2: number, out: Float64Array): number {
  const a = layer.keep === 0 ? z1 : z2;
  const b = layer.keep === 0 ? z2 : z1;
  const s = layer.s(a);
  const x = b * Math.exp(s) + layer.m(a);
  out[layer.keep] = a;
  out[1 - layer.keep] = x;
  return s;
}

/** z = f⁻¹(x) for one layer, into `out`: z_B = (x_B − m(x_A)) e^{−s(x_A)}; s and m are evaluated, never inverted. */
export function couplingInverse(layer: SliderCoupling, x1: number, x2: number, out: Float64Array): void {
  const a = layer.keep === 0 ? x1 : x2;
  const b = layer.keep === 0 ? x2 : x1;
  out[layer.keep] = a;
  out[1 - layer.keep] = (b - layer.m(a)) * Math.exp(-layer.s(a));
}

/** A stack of layers, the first acting first on z. */
export type CouplingStack = readonly SliderCoupling[];

/** x = f(z) through the whole stack into `out`; returns Σ_k log|det J_{f_k}|. */
export function stackForward(stack: CouplingStack, z1: number, z2: number, out: Float64Array): number {
  out[0] = z1;
  out[1] = z2;
  let logDet = 0;
  for (const layer of stack) logDet += couplingForward(layer, out[0]!, out[1]!, out);
  return logDet;
}

/** z = f⁻¹(x) through the whole stack (last layer first) into `out`. */
export function stackInverse(stack: CouplingStack, x1: number, x2: number, out: Float64Array): void {
  out[0] = x1;
  out[1] = x2;
  for (let k = stack.length - 1; k >= 0; k--) couplingInverse(stack[k]!, out[0]!, out[1]!, out);
}

/** Maps flat [n, 2] points forward: a new array. */
export function mapPoints(stack: CouplingStack, points: ArrayLike<number>): Float64Array {
  const out = new Float64Array(points.length);
  const p = new Float64Array(2);
  for (let i = 0; i < points.length; i += 2) {
    stackForward(stack, points[i]!, points[i + 1]!, p);
    out[i] = p[0]!;
    out[i + 1] = p[1]!;
  }
  return out;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(z; 0, I) in 2D. */
export function logStandardNormal(z1: number, z2: number): number {
  return -0.5 * (z1 * z1 + z2 * z2) - LOG_2PI;
}

/** A square grid of values at cell centres over [−half, half]², rows from the bottom up (demos/layers/data.ts Grid). */
export interface SquareGrid {
  readonly nx: number;
  readonly ny: number;
  readonly extent: readonly [number, number, number, number];
  readonly values: Float64Array;
}

/** The centre of cell i (0 … n − 1) of n cells across [−half, half]. */
export function cellCentre(i: number, n: number, half: number): number {
  return -half + ((i + 0.5) * 2 * half) / n;
}

/**
 * The pushed density p_X(x) = p_Z(f⁻¹(x)) |det J_f(f⁻¹(x))|⁻¹ at the n × n cell centres of [−half, half]², by the
 * exact inverse (no sampling), and det J_f(z) at the cell centres of the same grid read as the noise plane.
 */
export function couplingGrids(stack: CouplingStack, n: number, half: number): {density: SquareGrid; det: SquareGrid} {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`invalid grid: ${n} (an integer ≥ 2)`);
  const density = new Float64Array(n * n);
  const det = new Float64Array(n * n);
  const z = new Float64Array(2);
  const x = new Float64Array(2);
  for (let j = 0; j < n; j++) {
    const v = cellCentre(j, n, half);
    for (let i = 0; i < n; i++) {
      const u = cellCentre(i, n, half);
      stackInverse(stack, u, v, z);
      const logDet = stackForward(stack, z[0]!, z[1]!, x);
      density[j * n + i] = Math.exp(logStandardNormal(z[0]!, z[1]!) - logDet);
      det[j * n + i] = Math.exp(stackForward(stack, u, v, x));
    }
  }
  const extent = [-half, half, -half, half] as const;
  return {density: {nx: n, ny: n, extent, values: density}, det: {nx: n, ny: n, extent, values: det}};
}

/** The largest value of an array (−∞ when empty). */
export function largest(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) m = Math.max(m, values[i]!);
  return m;
}

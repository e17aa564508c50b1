/**
 * The 2D planar map f(z) = z + a tanh(wᵀz + b) in plain numbers, for figures that need it at thousands of points
 * without autodiff (engine/flows/planar.ts is the trainable layer; it calls the vector u). Along w the map acts on
 * α = wᵀz alone, α ↦ α + c tanh(α + b) with c = wᵀa, and across w it only shifts: so every point has one preimage when
 * c ≥ −1 and up to three when c < −1 (the map folds), all found here by safeguarded Newton on monotone pieces. The
 * push-forward density of N(0, I) through a stack of such maps sums over every preimage, so it stays exact when a
 * layer folds. det J_f(z) = 1 + tanh′(wᵀz + b) wᵀa by the matrix-determinant lemma.
 */
import {rng} from "../random.ts";

export type Vec2 = readonly [number, number];

/** One planar layer's parameters: the vector a, the normal w, the offset b. */
export interface PlanarParams {
  readonly a: Vec2;
  readonly w: Vec2;
  readonly b: number;
}

/** m(η) = −1 + log(1 + e^η): maps any η above −1 (and m(η) ≈ η for large η). */
export function planarM(eta: number): number {
  return -1 + Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta)));
}

/** â = a + [m(wᵀa) − wᵀa] w/‖w‖², so that wᵀâ = m(wᵀa) > −1 (w = 0 leaves a as it is). */
export function constrainPlanar(p: PlanarParams): PlanarParams {
  const ww = p.w[0] * p.w[0] + p.w[1] * p.w[1];
  if (ww === 0) return p;
  const c = p.w[0] * p.a[0] + p.w[1] * p.a[1];
  const k = (planarM(c) - c) / ww;
  return {a: [p.a[0] + k * p.w[0], p.a[1] + k * p.w[1]], w: p.w, b: p.b};
}

/** wᵀa. */
export function planarWa(p: PlanarParams): number {
  return p.w[0] * p.a[0] + p.w[1] * p.a[1];
}

/** f(z) = z + a tanh(wᵀz + b). */
export function planarForward(p: PlanarParams, z: Vec2): [number, number] {
  const h = Math.tanh(p.w[0] * z[0] + p.w[1] * z[1] + p.b);
  return [z[0] + p.a[0] * h, z[1] + p.a[1] * h];
}

/** det J_f(z) = 1 + tanh′(wᵀz + b) wᵀa. */
export function planarDet(p: PlanarParams, z: Vec2): number {
  const t = Math.tanh(p.w[0] * z[0] + p.w[1] * z[1] + p.b);
  return 1 + (1 - t * t) * planarWa(p);
}

/** True when the layer folds the plane (det J_f < 0 on a band around wᵀz + b = 0): exactly when wᵀa < −1. */
export function planarFolds(p: PlanarParams): boolean {
  return planarWa(p) < -1 && (p.w[0] !== 0 || p.w[1] !== 0);
}

/** The root of α + c tanh(α + b) = y in [lo, hi], where the left side is monotone and changes sign. */
function rootOn(y: number, c: number, b: number, lo: number, hi: number, increasing: boolean): number {
  let a = 0.5 * (lo + hi);
  let last = hi - lo;
  for (let it = 0; it < 200; it++) {
    const t = Math.tanh(a + b);
    const g = a + c * t - y;
    if (g === 0) return a;
    if (g > 0 === increasing) hi = a;
    else lo = a;
    // Newton while it stays inside the bracket and its steps keep halving; otherwise bisection (rtsafe's rule).
    const slope = 1 + c * (1 - t * t);
    const newton = slope !== 0 ? a - g / slope : NaN;
    const useNewton = newton > lo && newton < hi && Math.abs(newton - a) <= 0.5 * last;
    const next = useNewton ? newton : 0.5 * (lo + hi);
    last = Math.abs(next - a);
    if (last <= 1e-14 * (1 + Math.abs(a))) return next;
    a = next;
  }
  return a;
}

/** Every α with α + c tanh(α + b) = y (one when c ≥ −1, up to three when c < −1), in increasing order. */
export function scalarPreimages(y: number, c: number, b: number): number[] {
  const g = (a: number) => a + c * Math.tanh(a + b) - y;
  const lo = y - Math.abs(c) - 1e-9;
  const hi = y + Math.abs(c) + 1e-9;
  if (c >= -1) return [rootOn(y, c, b, lo, hi, true)];
  // Turning points where 1 + c sech²(α + b) = 0, i.e. cosh(α + b) = √(−c).
  const s = Math.acosh(Math.sqrt(-c));
  const cuts = [lo, Math.min(Math.max(-b - s, lo), hi), Math.min(Math.max(-b + s, lo), hi), hi];
  const roots: number[] = [];
  for (let k = 0; k < 3; k++) {
    const l = cuts[k]!;
    const r = cuts[k + 1]!;
    if (!(r > l)) continue;
    const gl = g(l);
    const gr = g(r);
    if (gl === 0) {
      if (roots.length === 0 || roots[roots.length - 1] !== l) roots.push(l);
      continue;
    }
    if (gl * gr < 0) roots.push(rootOn(y, c, b, l, r, k !== 1));
  }
  return roots;
}

/** Every z with f(z) = x. */
export function planarPreimages(p: PlanarParams, x: Vec2): [number, number][] {
  const ww = p.w[0] * p.w[0] + p.w[1] * p.w[1];
  if (ww === 0) {
    const h = Math.tanh(p.b);
    return [[x[0] - p.a[0] * h, x[1] - p.a[1] * h]];
  }
  // Write z = x − a h: then wᵀz = α solves α + (wᵀa) tanh(α + b) = wᵀx.
  const y = p.w[0] * x[0] + p.w[1] * x[1];
  return scalarPreimages(y, planarWa(p), p.b).map((alpha) => {
    const h = Math.tanh(alpha + p.b);
    return [x[0] - p.a[0] * h, x[1] - p.a[1] * h];
  });
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * The density at x of N(0, I) pushed through the stack f = f_K ∘ … ∘ f_1 (layers[0] applied first): the sum over
 * every preimage chain of N(z)/Π_k |det J_{f_k}|. Points on a fold line (det = 0) add nothing.
 */
export function planarStackDensity(layers: readonly PlanarParams[], x: Vec2): number {
  const visit = (k: number, x0: number, x1: number, scale: number): number => {
    if (k < 0) return scale * Math.exp(-0.5 * (x0 * x0 + x1 * x1) - LOG_2PI);
    const {a, w, b} = layers[k]!;
    const c = w[0] * a[0] + w[1] * a[1];
    if (w[0] === 0 && w[1] === 0) {
      const h = Math.tanh(b);
      return visit(k - 1, x0 - a[0] * h, x1 - a[1] * h, scale);
    }
    const y = w[0] * x0 + w[1] * x1;
    // One preimage (the common case) without allocating; a fold's several through scalarPreimages.
    const alphas =
      c >= -1 ? rootOn(y, c, b, y - Math.abs(c) - 1e-9, y + Math.abs(c) + 1e-9, true) : scalarPreimages(y, c, b);
    let sum = 0;
    for (const alpha of typeof alphas === "number" ? [alphas] : alphas) {
      const t = Math.tanh(alpha + b);
      const det = Math.abs(1 + (1 - t * t) * c);
      if (det > 0) sum += visit(k - 1, x0 - a[0] * t, x1 - a[1] * t, scale / det);
    }
    return sum;
  };
  return visit(layers.length - 1, x[0], x[1], 1);
}

/** f_K ∘ … ∘ f_1 (z) and its Jacobian determinant (the product of the layers', signed). */
export function planarStackForward(layers: readonly PlanarParams[], z: Vec2): {x: [number, number]; det: number} {
  let x: [number, number] = [z[0], z[1]];
  let det = 1;
  for (const layer of layers) {
    det *= planarDet(layer, x);
    x = planarForward(layer, x);
  }
  return {x, det};
}

/**
 * `count` random planar layers (seeded): a, w ~ N(0, I), b ~ N(0, 0.5²), each with the constraint applied, so every
 * one is invertible.
 */
export function randomPlanarLayers(count: number, seed = 0): PlanarParams[] {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`invalid layer count: ${count}`);
  const r = rng(seed);
  return Array.from({length: count}, () => {
    const a: Vec2 = [r.normal(), r.normal()];
    const w: Vec2 = [r.normal(), r.normal()];
    return constrainPlanar({a, w, b: 0.5 * r.normal()});
  });
}

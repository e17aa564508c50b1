/**
 * Why flow families look the way they do: a random d-dimensional instance of each family's layer (generator direction
 * z → x), its Jacobian ∂x/∂z at a point by central differences (an entry that does not depend on z_j comes out exactly
 * 0, since the perturbed and unperturbed evaluations are bit-identical), the pattern of its non-zero entries, and the
 * determinant routines each structure allows, each counting the multiplications (and divisions) it actually performs.
 */
import {rng, type Rng} from "../random.ts";

/** The layer families of the design menu, in the deck's order. */
export const layerFamilies = ["elementwise", "linear", "planar", "coupling", "autoregressive", "residual"] as const;
export type LayerFamily = (typeof layerFamilies)[number];

/** A map of R^d (plain arrays, no autodiff). */
export type VectorMap = (z: Float64Array) => Float64Array;

/** A random instance of a family: its map, and for planar the rank-1 factors of J − I at a point. */
export interface FamilyInstance {
  readonly family: LayerFamily;
  readonly d: number;
  readonly map: VectorMap;
  /** Planar only: J(z) = I + a bᵀ with b = h′(wᵀz + c) w. */
  readonly rankOne?: (z: Float64Array) => {a: Float64Array; b: Float64Array};
}

/** A determinant and what computing it cost. */
export interface DetCost {
  readonly det: number;
  /** Multiplications and divisions the routine performed. */
  readonly multiplications: number;
}

function checkDim(d: number): void {
  if (!(Number.isInteger(d) && d >= 2 && d <= 64))
    throw new RangeError(`invalid dimension d: ${d} (an integer in [2, 64])`);
}

const normals = (r: Rng, n: number, s: number) => Float64Array.from({length: n}, () => s * r.normal());

/** A dense one-hidden-layer tanh network R^k → R^m (width `width`), with weights N(0, scale²/k). */
function mlp(r: Rng, k: number, m: number, width: number, scale: number): (v: Float64Array) => Float64Array {
  const w1 = normals(r, width * k, scale / Math.sqrt(Math.max(k, 1)));
  const b1 = normals(r, width, 0.3);
  const w2 = normals(r, m * width, scale / Math.sqrt(width));
  return (v) => {
    const h = new Float64Array(width);
    for (let i = 0; i < width; i++) {
      let s = b1[i]!;
      for (let j = 0; j < k; j++) s += w1[i * k + j]! * v[j]!;
      h[i] = Math.tanh(s);
    }
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < width; j++) s += w2[i * width + j]! * h[j]!;
      out[i] = s;
    }
    return out;
  };
}

/**
 * A random d-dimensional layer of a family (seeded): elementwise x_i = m_i + e^{s_i} z_i + c_i tanh(z_i); linear
 * x = Lz + m (L dense); planar x = z + a tanh(wᵀz + c); coupling x_A = z_A, x_B = z_B ⊙ e^{s(z_A)} + m(z_A) with
 * A the first ⌊d/2⌋ coordinates; autoregressive x_i = μ_i(z_{<i}) + e^{α_i(z_{<i})} z_i; residual x = z + u(z) with u a
 * small dense tanh network (Lipschitz constant below 1).
 */
export function familyInstance(family: LayerFamily, d: number, seed = 0): FamilyInstance {
  checkDim(d);
  const r = rng(seed);
  switch (family) {
    case "elementwise": {
      const m = normals(r, d, 0.5);
      const s = normals(r, d, 0.3);
      const c = Float64Array.from({length: d}, () => r.uniform());
      const map: VectorMap = (z) => z.map((zi, i) => m[i]! + Math.exp(s[i]!) * zi + c[i]! * Math.tanh(zi));
      return {family, d, map};
    }
    case "linear": {
      const l = normals(r, d * d, 1 / Math.sqrt(d));
      for (let i = 0; i < d; i++) l[i * d + i] = l[i * d + i]! + 1;
      const m = normals(r, d, 0.5);
      const map: VectorMap = (z) => {
        const x = new Float64Array(d);
        for (let i = 0; i < d; i++) {
          let v = m[i]!;
          for (let j = 0; j < d; j++) v += l[i * d + j]! * z[j]!;
          x[i] = v;
        }
        return x;
      };
      return {family, d, map};
    }
    case "planar": {
      const a = normals(r, d, 0.6);
      const w = normals(r, d, 0.6);
      const c = 0.3 * r.normal();
      const pre = (z: Float64Array) => z.reduce((s, zi, i) => s + w[i]! * zi, c);
      const map: VectorMap = (z) => {
        const h = Math.tanh(pre(z));
        return z.map((zi, i) => zi + a[i]! * h);
      };
      const rankOne = (z: Float64Array) => {
        const t = Math.tanh(pre(z));
        return {a: a.slice(), b: w.map((wi) => (1 - t * t) * wi)};
      };
      return {family, d, map, rankOne};
    }
    case "coupling": {
      const k = Math.floor(d / 2);
      const s = mlp(r, k, d - k, 8, 0.6);
      const m = mlp(r, k, d - k, 8, 1);
      const map: VectorMap = (z) => {
        const za = z.subarray(0, k);
        const sv = s(za);
        const mv = m(za);
        const x = z.slice();
        for (let i = k; i < d; i++) x[i] = z[i]! * Math.exp(sv[i - k]!) + mv[i - k]!;
        return x;
      };
      return {family, d, map};
    }
    case "autoregressive": {
      // μ_i and α_i read z_{<i} through strictly lower-triangular weights (a MADE-style mask).
      const wm = normals(r, d * d, 0.8);
      const wa = normals(r, d * d, 0.3);
      const map: VectorMap = (z) => {
        const x = new Float64Array(d);
        for (let i = 0; i < d; i++) {
          let mu = 0;
          let alpha = 0;
          for (let j = 0; j < i; j++) {
            const h = Math.tanh(z[j]!);
            mu += wm[i * d + j]! * h;
            alpha += wa[i * d + j]! * h;
          }
          x[i] = mu + Math.exp(alpha) * z[i]!;
        }
        return x;
      };
      return {family, d, map};
    }
    case "residual": {
      const u = mlp(r, d, d, d, 0.5);
      const map: VectorMap = (z) => {
        const v = u(z);
        return z.map((zi, i) => zi + v[i]!);
      };
      return {family, d, map};
    }
  }
}

/** ∂x/∂z at z by central differences, row-major: J[i·d + j] = ∂x_i/∂z_j. */
export function jacobian(map: VectorMap, z: Float64Array, h = 1e-5): Float64Array {
  const d = z.length;
  const out = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    const plus = z.slice();
    const minus = z.slice();
    plus[j] = plus[j]! + h;
    minus[j] = minus[j]! - h;
    const xp = map(plus);
    const xm = map(minus);
    for (let i = 0; i < d; i++) out[i * d + j] = (xp[i]! - xm[i]!) / (2 * h);
  }
  return out;
}

/** 1 where |J_ij| > tol (a non-zero entry), else 0. */
export function sparsityPattern(j: Float64Array, tol = 1e-12): Uint8Array {
  return Uint8Array.from(j, (v) => (Math.abs(v) > tol ? 1 : 0));
}

function side(j: Float64Array): number {
  const d = Math.round(Math.sqrt(j.length));
  if (d * d !== j.length || d < 1) throw new RangeError(`invalid matrix: ${j.length} entries is not square`);
  return d;
}

/**
 * The determinant by Gaussian elimination with partial pivoting (the general routine, about d³/3 multiplications):
 * d(d−1)/2 divisions for the multipliers, Σ m² multiplications for the updates, and d − 1 for the diagonal product.
 */
export function eliminationDet(matrix: Float64Array): DetCost {
  const d = side(matrix);
  const a = matrix.slice();
  let sign = 1;
  let count = 0;
  for (let k = 0; k < d; k++) {
    let p = k;
    for (let i = k + 1; i < d; i++) if (Math.abs(a[i * d + k]!) > Math.abs(a[p * d + k]!)) p = i;
    if (a[p * d + k] === 0) return {det: 0, multiplications: count};
    if (p !== k) {
      for (let j = 0; j < d; j++) [a[k * d + j], a[p * d + j]] = [a[p * d + j]!, a[k * d + j]!];
      sign = -sign;
    }
    for (let i = k + 1; i < d; i++) {
      const factor = a[i * d + k]! / a[k * d + k]!;
      count++;
      for (let j = k + 1; j < d; j++) {
        a[i * d + j] = a[i * d + j]! - factor * a[k * d + j]!;
        count++;
      }
    }
  }
  let det = a[0]!;
  for (let k = 1; k < d; k++) {
    det *= a[k * d + k]!;
    count++;
  }
  return {det: sign * det, multiplications: count};
}

/** What `eliminationDet` spends on a d×d matrix that needs no early exit: (d−1)d/2 + (d−1)d(2d−1)/6 + d − 1. */
export function eliminationCost(d: number): number {
  return ((d - 1) * d) / 2 + ((d - 1) * d * (2 * d - 1)) / 6 + d - 1;
}

/** True when every entry above (or every entry below) the diagonal is zero. */
export function isTriangular(matrix: Float64Array): boolean {
  const d = side(matrix);
  let upper = true;
  let lower = true;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      if (j > i && matrix[i * d + j] !== 0) lower = false;
      if (j < i && matrix[i * d + j] !== 0) upper = false;
    }
  }
  return lower || upper;
}

/** The determinant of a triangular (or diagonal) matrix: the product of its diagonal, d − 1 multiplications. */
export function triangularDet(matrix: Float64Array): DetCost {
  const d = side(matrix);
  if (!isTriangular(matrix)) throw new RangeError("invalid matrix: not triangular");
  let det = matrix[0]!;
  for (let k = 1; k < d; k++) det *= matrix[k * d + k]!;
  return {det, multiplications: d - 1};
}

/** det(I + a bᵀ) = 1 + bᵀa (the matrix-determinant lemma): d multiplications. */
export function rankOneDet(a: ArrayLike<number>, b: ArrayLike<number>): DetCost {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(`invalid vectors: a has ${a.length} entries and b has ${b.length}`);
  }
  let s = 1;
  for (let i = 0; i < a.length; i++) s += b[i]! * a[i]!;
  return {det: s, multiplications: a.length};
}

/**
 * det(I_d + U Vᵀ) = det(I_r + Vᵀ U) for U, V of shape d×r (row-major): forming the r×r matrix costs d·r²
 * multiplications, its elimination about r³/3.
 */
export function lowRankDet(u: Float64Array, v: Float64Array, r: number): DetCost {
  if (!(Number.isInteger(r) && r >= 1) || u.length % r !== 0 || u.length !== v.length) {
    throw new RangeError(`invalid rank r: ${r} for factors of ${u.length} and ${v.length} entries`);
  }
  const d = u.length / r;
  const small = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < d; k++) s += v[k * r + i]! * u[k * r + j]!;
      small[i * r + j] = s;
    }
  }
  const inner = eliminationDet(small);
  return {det: inner.det, multiplications: d * r * r + inner.multiplications};
}

/** How a family's determinant is computed in practice. */
export type DetMethod = "product of the diagonal" | "elimination" | "determinant lemma" | "power series";

/** The routine each family allows. */
export const detMethods: Readonly<Record<LayerFamily, DetMethod>> = {
  elementwise: "product of the diagonal",
  linear: "elimination",
  planar: "determinant lemma",
  coupling: "product of the diagonal",
  autoregressive: "product of the diagonal",
  residual: "power series"
};

/** One family's instance at a point: its Jacobian, pattern, and the determinant by its own routine and by elimination. */
export interface FamilyJacobian {
  readonly family: LayerFamily;
  readonly d: number;
  readonly jacobian: Float64Array;
  readonly pattern: Uint8Array;
  readonly method: DetMethod;
  /** The family's own routine (for residual: elimination, since the power series is an estimate). */
  readonly structured: DetCost;
  /** The general routine on the same matrix. */
  readonly general: DetCost;
}

/** A family's random instance (seeded) evaluated at a random point z ~ N(0, I) (same seed). */
export function familyJacobian(family: LayerFamily, d: number, seed = 0): FamilyJacobian {
  const inst = familyInstance(family, d, seed);
  const r = rng(seed + 7919);
  const z = normals(r, d, 1);
  const j = jacobian(inst.map, z);
  const pattern = sparsityPattern(j);
  // Structural zeros are exact (see the file comment); clean the matrix so the triangular routine sees them.
  const clean = j.map((v, i) => (pattern[i] ? v : 0));
  const general = eliminationDet(clean);
  const method = detMethods[family];
  let structured: DetCost;
  if (method === "product of the diagonal") structured = triangularDet(clean);
  else if (method === "determinant lemma") {
    const {a, b} = inst.rankOne!(z);
    structured = rankOneDet(a, b);
  } else structured = general;
  return {family, d, jacobian: clean, pattern, method, structured, general};
}

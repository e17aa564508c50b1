/**
 * Gaussian quadrature rules for the datasets' exact entropies: Gauss-Legendre on [−1, 1] (composite over panels for
 * curve parameters) and Gauss-Hermite for expectations under N(0, 1). Nodes are found by Newton's method on the
 * three-term recurrences, so no table is typed in; the tests check them against moments.
 */

/** Nodes x[i] and weights w[i] of a rule: ∫ f ≈ Σ w[i] f(x[i]). */
export interface QuadratureRule {
  readonly x: Float64Array;
  readonly w: Float64Array;
}

/** Gauss-Legendre rule with n nodes on [−1, 1] (exact for polynomials of degree 2n − 1). */
export function gaussLegendre(n: number): QuadratureRule {
  checkNodes(n);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5)); // Tricomi's first guess, close enough for Newton
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      const [p, q] = legendre(n, z);
      dp = (n * (z * p - q)) / (z * z - 1);
      const step = p / dp;
      z -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    dp = (n * (z * legendre(n, z)[0] - legendre(n, z)[1])) / (z * z - 1);
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return {x, w};
}

/** P_n(z) and P_{n−1}(z) by Bonnet's recurrence. */
function legendre(n: number, z: number): [number, number] {
  let p = 1;
  let q = 0;
  for (let j = 1; j <= n; j++) [p, q] = [((2 * j - 1) * z * p - (j - 1) * q) / j, p];
  return [p, q];
}

/**
 * Gauss-Hermite rule with n nodes for the standard normal: E f(Z) ≈ Σ w[i] f(x[i]), Σ w = 1. Roots of the
 * orthonormal Hermite function are bracketed on a fine grid and polished by Newton.
 */
export function gaussHermite(n: number): QuadratureRule {
  checkNodes(n);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const reach = Math.sqrt(2 * n + 1) + 1; // every root of H_n lies within √(2n + 1)
  const cells = 200 * n;
  let found = 0;
  let a = -reach;
  let fa = hermite(n, a)[0];
  for (let c = 1; c <= cells && found < n; c++) {
    const b = -reach + (2 * reach * c) / cells;
    const fb = hermite(n, b)[0];
    if (fa === 0 || fa * fb < 0) {
      let z = fa === 0 ? a : a - (fa * (b - a)) / (fb - fa);
      for (let it = 0; it < 100; it++) {
        const [p, q] = hermite(n, z);
        const step = p / (Math.sqrt(2 * n) * q);
        z -= step;
        if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
      }
      const dp = Math.sqrt(2 * n) * hermite(n, z)[1];
      x[found] = Math.SQRT2 * z; // physicists' node t ↦ standard-normal node √2 t
      w[found] = 2 / (dp * dp) / Math.sqrt(Math.PI);
      found++;
    }
    [a, fa] = [b, fb];
  }
  if (found !== n) throw new Error(`gauss-hermite: found ${found} of ${n} nodes`);
  return {x, w};
}

/** Orthonormal Hermite functions ψ_n(t) and ψ_{n−1}(t) without the e^{−t²/2} factor (weight e^{−t²}). */
function hermite(n: number, t: number): [number, number] {
  let p = Math.PI ** -0.25;
  let q = 0;
  for (let j = 1; j <= n; j++) [p, q] = [t * Math.sqrt(2 / j) * p - Math.sqrt((j - 1) / j) * q, p];
  return [p, q];
}

/**
 * The composite rule of `rule` over `panels` equal panels of [a, b], as flat nodes and weights: ∫_a^b f ≈ Σ w f(x).
 */
export function composite(rule: QuadratureRule, a: number, b: number, panels: number): QuadratureRule {
  if (!(Number.isInteger(panels) && panels >= 1)) throw new RangeError(`invalid panels: ${panels}`);
  const m = rule.x.length;
  const x = new Float64Array(m * panels);
  const w = new Float64Array(m * panels);
  const h = (b - a) / panels;
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < m; i++) {
      x[p * m + i] = a + h * (p + 0.5 + rule.x[i]! / 2);
      w[p * m + i] = (h / 2) * rule.w[i]!;
    }
  }
  return {x, w};
}

function checkNodes(n: number): void {
  if (!(Number.isInteger(n) && n >= 1 && n <= 200)) throw new RangeError(`invalid n: ${n} (an integer from 1 to 200)`);
}

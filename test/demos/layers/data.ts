import {rng} from "../../../engine/random.ts";

/** n seeded standard normal points [n, 2]. */
export function normalPoints(n: number, seed: number): Float64Array {
  const points = new Float64Array(2 * n);
  rng(seed).fillNormal(points);
  return points;
}

/** Straight paths [K + 1, n, 2] from seeded normal x₀ to x₁ = x₀ / 2 + (2, 1): x_t = (1 − t) x₀ + t x₁. */
export function straightPaths(n: number, steps: number, seed: number): Float64Array {
  const x0 = normalPoints(n, seed);
  const paths = new Float64Array(2 * n * (steps + 1));
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 2; c++) {
        const a = x0[2 * i + c]!;
        const b = a / 2 + (c === 0 ? 2 : 1);
        paths[2 * (k * n + i) + c] = (1 - t) * a + t * b;
      }
    }
  }
  return paths;
}

/** The rotation field u(x, y) = (−y, x) at the centres of an n × n grid over [-4, 4]². */
export function rotationField(n: number) {
  const values = new Float64Array(2 * n * n);
  const d = 8 / n;
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      const c = iy * n + ix;
      values[2 * c] = -(-4 + (iy + 0.5) * d);
      values[2 * c + 1] = -4 + (ix + 0.5) * d;
    }
  }
  return {nx: n, ny: n, extent: [-4, 4, -4, 4] as const, values};
}

/** The density of N((1, 1), I) at the centres of an nx × ny grid over [-4, 4]². */
export function gaussianGrid(nx: number, ny = nx) {
  const values = new Float64Array(nx * ny);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const x = -4 + ((ix + 0.5) * 8) / nx;
      const y = -4 + ((iy + 0.5) * 8) / ny;
      values[iy * nx + ix] = Math.exp(-((x - 1) ** 2 + (y - 1) ** 2) / 2) / (2 * Math.PI);
    }
  }
  return {nx, ny, extent: [-4, 4, -4, 4] as const, values};
}

/**
 * The autoregressive sampler in 2D, with exact conditionals read off a density on a grid: draw x₁ from the marginal
 * p(x₁) = ∫ p(x₁, x₂) dx₂, then x₂ from the conditional p(x₂ | x₁) = p(x₁, x₂) / p(x₁), one coordinate after the
 * other (the chain rule p(x) = p(x₁) p(x₂ | x₁)). The density is tabulated at the centres of a size × size grid over
 * `extent`; a draw picks a cell by these probabilities and a uniform point inside it, so the samples follow the
 * piecewise-constant density of the grid.
 */
import type {LogDensityFn} from "../data/affine-density.ts";
import type {Extent} from "../data/dataset.ts";
import type {Rng} from "../random.ts";

export interface GridAutoregressive {
  /** [size] the marginal probability of each x₁ column (sums to 1). */
  readonly marginal: Float64Array;
  /** n draws: the first coordinates alone (x₁, [n]) and the full points ([n, 2]). */
  sample(n: number, random: Rng): {x1: Float64Array; x: Float64Array};
}

/** Tabulates exp(logp) on the grid and returns the two-stage sampler. */
export function gridAutoregressive(logp: LogDensityFn, extent: Extent, size = 200): GridAutoregressive {
  if (!(Number.isInteger(size) && size >= 2)) throw new RangeError(`invalid size: ${size}`);
  const [x0, x1, y0, y1] = extent;
  if (!(x1 > x0 && y1 > y0)) throw new RangeError(`invalid extent: ${extent.join(", ")}`);
  const hx = (x1 - x0) / size;
  const hy = (y1 - y0) / size;
  // Cell (i, j): x₁ column i, x₂ row j, at index i·size + j.
  const centres = new Float64Array(2 * size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      centres[2 * (i * size + j)] = x0 + (i + 0.5) * hx;
      centres[2 * (i * size + j) + 1] = y0 + (j + 0.5) * hy;
    }
  }
  const p = logp(new Float64Array(size * size), centres, size * size).map(Math.exp);
  const marginal = new Float64Array(size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) marginal[i]! += p[i * size + j]!;
  const total = marginal.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError("invalid density: zero on every cell of the grid");
  for (let i = 0; i < size; i++) marginal[i]! /= total;
  return {
    marginal,
    sample(n, random) {
      const first = new Float64Array(n);
      const x = new Float64Array(2 * n);
      for (let k = 0; k < n; k++) {
        const i = random.categorical(marginal);
        const j = random.categorical(p.subarray(i * size, (i + 1) * size));
        first[k] = x0 + (i + random.uniform()) * hx;
        x[2 * k] = first[k]!;
        x[2 * k + 1] = y0 + (j + random.uniform()) * hy;
      }
      return {x1: first, x};
    }
  };
}

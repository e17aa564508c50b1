import * as Plot from "@observablehq/plot";
import {dasharrayOf, type Kind, svgColor} from "./conventions.ts";
import {range} from "./data.ts";

/**
 * Covariance ellipses of 2D Gaussians N(m, S): the curve m + c·L(cos a, sin a) with S = L Lᵀ, at c standard
 * deviations (in 2D the ellipse at c holds 1 − e^{−c²/2} of the mass: 39 % at c = 1, 86 % at c = 2, 99 % at c = 3).
 * Drawn as one SVG line mark, coloured and dashed by kind (a mixture's components are conditional: dashed).
 */

/** One Gaussian: its mean and row-major covariance [a, b, b, d]. */
export interface Ellipse {
  readonly mean: readonly [number, number];
  readonly cov: ArrayLike<number>;
  /** Stroke opacity (e.g. a component's weight). @defaultValue 0.9 */
  readonly opacity?: number;
}

/** Options of `covarianceEllipses`. */
export interface EllipsesOptions {
  /** Picks colour and dash. @defaultValue "conditional" */
  kind?: Kind;
  /** Overrides the kind's colour (a palette name or a CSS colour). */
  color?: string;
  /** Standard deviations c of the drawn levels. @defaultValue [2] */
  levels?: readonly number[];
  /** @defaultValue 2.5 */
  strokeWidth?: number;
}

const VERTICES = 72;

/** The ellipses' outlines, one closed line per Gaussian and level. */
export function covarianceEllipses(list: readonly Ellipse[], options: EllipsesOptions = {}): Plot.Markish {
  const {kind = "conditional", levels = [2], strokeWidth = 2.5} = options;
  const X: number[] = [];
  const Y: number[] = [];
  const Z: number[] = [];
  const O: number[] = [];
  list.forEach(({mean, cov, opacity = 0.9}, i) => {
    const [a, b, , d] = [cov[0]!, cov[1]!, cov[2]!, cov[3]!];
    if (!(a > 0 && a * d - b * b > 0))
      throw new RangeError(`invalid covariance of ellipse ${i + 1}: [${a}, ${b}, ${d}]`);
    const l11 = Math.sqrt(a);
    const l21 = b / l11;
    const l22 = Math.sqrt(d - l21 * l21);
    levels.forEach((c, j) => {
      for (let v = 0; v <= VERTICES; v++) {
        const t = (2 * Math.PI * v) / VERTICES;
        const [u, w] = [c * Math.cos(t), c * Math.sin(t)];
        X.push(mean[0] + l11 * u);
        Y.push(mean[1] + l21 * u + l22 * w);
        Z.push(i * levels.length + j);
        O.push(opacity);
      }
    });
  });
  return Plot.line(range(X.length), {
    x: (k: number) => X[k],
    y: (k: number) => Y[k],
    z: (k: number) => Z[k],
    stroke: svgColor(options.color ?? kind),
    strokeOpacity: (k: number) => O[k],
    strokeWidth,
    strokeDasharray: dasharrayOf(kind),
    pointerEvents: "none"
  });
}

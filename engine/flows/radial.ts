/**
 * Radial layer (Rezende & Mohamed 2015; normflows `Radial`) in the generator direction:
 * x = z + β h(r)(z − z₀), r = ‖z − z₀‖, h = 1/(α + r), with α = softplus(α̂) > 0 and β = −α + softplus(β̂) ≥ −α
 * (the invertibility condition). In d = 2: log|det ∂x/∂z| = log(1 + βh) + log(1 + βh + βh'(r) r), h' = −1/(α + r)².
 * The inverse is closed form: r solves r² + (α + β − ρ) r − αρ = 0 for ρ = ‖x − z₀‖ (positive root, computed
 * without cancellation), then z = z₀ + (x − z₀)(α + r)/(α + r + β). It returns constants.
 */
import {add, addScalar, div, mul, neg, sub} from "../autodiff/ops/arith.ts";
import {log, softplus, sqrt, square} from "../autodiff/ops/elementwise.ts";
import {sumCols} from "../autodiff/ops/reduce.ts";
import {noGrad, parameter, tensor, type Tensor} from "../autodiff/tensor.ts";
import {softplus as softplusScalar} from "../autodiff/scalar.ts";
import {check2d, type Bijector} from "./bijector.ts";

export interface RadialOptions {
  /** Centre z₀. @defaultValue [0, 0] */
  center?: readonly [number, number];
  /** α > 0. @defaultValue 1 */
  alpha?: number;
  /** β ≥ −α. @defaultValue 0.5 */
  beta?: number;
}

/** softplus⁻¹(y) = log(e^y − 1) for y > 0. */
const softplusInverse = (y: number) => (y > 30 ? y : Math.log(Math.expm1(y)));

/** The radial layer; see the file comment. */
export function radialLayer(options: RadialOptions = {}): Bijector & {values(): {alpha: number; beta: number}} {
  const a0 = options.alpha ?? 1;
  const b0 = options.beta ?? 0.5;
  if (!(a0 > 0)) throw new RangeError(`invalid alpha: ${a0}`);
  if (!(b0 > -a0)) throw new RangeError(`invalid beta: ${b0} (needs beta > -alpha)`);
  const center = parameter(Float64Array.from(options.center ?? [0, 0]), 1, 2);
  const alphaRaw = parameter([softplusInverse(a0)], 1, 1);
  const betaRaw = parameter([softplusInverse(b0 + a0)], 1, 1);
  const params = [center, alphaRaw, betaRaw];
  const coefficients = () => {
    const alpha = softplus(alphaRaw);
    return {alpha, beta: sub(softplus(betaRaw), alpha)};
  };

  function forward(z: Tensor) {
    check2d(z);
    const {alpha, beta} = coefficients();
    const dz = sub(z, center);
    const r = sqrt(sumCols(square(dz)));
    const ar = add(r, alpha);
    const bh = div(beta, ar);
    const x = add(z, mul(bh, dz));
    const second = neg(div(mul(beta, r), square(ar)));
    return {x, logDet: add(log(addScalar(bh, 1)), log(add(addScalar(bh, 1), second)))};
  }

  return {
    name: "radial",
    parameters: () => params.slice(),
    zeroGrad: () => params.forEach((p) => p.zeroGrad()),
    values: () => {
      const alpha = softplusScalar(alphaRaw.data[0]!);
      return {alpha, beta: softplusScalar(betaRaw.data[0]!) - alpha};
    },
    forward,
    inverse(x) {
      check2d(x);
      const n = x.rows;
      const alpha = softplusScalar(alphaRaw.data[0]!);
      const beta = softplusScalar(betaRaw.data[0]!) - alpha;
      const [c0, c1] = center.data;
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const d0 = x.data[2 * i]! - c0!;
        const d1 = x.data[2 * i + 1]! - c1!;
        const rho = Math.hypot(d0, d1);
        const q = alpha + beta - rho;
        const disc = Math.sqrt(q * q + 4 * alpha * rho);
        // Positive root of r² + q r − αρ = 0: (−q + disc)/2, or 2αρ/(q + disc) when q > 0 (no cancellation).
        const r = q > 0 ? (2 * alpha * rho) / (q + disc) : 0.5 * (disc - q);
        const k = (alpha + r) / (alpha + r + beta);
        out[2 * i] = c0! + d0 * k;
        out[2 * i + 1] = c1! + d1 * k;
      }
      const z = tensor(out, n, 2);
      const logDet = noGrad(() => forward(z).logDet);
      for (let i = 0; i < n; i++) logDet.data[i] = -logDet.data[i]!;
      return {z, logDet};
    }
  };
}

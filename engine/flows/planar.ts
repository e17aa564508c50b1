/**
 * Planar layer (Rezende & Mohamed 2015) in the generator direction: x = z + û tanh(wᵀz + b), with
 * log|det ∂x/∂z| = log(1 + tanh'(wᵀz + b) wᵀû). Invertibility needs wᵀû > −1, enforced by the reparameterisation
 * û = u + (m(wᵀu) − wᵀu) w/‖w‖², m(a) = −1 + softplus(a) (normflows `Planar`), so wᵀû = m(wᵀu) > −1 for any u.
 * Forward is explicit and differentiable. The inverse has no closed form: α = wᵀz solves the scalar monotone
 * equation wᵀx = α + wᵀû tanh(α + b) (safeguarded Newton), then z = x − û tanh(α + b); it returns constants.
 */
import {add, addScalar, div, mul, sub} from "../autodiff/ops/arith.ts";
import {log, softplus, square, tanh, tanhPrime} from "../autodiff/ops/elementwise.ts";
import {matmul, transpose} from "../autodiff/ops/matmul.ts";
import {sum} from "../autodiff/ops/reduce.ts";
import {noGrad, parameter, tensor, type Tensor} from "../autodiff/tensor.ts";
import {rng} from "../random.ts";
import {check2d, type Bijector} from "./bijector.ts";

export interface PlanarOptions {
  /** Initial u and w (length 2); each entry N(0, 0.5²) when omitted. */
  u?: readonly [number, number];
  w?: readonly [number, number];
  /** Initial b. @defaultValue 0 */
  b?: number;
  /** Seed of the random init. @defaultValue 0 */
  seed?: number;
}

export interface PlanarLayer extends Bijector {
  /** The constrained û (1×2) and wᵀû (1×1) as tensors of the current parameters. */
  constrained(): {uHat: Tensor; wu: Tensor};
}

/** The planar layer; see the file comment. */
export function planarLayer(options: PlanarOptions = {}): PlanarLayer {
  const r = rng(options.seed ?? 0);
  const init = (v: readonly number[] | undefined, k: number, s: number) =>
    Float64Array.from(v ?? Array.from({length: k}, () => s * r.normal()));
  const u = parameter(init(options.u, 2, 0.5), 1, 2);
  const w = parameter(init(options.w, 2, 0.5), 2, 1);
  const b = parameter([options.b ?? 0], 1, 1);
  const params = [u, w, b];

  function constrained() {
    const wu = matmul(u, w);
    const m = addScalar(softplus(wu), -1);
    const uHat = add(u, mul(div(sub(m, wu), sum(square(w))), transpose(w)));
    return {uHat, wu: matmul(uHat, w)};
  }

  function forward(z: Tensor) {
    check2d(z);
    const {uHat, wu} = constrained();
    const a = add(matmul(z, w), b);
    const x = add(z, mul(tanh(a), uHat));
    return {x, logDet: log(addScalar(mul(tanhPrime(a), wu), 1))};
  }

  return {
    name: "planar",
    parameters: () => params.slice(),
    zeroGrad: () => params.forEach((p) => p.zeroGrad()),
    constrained,
    forward,
    inverse(x) {
      check2d(x);
      const n = x.rows;
      const z = noGrad(() => {
        const {uHat, wu} = constrained();
        const [u0, u1] = uHat.data;
        const [w0, w1] = w.data;
        const out = new Float64Array(2 * n);
        for (let i = 0; i < n; i++) {
          const x0 = x.data[2 * i]!;
          const x1 = x.data[2 * i + 1]!;
          const alpha = solveMonotone(w0! * x0 + w1! * x1, wu.data[0]!, b.data[0]!);
          const h = Math.tanh(alpha + b.data[0]!);
          out[2 * i] = x0 - u0! * h;
          out[2 * i + 1] = x1 - u1! * h;
        }
        return tensor(out, n, 2);
      });
      const logDet = noGrad(() => forward(z).logDet);
      for (let i = 0; i < n; i++) logDet.data[i] = -logDet.data[i]!;
      return {z, logDet};
    }
  };
}

/**
 * The root α of α + c tanh(α + b) = y for c > −1 (strictly increasing). |c tanh| < |c| brackets it in
 * [y − |c|, y + |c|]; Newton steps that leave the bracket fall back to bisection.
 */
function solveMonotone(y: number, c: number, b: number): number {
  let lo = y - Math.abs(c) - 1e-12;
  let hi = y + Math.abs(c) + 1e-12;
  let a = y;
  for (let it = 0; it < 100; it++) {
    const t = Math.tanh(a + b);
    const f = a + c * t - y;
    if (f > 0) hi = a;
    else lo = a;
    const next = a - f / (1 + c * (1 - t * t));
    const step = next > lo && next < hi ? next : 0.5 * (lo + hi);
    if (Math.abs(step - a) <= 1e-15 * (1 + Math.abs(a))) return step;
    a = step;
  }
  return a;
}

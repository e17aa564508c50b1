import {add, addScalar, mul, scale} from "../autodiff/ops/arith.ts";
import {square} from "../autodiff/ops/elementwise.ts";
import {sumCols} from "../autodiff/ops/reduce.ts";
import {tensor, zeros, type Tensor} from "../autodiff/tensor.ts";
import type {Mlp} from "../nn/mlp.ts";
import type {Rng} from "../random.ts";
import {drawProbes, type DivergenceMethod, type ProbeKind} from "./divergence.ts";

export interface UnrollOptions {
  /** Fixed-step solver unrolled on the graph. @defaultValue "rk4" */
  solver?: "rk4" | "euler";
  /** Steps from t = 1 down to t = 0. @defaultValue 10 */
  steps?: number;
  /** Exact 2D trace (forward-mode Jacobian) or Hutchinson with one probe per point per solve. @defaultValue "exact" */
  divergence?: DivergenceMethod;
  /** @defaultValue "rademacher" */
  probe?: ProbeKind;
  /** Probe source; required for "hutchinson". */
  rng?: Rng;
}

const defaults = {solver: "rk4" as "rk4" | "euler", steps: 10, divergence: "exact" as DivergenceMethod};

/** log(2π): log N(z; 0, I₂) = −log 2π − |z|²/2. */
const LOG_2PI = Math.log(2 * Math.PI);

export interface UnrolledLikelihood {
  /** log p1(x) per point (n×1), differentiable w.r.t. the network's parameters (and x). */
  logp: Tensor;
  /** Points carried back to t = 0 (n×2). */
  x0: Tensor;
  /** Network evaluations (each one with its divergence) over the solve. */
  nfe: number;
}

/**
 * Discretize-then-optimize likelihood of a CNF with a standard-normal base: unrolls a fixed-step solver on the autodiff
 * graph from x1 = x at t = 1 to t = 0 over [x, ℓ] with dℓ/dt = ∇·u, so log p1(x) = log N(x0; 0, I) + ℓ0. The gradient
 * is exactly that of this discrete computation (backprop through the solver, not the adjoint).
 */
export function unrolledLogLikelihood(net: Mlp, x: Tensor, options: UnrollOptions = {}): UnrolledLikelihood {
  const o = {...defaults, ...options};
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new RangeError(`invalid steps: ${o.steps}`);
  const n = x.rows;
  const d = x.cols;
  const eps = o.divergence === "hutchinson" ? probes(n, d, o) : null;
  let nfe = 0;
  const rhs = (y: Tensor, t: number): {v: Tensor; div: Tensor} => {
    nfe++;
    if (!eps) {
      const {output, divergence} = net.forwardDivergence(y, t);
      return {v: output, div: divergence};
    }
    return {v: net.forward(y, t), div: sumCols(mul(eps, net.jvp(y, eps, t)))};
  };
  const h = -1 / o.steps;
  let y = x;
  let l: Tensor = zeros(n, 1);
  for (let k = 0; k < o.steps; k++) {
    const t = 1 + k * h;
    [y, l] = o.solver === "rk4" ? rk4Step(rhs, y, l, t, h) : eulerStep(rhs, y, l, t, h);
  }
  const logp0 = addScalar(scale(sumCols(square(y)), -0.5), (-d / 2) * LOG_2PI);
  return {logp: add(logp0, l), x0: y, nfe};
}

type Rhs = (y: Tensor, t: number) => {v: Tensor; div: Tensor};

function eulerStep(f: Rhs, y: Tensor, l: Tensor, t: number, h: number): [Tensor, Tensor] {
  const {v, div} = f(y, t);
  return [add(y, scale(v, h)), add(l, scale(div, h))];
}

/** Classic RK4 on [x, ℓ]; ℓ never feeds back into the field, so its stages are plain quadrature weights. */
function rk4Step(f: Rhs, y: Tensor, l: Tensor, t: number, h: number): [Tensor, Tensor] {
  const k1 = f(y, t);
  const k2 = f(add(y, scale(k1.v, h / 2)), t + h / 2);
  const k3 = f(add(y, scale(k2.v, h / 2)), t + h / 2);
  const k4 = f(add(y, scale(k3.v, h)), t + h);
  const dv = add(add(k1.v, scale(add(k2.v, k3.v), 2)), k4.v);
  const dl = add(add(k1.div, scale(add(k2.div, k3.div), 2)), k4.div);
  return [add(y, scale(dv, h / 6)), add(l, scale(dl, h / 6))];
}

function probes(n: number, d: number, o: UnrollOptions): Tensor {
  if (!o.rng) throw new Error("missing rng: hutchinson divergence needs a seeded generator");
  return tensor(drawProbes(n, d, o.probe ?? "rademacher", o.rng), n, d);
}

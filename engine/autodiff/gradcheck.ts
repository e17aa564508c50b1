/** Gradient checking against float64 central finite differences (used by tests). */
import {noGrad, type Tensor} from "./tensor.ts";

/**
 * Central differences (f(x + h e_i) − f(x − h e_i)) / 2h for every entry of `x`, which `f` must read. `x` is
 * perturbed in place and restored exactly. Truncation error is O(h²), round-off O(ε|f|/h): h = 1e-6 balances them
 * for smooth float64 functions of order-one inputs.
 */
export function numericGrad(f: () => number, x: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    x[i] = xi + h;
    const fp = f();
    x[i] = xi - h;
    const fm = f();
    x[i] = xi;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/**
 * Max over `params` of ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖) (Euclidean norms; 0 when both vanish),
 * where analytic is what `build().backward()` accumulates and numeric is `numericGrad` of `build().item()`.
 * `build` must construct a fresh 1×1 loss from the current parameter values each time it is called.
 */
export function gradcheck(build: () => Tensor, params: Tensor[], h = 1e-6): number {
  for (const p of params) p.zeroGrad();
  build().backward();
  const loss = () => noGrad(() => build().item());
  let worst = 0;
  for (const p of params) {
    const analytic = p.grad!;
    const numeric = numericGrad(loss, p.data, h);
    let diff = 0;
    let na = 0;
    let nn = 0;
    for (let i = 0; i < numeric.length; i++) {
      diff += (analytic[i]! - numeric[i]!) ** 2;
      na += analytic[i]! ** 2;
      nn += numeric[i]! ** 2;
    }
    const scaleNorm = Math.sqrt(Math.max(na, nn));
    worst = Math.max(worst, scaleNorm === 0 ? 0 : Math.sqrt(diff) / scaleNorm);
  }
  return worst;
}

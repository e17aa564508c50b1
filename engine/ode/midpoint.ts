import {scratch, type Stepper} from "./stepper.ts";

/** Explicit midpoint, y ← y + dt f(t + dt/2, y + dt/2 f(t, y)): order 2, two evaluations per step. */
export function midpoint(): Stepper {
  const buffers = scratch(2);
  return {
    name: "midpoint",
    order: 2,
    stages: 2,
    step(f, y, t, dt, out) {
      const n = y.length;
      const [k, tmp] = buffers(n) as [Float64Array, Float64Array];
      f(k, y, t);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + 0.5 * dt * k[i]!;
      f(k, tmp, t + 0.5 * dt);
      for (let i = 0; i < n; i++) out[i] = y[i]! + dt * k[i]!;
    }
  };
}

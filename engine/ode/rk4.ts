import {scratch, type Stepper} from "./stepper.ts";

/**
 * Classic fourth-order Runge-Kutta: nodes (0, 1/2, 1/2, 1), weights (1/6, 1/3, 1/3, 1/6). Not torchdiffeq's "rk4",
 * which is the 3/8 rule (see rk38.ts).
 */
export function rk4(): Stepper {
  const buffers = scratch(5);
  return {
    name: "rk4",
    order: 4,
    stages: 4,
    step(f, y, t, dt, out) {
      const n = y.length;
      const [k1, k2, k3, k4, tmp] = buffers(n) as [
        Float64Array,
        Float64Array,
        Float64Array,
        Float64Array,
        Float64Array
      ];
      const h2 = 0.5 * dt;
      f(k1, y, t);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + h2 * k1[i]!;
      f(k2, tmp, t + h2);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + h2 * k2[i]!;
      f(k3, tmp, t + h2);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + dt * k3[i]!;
      f(k4, tmp, t + dt);
      const h6 = dt / 6;
      for (let i = 0; i < n; i++) out[i] = y[i]! + h6 * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
    }
  };
}

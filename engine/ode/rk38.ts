import {scratch, type Stepper} from "./stepper.ts";

/**
 * Kutta's 3/8 rule, which torchdiffeq calls "rk4": k2 = f(t + h/3, y + h/3 k1), k3 = f(t + 2h/3, y + h(k2 - k1/3)),
 * k4 = f(t + h, y + h(k1 - k2 + k3)), y ← y + h/8 (k1 + 3 k2 + 3 k3 + k4). Order 4.
 */
export function rk38(): Stepper {
  const buffers = scratch(5);
  return {
    name: "rk38",
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
      f(k1, y, t);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + (dt / 3) * k1[i]!;
      f(k2, tmp, t + dt / 3);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + dt * (k2[i]! - k1[i]! / 3);
      f(k3, tmp, t + (2 * dt) / 3);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + dt * (k1[i]! - k2[i]! + k3[i]!);
      f(k4, tmp, t + dt);
      const h8 = dt / 8;
      for (let i = 0; i < n; i++) out[i] = y[i]! + h8 * (k1[i]! + 3 * (k2[i]! + k3[i]!) + k4[i]!);
    }
  };
}

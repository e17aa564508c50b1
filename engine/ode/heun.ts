import {scratch, type Stepper} from "./stepper.ts";

/** Heun's method (explicit trapezoid): k1 = f(t, y), k2 = f(t + dt, y + dt k1), y ← y + dt/2 (k1 + k2). Order 2. */
export function heun(): Stepper {
  const buffers = scratch(3);
  return {
    name: "heun",
    order: 2,
    stages: 2,
    step(f, y, t, dt, out) {
      const n = y.length;
      const [k1, k2, tmp] = buffers(n) as [Float64Array, Float64Array, Float64Array];
      f(k1, y, t);
      for (let i = 0; i < n; i++) tmp[i] = y[i]! + dt * k1[i]!;
      f(k2, tmp, t + dt);
      for (let i = 0; i < n; i++) out[i] = y[i]! + 0.5 * dt * (k1[i]! + k2[i]!);
    }
  };
}

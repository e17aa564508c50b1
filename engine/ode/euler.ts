import {scratch, type Stepper} from "./stepper.ts";

/** Forward Euler, y ← y + dt f(t, y): order 1, one evaluation per step. A residual layer, in the lecture's words. */
export function euler(): Stepper {
  const buffers = scratch(1);
  return {
    name: "euler",
    order: 1,
    stages: 1,
    step(f, y, t, dt, out) {
      const [k1] = buffers(y.length) as [Float64Array];
      f(k1, y, t);
      for (let i = 0; i < y.length; i++) out[i] = y[i]! + dt * k1[i]!;
    }
  };
}

/**
 * An exponential moving average of a fast MLP's parameters (Polyak averaging, as diffusion and flow-matching models
 * are sampled): θ̄ ← d θ̄ + (1 − d) θ after every update. Early on the effective decay is min(d, (1 + s)/(10 + s)), so
 * the average follows the fast-moving first steps instead of remembering the random initialisation (the warm-up of
 * TensorFlow's ExponentialMovingAverage with num_updates).
 */
import type {FastMlp} from "./mlp.ts";

export interface ParameterEma {
  readonly decay: number;
  /** Updates the average from the MLP's current parameters. */
  update(): void;
  /** Runs `fn` with the averaged parameters in the MLP, then puts the trained ones back. */
  use<T>(fn: () => T): T;
  /** A copy of the averaged parameters (laid out like mlp.params). */
  average(): Float32Array;
}

export function parameterEma(mlp: FastMlp, decay: number): ParameterEma {
  if (!(decay >= 0 && decay < 1)) throw new RangeError(`invalid decay: ${decay} (a number from 0 to below 1)`);
  const {kernels: k, params} = mlp;
  const avg = k.view(params.ptr, params.length).slice();
  const held = new Float32Array(params.length);
  let updates = 0;
  return {
    decay,
    update() {
      updates++;
      const d = Math.min(decay, (1 + updates) / (10 + updates));
      const p = k.view(params.ptr, params.length);
      for (let i = 0; i < avg.length; i++) avg[i] = d * avg[i]! + (1 - d) * p[i]!;
    },
    use(fn) {
      held.set(k.view(params.ptr, params.length));
      k.view(params.ptr, params.length).set(avg);
      try {
        return fn();
      } finally {
        k.view(params.ptr, params.length).set(held);
      }
    },
    average: () => avg.slice()
  };
}

import type {Activation} from "./types.ts";

// SELU constants (Klambauer et al. 2017; torch.nn.SELU): alpha = 1.6732632423543772848170429916717,
// scale = 1.0507009873554804934193349852946.
export const seluAlpha = 1.6732632423543772;
export const seluScale = 1.0507009873554805;

/** The activation at x, in float64 (see activationCodes for the numbering). */
export function activate(x: number, act: Activation): number {
  switch (act) {
    case 1:
      return x > 0 ? x : 0;
    case 2:
      return x / (1 + Math.exp(-x));
    case 3:
      return Math.tanh(x);
    case 4:
      return x > 0 ? x : Math.expm1(x);
    case 5:
      return seluScale * (x > 0 ? x : seluAlpha * Math.expm1(x));
    case 6: // log(1 + e^x) without overflow
      return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    default:
      return x;
  }
}

/** d act/dx at x, given y = act(x) (tanh, elu and selu reuse y). */
export function derivative(x: number, y: number, act: Activation): number {
  switch (act) {
    case 1:
      return x > 0 ? 1 : 0;
    case 2: {
      const s = 1 / (1 + Math.exp(-x));
      return s * (1 + x * (1 - s));
    }
    case 3:
      return 1 - y * y;
    case 4:
      return x > 0 ? 1 : y + 1;
    case 5:
      return x > 0 ? seluScale : y + seluScale * seluAlpha;
    case 6:
      return 1 / (1 + Math.exp(-x));
    default:
      return 1;
  }
}

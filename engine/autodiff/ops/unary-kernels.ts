/**
 * The loops of the elementwise ops. One switch per call picks a loop whose body is a direct expression: passing
 * per-op callbacks into one shared loop made that loop's call site megamorphic and cost about 40% of a training step.
 */
import * as s from "../scalar.ts";

export type UnaryOp =
  | "exp"
  | "log"
  | "square"
  | "sqrt"
  | "abs"
  | "sin"
  | "cos"
  | "tanh"
  | "tanhPrime"
  | "sigmoid"
  | "sigmoidPrime"
  | "silu"
  | "siluPrime"
  | "elu"
  | "eluPrime"
  | "selu"
  | "seluPrime"
  | "softplus"
  | "relu"
  | "reluPrime";

/** out = f(x) elementwise. */
export function unaryForward(op: UnaryOp, out: Float64Array, x: Float64Array): void {
  const n = x.length;
  switch (op) {
    case "exp":
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      break;
    case "log":
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      break;
    case "square":
      for (let i = 0; i < n; i++) out[i] = x[i]! * x[i]!;
      break;
    case "sqrt":
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]!);
      break;
    case "abs":
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
      break;
    case "sin":
      for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]!);
      break;
    case "cos":
      for (let i = 0; i < n; i++) out[i] = Math.cos(x[i]!);
      break;
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      break;
    case "tanhPrime":
      for (let i = 0; i < n; i++) out[i] = 1 - Math.tanh(x[i]!) ** 2;
      break;
    case "sigmoid":
      for (let i = 0; i < n; i++) out[i] = s.sigmoid(x[i]!);
      break;
    case "sigmoidPrime":
      for (let i = 0; i < n; i++) out[i] = s.sigmoidPrime(x[i]!);
      break;
    case "silu":
      for (let i = 0; i < n; i++) out[i] = s.silu(x[i]!);
      break;
    case "siluPrime":
      for (let i = 0; i < n; i++) out[i] = s.siluPrime(x[i]!);
      break;
    case "elu":
      for (let i = 0; i < n; i++) out[i] = s.elu(x[i]!);
      break;
    case "eluPrime":
      for (let i = 0; i < n; i++) out[i] = s.eluPrime(x[i]!);
      break;
    case "selu":
      for (let i = 0; i < n; i++) out[i] = s.selu(x[i]!);
      break;
    case "seluPrime":
      for (let i = 0; i < n; i++) out[i] = s.seluPrime(x[i]!);
      break;
    case "softplus":
      for (let i = 0; i < n; i++) out[i] = s.softplus(x[i]!);
      break;
    case "relu":
      for (let i = 0; i < n; i++) out[i] = s.relu(x[i]!);
      break;
    case "reluPrime":
      for (let i = 0; i < n; i++) out[i] = s.step(x[i]!);
      break;
  }
}

/** ga += g ⊙ f'(x) elementwise, given the input x and the output y = f(x). */
export function unaryBackward(op: UnaryOp, ga: Float64Array, g: Float64Array, x: Float64Array, y: Float64Array) {
  const n = x.length;
  switch (op) {
    case "exp":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * y[i]!;
      break;
    case "log":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! / x[i]!;
      break;
    case "square":
      for (let i = 0; i < n; i++) ga[i]! += 2 * g[i]! * x[i]!;
      break;
    case "sqrt":
      for (let i = 0; i < n; i++) ga[i]! += (0.5 * g[i]!) / y[i]!;
      break;
    case "abs":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * Math.sign(x[i]!);
      break;
    case "sin":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * Math.cos(x[i]!);
      break;
    case "cos":
      for (let i = 0; i < n; i++) ga[i]! -= g[i]! * Math.sin(x[i]!);
      break;
    case "tanh":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * (1 - y[i]! * y[i]!);
      break;
    // d/dx (1 − tanh²) = −2 tanh · (1 − tanh²)
    case "tanhPrime":
      for (let i = 0; i < n; i++) ga[i]! -= 2 * g[i]! * Math.tanh(x[i]!) * y[i]!;
      break;
    case "sigmoid":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * y[i]! * (1 - y[i]!);
      break;
    case "sigmoidPrime":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.sigmoidSecond(x[i]!);
      break;
    case "silu":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.siluPrime(x[i]!);
      break;
    case "siluPrime":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.siluSecond(x[i]!);
      break;
    case "elu":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.eluPrime(x[i]!);
      break;
    case "eluPrime":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.eluSecond(x[i]!);
      break;
    case "selu":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.seluPrime(x[i]!);
      break;
    case "seluPrime":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.seluSecond(x[i]!);
      break;
    case "softplus":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.sigmoid(x[i]!);
      break;
    case "relu":
      for (let i = 0; i < n; i++) ga[i]! += g[i]! * s.step(x[i]!);
      break;
    case "reluPrime":
      break; // the step function is flat almost everywhere
  }
}

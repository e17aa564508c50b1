/**
 * The residual branch u of an i-ResNet / residual flow: an MLP d → width^depth → d whose weights are spectrally
 * normalised to ‖W̃‖₂ ≤ c and whose activation is LipSwish (Chen et al. 2019), x·σ(x)/1.1, 1-Lipschitz because
 * max silu' = 1.0998 < 1.1 (fixed β = 1 here, not learned). Hence Lip(u) ≤ c^{depth+1} < 1. The exact input Jacobian
 * comes from forward-mode tangents made of ops (as in nn/mlp.ts), differentiable w.r.t. the parameters.
 * Power iteration runs on every call while graph recording is on (training), like PyTorch's spectral_norm.
 */
import {add, mul, scale} from "../autodiff/ops/arith.ts";
import {silu, siluPrime} from "../autodiff/ops/elementwise.ts";
import {matmul} from "../autodiff/ops/matmul.ts";
import {sliceRows} from "../autodiff/ops/shape.ts";
import {isGradEnabled, parameter, zeros, type Tensor} from "../autodiff/tensor.ts";
import type {Module} from "../nn/module.ts";
import {rng} from "../random.ts";
import {powerIteration, powerState, spectralNormalised, type PowerState} from "./spectral.ts";

export interface LipschitzMlpOptions {
  /** @defaultValue 64 */
  width?: number;
  /** Hidden layers. @defaultValue 2 */
  depth?: number;
  /** Spectral bound c per layer (residual-flows toy: 0.9, default 0.97). @defaultValue 0.9 */
  coeff?: number;
  /** Power iterations per training call (residual-flows toy: 5). @defaultValue 5 */
  powerIterations?: number;
  /** @defaultValue 0 */
  seed?: number;
}

export interface LipschitzMlp extends Module {
  readonly coeff: number;
  /** u(x): n×2 → n×2. */
  forward(x: Tensor): Tensor;
  /** u(x) and the Jacobian columns ∂u/∂x_i (each n×2). */
  forwardJacobian(x: Tensor): {output: Tensor; jacobian: [Tensor, Tensor]};
  /**
   * Runs `iterations` power-iteration steps on every layer (default 200, as at init). Call it after changing the
   * weights by hand; training refreshes on every call by itself.
   */
  refresh(iterations?: number): void;
  /** Π_l ‖W̃_l‖₂ from the power-iteration estimates: an upper bound on Lip(u) (LipSwish is 1-Lipschitz). */
  lipschitzBound(): number;
  /** The normalised weights W̃ (in × out) as numbers, for Lipschitz bounds in tests and plots. */
  normalisedWeights(): {data: Float64Array; rows: number; cols: number}[];
}

/** LipSwish x σ(x)/1.1 and its derivative; 1.1 bounds silu' (max 1.0998). */
const lipswish = (a: Tensor) => scale(silu(a), 1 / 1.1);
const lipswishPrime = (a: Tensor) => scale(siluPrime(a), 1 / 1.1);

/** A spectrally normalised LipSwish MLP; see the file comment. */
export function lipschitzMlp(options: LipschitzMlpOptions = {}): LipschitzMlp {
  const width = options.width ?? 64;
  const depth = options.depth ?? 2;
  const coeff = options.coeff ?? 0.9;
  const iterations = options.powerIterations ?? 5;
  if (!(coeff > 0)) throw new RangeError(`invalid coeff: ${coeff}`);
  const random = rng(options.seed ?? 0);
  const sizes = [2, ...Array.from({length: depth}, () => width), 2];
  const layers: {weight: Tensor; bias: Tensor; state: PowerState}[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l]!, sizes[l + 1]!];
    const bound = 1 / Math.sqrt(fanIn);
    const w = random.fillUniform(new Float64Array(fanIn * fanOut), -bound, bound) as Float64Array;
    const b = random.fillUniform(new Float64Array(fanOut), -bound, bound) as Float64Array;
    const state = powerState(fanIn, fanOut, random);
    // 200 iterations at init, as residual-flows does, so σ̂ is accurate from the first call.
    powerIteration(w, fanIn, fanOut, state, 200);
    layers.push({weight: parameter(w, fanIn, fanOut), bias: parameter(b, 1, fanOut), state});
  }
  const params = layers.flatMap((l) => [l.weight, l.bias]);

  function weights(): Tensor[] {
    return layers.map((l) => {
      if (isGradEnabled()) powerIteration(l.weight.data, l.weight.rows, l.weight.cols, l.state, iterations);
      return spectralNormalised(l.weight, l.state, coeff);
    });
  }

  /** The output and the hidden pre-activations a_l (their LipSwish' gives the tangents). */
  function trace(x: Tensor, ws: Tensor[]) {
    const last = layers.length - 1;
    const pre: Tensor[] = [];
    let h = x;
    for (let l = 0; l < last; l++) {
      const a = add(matmul(h, ws[l]!), layers[l]!.bias);
      pre.push(a);
      h = lipswish(a);
    }
    return {output: add(matmul(h, ws[last]!), layers[last]!.bias), pre};
  }

  return {
    coeff,
    parameters: () => params.slice(),
    zeroGrad: () => params.forEach((p) => p.zeroGrad()),
    forward: (x) => trace(x, weights()).output,
    forwardJacobian(x) {
      const ws = weights();
      const {output, pre} = trace(x, ws);
      const primes = pre.map(lipswishPrime);
      const column = (i: number) => {
        let a = sliceRows(ws[0]!, i, i + 1);
        for (let l = 0; l < primes.length; l++) a = matmul(mul(primes[l]!, a), ws[l + 1]!);
        return a.rows === x.rows ? a : add(zeros(x.rows, 2), a);
      };
      return {output, jacobian: [column(0), column(1)]};
    },
    refresh(n = 200) {
      for (const l of layers) powerIteration(l.weight.data, l.weight.rows, l.weight.cols, l.state, n);
    },
    lipschitzBound: () =>
      layers.reduce((p, l) => {
        const sigma = powerIteration(l.weight.data, l.weight.rows, l.weight.cols, l.state, 0);
        return p * Math.min(sigma, coeff);
      }, 1),
    normalisedWeights: () =>
      layers.map((l) => {
        const sigma = powerIteration(l.weight.data, l.weight.rows, l.weight.cols, l.state, 0);
        const k = 1 / Math.max(1, sigma / coeff);
        return {data: l.weight.data.map((v) => v * k), rows: l.weight.rows, cols: l.weight.cols};
      })
  };
}

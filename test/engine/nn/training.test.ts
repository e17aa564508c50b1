import {describe, expect, it} from "vitest";
import * as ad from "../../../engine/autodiff/index.ts";
import {mlp} from "../../../engine/nn/mlp.ts";
import {adam} from "../../../engine/nn/optim.ts";
import {rng} from "../../../engine/random.ts";

/** Fits y = sin(x) on [−2, 2] with fresh seeded minibatches; returns the loss at every step. */
function fitSine(seed: number, steps: number, lr = 1e-2): number[] {
  const net = mlp({sizes: [1, 32, 32, 1], seed});
  const opt = adam(net.parameters(), {lr});
  const random = rng(seed + 1000);
  const batch = 64;
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    const x = random.fillUniform(new Float64Array(batch), -2, 2) as Float64Array;
    const y = x.map(Math.sin);
    const loss = ad.mean(ad.square(ad.sub(net.forward(ad.tensor(x, batch, 1)), ad.tensor(y, batch, 1))));
    opt.zeroGrad();
    loss.backward();
    opt.step();
    losses.push(loss.item());
  }
  return losses;
}

function average(a: number[]): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}

describe("training an mlp with adam", () => {
  it("same seed gives identical losses over 20 steps; another seed does not", () => {
    const a = fitSine(3, 20);
    expect(fitSine(3, 20)).toEqual(a);
    expect(fitSine(4, 20)).not.toEqual(a);
  });

  it("fitting sin(x) on [-2, 2] with mlp([1, 32, 32, 1]) lowers the loss at least 10×", () => {
    const losses = fitSine(7, 400);
    const first = average(losses.slice(0, 10));
    const last = average(losses.slice(-10));
    expect(last).toBeLessThan(first / 10);
  });
});

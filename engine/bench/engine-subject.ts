import {fastMlp} from "../fast/mlp.ts";
import {regressionTrainer} from "../fast/trainer.ts";
import type {Kernels} from "../kernels/types.ts";
import {rng} from "../random.ts";
import {fillCfmBatch} from "./cfm-batch.ts";
import {benchShape, type BenchSubject} from "./subject.ts";

/** The engine's fast MLP and fused trainer on the given kernels. */
export function engineSubject(kernels: Kernels, seed: number): BenchSubject {
  const {sizes, batch, forwardPoints} = benchShape;
  const net = fastMlp({sizes: sizes.slice(), activation: "silu", time: "concat", seed, kernels});
  const trainer = regressionTrainer(net, {lr: 1e-3});
  const random = rng(seed + 1);
  const input = new Float32Array(batch * 3);
  const target = new Float32Array(batch * 2);
  const points = random.fillNormal(new Float64Array(forwardPoints * 2));
  const times = random.fillUniform(new Float64Array(forwardPoints));
  const out = new Float64Array(forwardPoints * 2);
  return {
    name: `engine-${kernels.name}`,
    trainStep() {
      fillCfmBatch(input, target, batch, random);
      return trainer.step(input, target, batch);
    },
    forward() {
      net.forward(out, points, forwardPoints, times);
      return out[out.length - 1]!;
    },
    dispose() {
      trainer.dispose();
      net.dispose();
    }
  };
}

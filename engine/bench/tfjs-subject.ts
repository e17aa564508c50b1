import {rng} from "../random.ts";
import {fillCfmBatch} from "./cfm-batch.ts";
import {benchShape, type BenchSubject} from "./subject.ts";

import type {Tensor2D} from "@tensorflow/tfjs";

type Tf = typeof import("@tensorflow/tfjs");

/**
 * TF.js (a devDependency, loaded only here) on the "wasm" (XNNPACK, SIMD when the host has it) or "cpu" backend.
 * `@tensorflow/tfjs` is imported first: tfjs-core's Node entry alone registers no gradients. TF.js prints advice
 * on the console while it loads, which would break `bench --json`; the console is muted meanwhile.
 */
export async function loadTfjs(): Promise<{tf: Tf; simd: boolean}> {
  const tf = await muted(async () => {
    const tf = await import("@tensorflow/tfjs");
    await import("@tensorflow/tfjs-backend-wasm");
    if (!(await tf.setBackend("wasm"))) throw new Error("tfjs wasm backend did not initialize");
    tf.enableProdMode(); // no debug checks: TF.js at its fastest
    await tf.ready();
    return tf;
  });
  return {tf, simd: Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"))};
}

/** The same network, problem and Adam settings as the engine, written as TF.js users write it. */
export function tfjsSubject(tf: Tf, backend: "wasm" | "cpu", seed: number): Promise<BenchSubject> {
  // The cpu backend greets Node users on its first tensor; keep that off the console too.
  return muted(async () => {
    await tf.setBackend(backend);
    return createSubject(tf, backend, seed);
  });
}

function createSubject(tf: Tf, backend: "wasm" | "cpu", seed: number): BenchSubject {
  const {sizes, batch, forwardPoints} = benchShape;
  const widths = [sizes[0] + 1, ...sizes.slice(1)];
  const random = rng(seed);
  const params = widths.slice(1).map((out, l) => {
    const fanIn = widths[l]!;
    const bound = 1 / Math.sqrt(fanIn);
    const w = random.fillUniform(new Float32Array(fanIn * out), -bound, bound) as Float32Array;
    const b = random.fillUniform(new Float32Array(out), -bound, bound) as Float32Array;
    return {w: tf.variable(tf.tensor2d(w, [fanIn, out])), b: tf.variable(tf.tensor1d(b))};
  });
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const input = new Float32Array(batch * 3);
  const target = new Float32Array(batch * 2);
  const points = new Float32Array(forwardPoints * 3);
  for (let i = 0; i < forwardPoints; i++) points.set([random.normal(), random.normal(), random.uniform()], 3 * i);

  // SiLU has no TF.js op: x·sigmoid(x). Bias rides in the fused matmul.
  const net = (x: Tensor2D): Tensor2D => {
    let h = x;
    params.forEach(({w, b}, l) => {
      const z = tf.fused.matMul({a: h, b: w, bias: b}) as Tensor2D;
      h = l + 1 < params.length ? tf.mul<Tensor2D>(z, tf.sigmoid(z)) : z;
    });
    return h;
  };

  return {
    name: `tfjs-${backend}`,
    async activate() {
      await muted(() => tf.setBackend(backend));
    },
    trainStep() {
      fillCfmBatch(input, target, batch, random);
      const cost = tf.tidy(() => {
        const x = tf.tensor2d(input, [batch, 3]);
        const y = tf.tensor2d(target, [batch, 2]);
        return optimizer.minimize(() => tf.mean(tf.squaredDifference(net(x), y)), true)!;
      });
      const loss = cost.dataSync()[0]!;
      cost.dispose();
      return loss;
    },
    forward() {
      const y = tf.tidy(() => net(tf.tensor2d(points, [forwardPoints, 3])));
      const values = y.dataSync();
      y.dispose();
      return values[values.length - 1]!;
    },
    dispose() {
      for (const {w, b} of params) tf.dispose([w, b]);
      optimizer.dispose();
    }
  };
}

async function muted<T>(f: () => Promise<T> | T): Promise<T> {
  const saved = {log: console.log, warn: console.warn, info: console.info};
  console.log = console.warn = console.info = () => {};
  try {
    return await f();
  } finally {
    Object.assign(console, saved);
  }
}

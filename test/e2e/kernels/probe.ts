// What the kernels probe checks in the browser: which implementation `kernels()` chose, and that a seeded MLP's
// forward pass on it agrees with the plain TypeScript reference.
import {fastMlp} from "../../../engine/fast/index.ts";
import {kernels, referenceKernels} from "../../../engine/kernels/index.ts";
import {rng} from "../../../engine/random.ts";

export interface ProbeResult {
  name: string;
  maxDiff: number;
}

export async function probe(): Promise<ProbeResult> {
  const chosen = await kernels();
  const n = 257;
  const x = rng(3).fillNormal(new Float64Array(2 * n));
  const outputs = [chosen, referenceKernels()].map((k) => {
    const net = fastMlp({sizes: [2, 64, 64, 2], activation: "silu", time: "concat", seed: 1, kernels: k});
    const out = new Float64Array(2 * n);
    net.forward(out, x, n, 0.5);
    net.dispose();
    return out;
  });
  let maxDiff = 0;
  for (let i = 0; i < 2 * n; i++) maxDiff = Math.max(maxDiff, Math.abs(outputs[0]![i]! - outputs[1]![i]!));
  return {name: chosen.name, maxDiff};
}

import {describe, expect, it} from "vitest";
import {noGrad, tensor} from "../../../engine/autodiff/tensor.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {meanLogDets, normalizeStates, sampleStates} from "../../../engine/flows/layer-states.ts";
import {stackFlow} from "../../../engine/flows/stack.ts";
import {maximumLikelihood} from "../../../engine/flows/train.ts";
import {rng} from "../../../engine/random.ts";

const q = dataset("sklearn-moons");
const f = stackFlow(["actnorm", "coupling-1", "coupling-2", "linear", "coupling-1"], {width: 8, seed: 2});
maximumLikelihood(f, (n, r) => q.sample(n, r), {batch: 64, seed: 1, lr: 1e-2}).step(30);
const n = 40;

describe("layer states", () => {
  it("normalizing: the last state is the data, the first is g(x), and the layers' log-dets sum to one pass's", () => {
    const x = q.sample(n, rng(3));
    const s = normalizeStates(f, x, n);
    expect(s.states).toHaveLength(f.layers.length + 1);
    expect(Array.from(s.states.at(-1)!)).toEqual(Array.from(x));
    const one = noGrad(() => f.normalize(tensor(x.slice(), n, 2)));
    s.states[0]!.forEach((v, i) => expect(v).toBeCloseTo(one.z.data[i]!, 12));
    for (let i = 0; i < n; i++) {
      const sum = s.logDets.reduce((a, d) => a + d[i]!, 0);
      expect(sum).toBeCloseTo(-one.logDet.data[i]!, 12);
    }
  });

  it("sampling: the last state is f(z) and the sum of the batch-mean bars is the mean log|det J_f|", () => {
    const z = rng(4).fillNormal(new Float64Array(2 * n)) as Float64Array;
    const s = sampleStates(f, z, n);
    const one = noGrad(() => f.generate(tensor(z.slice(), n, 2)));
    s.states.at(-1)!.forEach((v, i) => expect(v).toBeCloseTo(one.x.data[i]!, 12));
    const total = one.logDet.data.reduce((a, b) => a + b, 0) / n;
    expect(meanLogDets(s).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 12);
  });

  it("going up from g(x) retraces the way down", () => {
    const x = q.sample(n, rng(5));
    const down = normalizeStates(f, x, n);
    const up = sampleStates(f, down.states[0]!, n);
    for (let k = 0; k < down.states.length; k++) {
      down.states[k]!.forEach((v, i) => expect(up.states[k]![i]).toBeCloseTo(v, 9));
    }
    for (let k = 0; k < down.logDets.length; k++) {
      down.logDets[k]!.forEach((v, i) => expect(up.logDets[k]![i]).toBeCloseTo(v, 9));
    }
  });

  it("names a shape mismatch", () => {
    expect(() => sampleStates(f, new Float64Array(3), 2)).toThrow(/shape mismatch/);
    expect(() => normalizeStates(f, new Float64Array(3), 2)).toThrow(/shape mismatch/);
  });
});

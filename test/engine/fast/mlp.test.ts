import {beforeAll, describe, expect, it} from "vitest";
import {fastMlp, fastMlpFromJSON, type FastActivation} from "../../../engine/fast/index.ts";
import type {Kernels} from "../../../engine/kernels/types.ts";
import {mlp} from "../../../engine/nn/mlp.ts";
import {rng} from "../../../engine/random.ts";
import {expectClose, kernelsUnderTest} from "../kernels/helpers.ts";
import {eval64} from "./eval64.ts";

let impls: Kernels[];
beforeAll(async () => {
  impls = await kernelsUnderTest();
});

const activations: FastActivation[] = ["silu", "tanh", "elu", "selu", "softplus", "relu"];

function points(seed: number, n: number, d = 2): {x: Float64Array; t: Float64Array} {
  const r = rng(seed);
  return {
    x: r.fillNormal(new Float64Array(n * d)) as Float64Array,
    t: r.fillUniform(new Float64Array(n)) as Float64Array
  };
}

describe("fastMlp forward", () => {
  it("matches a float64 evaluation of its own JSON, every activation and time mode, across tiles", () => {
    const n = 300; // more than one 128-row tile, and a partial last tile
    const {x, t} = points(1, n);
    for (const kernels of impls) {
      for (const activation of activations) {
        for (const time of ["none", "concat", "sinusoidal"] as const) {
          const net = fastMlp({sizes: [2, 9, 6, 3], activation, time, timeFrequencies: 2, seed: 3, kernels});
          const out = new Float64Array(n * 3);
          net.forward(out, x, n, t);
          expectClose(out, eval64(net.toJSON(), x, n, t), 1e-5, 1e-5);
          net.dispose();
        }
      }
    }
  });

  it("loads the autodiff MLP's JSON and agrees with its float64 evaluate; the same seed gives the same init", () => {
    const n = 50;
    const {x, t} = points(2, n);
    for (const kernels of impls) {
      const reference = mlp({sizes: [2, 16, 16, 2], activation: "selu", time: "concat", seed: 7});
      const expected = new Float64Array(n * 2);
      reference.evaluate(expected, x, n, t);
      const loaded = fastMlpFromJSON(reference.toJSON(), kernels);
      const out = new Float64Array(n * 2);
      loaded.forward(out, x, n, t);
      expectClose(out, expected, 1e-5, 1e-5);
      const seeded = fastMlp({sizes: [2, 16, 16, 2], activation: "selu", time: "concat", seed: 7, kernels});
      const a = seeded.toJSON().layers.flatMap((l) => [...l.weight, ...l.bias]);
      const b = reference.toJSON().layers.flatMap((l) => [...l.weight, ...l.bias]);
      expectClose(a, b.map(Math.fround), 0, 0);
      for (const net of [loaded, seeded]) net.dispose();
    }
  });

  it("initializes W and b within ±1/sqrt(fan_in) and round-trips through JSON exactly", () => {
    const {x, t} = points(3, 20);
    for (const kernels of impls) {
      const net = fastMlp({sizes: [2, 32, 2], time: "concat", seed: 1, kernels});
      const json = JSON.parse(JSON.stringify(net.toJSON()));
      for (const layer of json.layers) {
        const bound = 1 / Math.sqrt(layer.in);
        const all = [...layer.weight, ...layer.bias];
        expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(bound);
        expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(0.8 * bound);
      }
      const copy = fastMlpFromJSON(json, kernels);
      const [a, b] = [new Float64Array(40), new Float64Array(40)];
      net.forward(a, x, 20, t);
      copy.forward(b, x, 20, t);
      expect(Array.from(b)).toEqual(Array.from(a));
      for (const m of [net, copy]) m.dispose();
    }
  });

  it("rejects bad options and inconsistent JSON", () => {
    const kernels = impls[0]!;
    expect(() => fastMlp({sizes: [2], kernels})).toThrow(/invalid sizes/);
    expect(() => fastMlp({sizes: [2, 0, 2], kernels})).toThrow(/invalid sizes/);
    expect(() => fastMlp({sizes: [2, 2], activation: "gelu" as FastActivation, kernels})).toThrow(/invalid activation/);
    expect(() => fastMlp({sizes: [2, 2], time: "film" as "none", kernels})).toThrow(/invalid time/);
    const json = fastMlp({sizes: [2, 4, 2], kernels}).toJSON();
    json.layers[1]!.bias.pop();
    expect(() => fastMlpFromJSON(json, kernels)).toThrow(/invalid mlp json: layer 1/);
    expect(() => fastMlpFromJSON({...json, kind: "cnn" as "mlp"}, kernels)).toThrow(/invalid mlp json/);
  });

  it("reuses its memory when models of one shape are created and disposed again and again", () => {
    for (const kernels of impls) {
      fastMlp({sizes: [2, 64, 64, 2], time: "concat", kernels}).dispose();
      const bytes = kernels.bytes();
      for (let i = 0; i < 5; i++) fastMlp({sizes: [2, 64, 64, 2], time: "concat", seed: i, kernels}).dispose();
      expect(kernels.bytes()).toBe(bytes);
    }
  });
});

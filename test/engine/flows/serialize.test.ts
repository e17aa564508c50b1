import {describe, expect, it} from "vitest";
import {flowFromJson, flowToJson} from "../../../engine/flows/serialize.ts";
import {stackFlow} from "../../../engine/flows/stack.ts";
import {maximumLikelihood} from "../../../engine/flows/train.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {rng} from "../../../engine/random.ts";

const BLOCKS = ["actnorm", "coupling-1", "nice-2", "linear", "swap", "maf", "coupling-2"];

describe("flowToJson / flowFromJson", () => {
  it("round-trips a trained stack exactly: same parameters, same ActNorm state, same log-densities", () => {
    const f = stackFlow(BLOCKS, {width: 8, seed: 5});
    const q = dataset("sklearn-moons");
    maximumLikelihood(f, (n, r) => q.sample(n, r), {batch: 64, seed: 2}).step(20);
    const json = JSON.parse(JSON.stringify(flowToJson(f, BLOCKS, 8, 5)));
    const g = flowFromJson(json);
    const a = f.parameters();
    const b = g.parameters();
    expect(b.length).toBe(a.length);
    a.forEach((p, i) => expect(Array.from(b[i]!.data)).toEqual(Array.from(p.data)));
    expect((g.layers[0] as unknown as {initialized: boolean}).initialized).toBe(true);
    const x = q.sample(50, rng(9));
    expect(Array.from(g.logDensity(new Float64Array(50), x, 50))).toEqual(
      Array.from(f.logDensity(new Float64Array(50), x, 50))
    );
  });

  it("keeps an uninitialised ActNorm uninitialised", () => {
    const f = stackFlow(["actnorm", "coupling-1"], {width: 4});
    const json = flowToJson(f, ["actnorm", "coupling-1"], 4);
    expect(json.initialized).toEqual([false, null]);
    expect((flowFromJson(json).layers[0] as unknown as {initialized: boolean}).initialized).toBe(false);
  });

  it("refuses a file whose parameters do not fit the blocks", () => {
    const json = flowToJson(stackFlow(["coupling-1"], {width: 4}), ["coupling-1"], 4);
    expect(() => flowFromJson({...json, width: 5})).toThrow(/parameter 0 has 4 values, expected 5/);
    expect(() => flowFromJson({...json, parameters: json.parameters.slice(1)})).toThrow(/parameter arrays/);
    expect(() => flowToJson(stackFlow(["swap"]), ["swap", "swap"], 4)).toThrow(/shape mismatch/);
  });
});

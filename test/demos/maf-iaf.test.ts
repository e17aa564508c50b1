import {describe, expect, it} from "vitest";
import {autoregressiveNd} from "../../engine/flows/autoregressive-nd.ts";
import {iafLayer, mafLayer} from "../../engine/flows/autoregressive.ts";
import {tensor} from "../../engine/autodiff/tensor.ts";
import {defaults} from "../../engine/options/schema.ts";
import {blocksOf, mafIaf, runOf} from "../../demos/maf-iaf.ts";

const options = defaults(mafIaf.options);

describe("maf-iaf", () => {
  it("its counter shows the passes the engine's conditioner made: MAF evaluate 1, sample d; IAF the opposite", () => {
    for (let d = 2; d <= 6; d++) {
      expect(runOf("maf", "evaluate", d).passes).toBe(1);
      expect(runOf("maf", "sample", d).passes).toBe(d);
      expect(runOf("iaf", "sample", d).passes).toBe(1);
      expect(runOf("iaf", "evaluate", d).passes).toBe(d);
      // the same count from the network's own counter
      const layer = autoregressiveNd({dim: d, variant: "iaf", seed: 1});
      layer.evaluate(Array.from({length: d}, () => 0.1));
      expect(layer.passes).toBe(d);
    }
  });

  it("agrees with the trainable 2D layers' MADE pass counters (conditioner.passes)", () => {
    const z = tensor(new Float64Array([0.3, -0.2, 1, 0.5]), 2, 2);
    const maf = mafLayer({seed: 1});
    const iaf = iafLayer({seed: 1});
    maf.inverse(z);
    expect(maf.conditioner.passes).toBe(runOf("maf", "evaluate", 2).passes);
    maf.forward(z);
    expect(maf.conditioner.passes).toBe(1 + runOf("maf", "sample", 2).passes);
    iaf.forward(z);
    expect(iaf.conditioner.passes).toBe(runOf("iaf", "sample", 2).passes);
    iaf.inverse(z);
    expect(iaf.conditioner.passes).toBe(1 + runOf("iaf", "evaluate", 2).passes);
  });

  it("trains the chosen variant with the nf-train task's blocks", () => {
    expect(mafIaf.task!(options)).toEqual({
      task: "nf-train",
      options: expect.objectContaining({blocks: "actnorm,maf,swap,maf", iterations: 300})
    });
    expect(blocksOf("iaf")).toBe("actnorm,iaf,swap,iaf");
  });

  it("its readout prints the counter for the state shown", () => {
    const state = {mode: "sample" as const, d: 5, pass: 3};
    const element = mafIaf.render(undefined, options, state);
    expect(element.querySelector(".readout")!.textContent).toContain("network passes: 3 of 5");
    expect(mafIaf.describe!(undefined, {...options, variant: "iaf"}, state)).toContain("passes: 1 of 1");
  });

  it("its print still shows the data the 2D panel trains on and says it trains live (no MAF is shipped)", () => {
    const still = mafIaf.snapshot!(options, {mode: "evaluate", d: 4, pass: 1});
    const element = mafIaf.render(still, options, {mode: "evaluate", d: 4, pass: 1});
    expect(element.textContent).toContain("2D MAF: trains live");
    expect(element.querySelectorAll("svg path, svg circle").length).toBeGreaterThan(100);
  });
});

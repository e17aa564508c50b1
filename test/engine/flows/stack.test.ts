import {describe, expect, it} from "vitest";
import {tensor, noGrad} from "../../../engine/autodiff/tensor.ts";
import {blockNames, stackFlow} from "../../../engine/flows/stack.ts";
import {rng} from "../../../engine/random.ts";

describe("stackFlow", () => {
  it("builds every block, and each round-trips z → x → z with opposite log-dets", () => {
    for (const name of blockNames) {
      const f = stackFlow([name, "swap", name], {width: 8, seed: 3});
      const z = rng(1).fillNormal(new Float64Array(2 * 16)) as Float64Array;
      // Warm ActNorm's data-dependent init with a normalizing pass first.
      f.logDensity(new Float64Array(16), z, 16);
      const {x, back, fwd, inv} = noGrad(() => {
        const g = f.generate(tensor(z, 16, 2));
        const n = f.normalize(g.x);
        return {x: g.x.data, back: n.z.data, fwd: g.logDet.data, inv: n.logDet.data};
      });
      expect(x.length, name).toBe(32);
      for (let i = 0; i < 32; i++) expect(back[i], name).toBeCloseTo(z[i]!, 5);
      for (let i = 0; i < 16; i++) expect(fwd[i]! + inv[i]!, name).toBeCloseTo(0, 5);
    }
  });

  it("names an unknown block and refuses an empty stack", () => {
    expect(() => stackFlow(["coupling-1", "glow"])).toThrow(/unknown block: glow/);
    expect(() => stackFlow([])).toThrow(/no blocks/);
  });

  it("NICE blocks and swaps preserve volume: log det 0 everywhere", () => {
    const f = stackFlow(["nice-1", "swap", "nice-2"], {width: 8, seed: 1});
    const z = rng(2).fillNormal(new Float64Array(20)) as Float64Array;
    const d = noGrad(() => f.generate(tensor(z, 10, 2)).logDet.data);
    for (const v of d) expect(v).toBe(0);
  });
});

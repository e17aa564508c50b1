import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {eliminationDet, familyInstance, jacobian, layerFamilies} from "../../engine/flows/sparsity.ts";
import {counterText, jacobianSparsity, sparsityFrame} from "../../demos/jacobian-sparsity.ts";
import {rng} from "../../engine/random.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";

loadTheme();

const options = defaults(jacobianSparsity.options);
const base = defaults(jacobianSparsity.state);

describe("jacobian-sparsity", () => {
  it("every printed count is what the routine counted, against d³/3 for elimination and d − 1, d for the rest", () => {
    for (const d of [2, 8, 16]) {
      const frame = sparsityFrame(d, 0);
      const by = Object.fromEntries(frame.families.map((f) => [f.family, f]));
      expect(frame.general).toBe(((d - 1) * d) / 2 + ((d - 1) * d * (2 * d - 1)) / 6 + d - 1);
      expect(counterText(by.linear!)[0]).toBe(`${frame.general} ×`);
      for (const f of ["elementwise", "coupling", "autoregressive"] as const)
        expect(counterText(by[f]!)[0]).toBe(`${d - 1} ×`);
      expect(counterText(by.planar!)[0]).toBe(`${d} ×`);
      expect(counterText(by.residual!)).toEqual(["power series", `(exact: ${frame.general} ×)`]);
    }
  });

  it("the drawn patterns are the Jacobians of the layers, taken independently at the same point", () => {
    const frame = sparsityFrame(8, 0);
    for (const f of frame.families) {
      const inst = familyInstance(f.family, 8, 0);
      const r = rng(7919);
      const z = Float64Array.from({length: 8}, () => r.normal());
      const j = jacobian(inst.map, z);
      j.forEach((v, i) => expect(f.pattern[i]).toBe(Math.abs(v) > 1e-12 ? 1 : 0));
      // Each family's own determinant equals elimination's on an independent copy of J.
      expect(f.structured.det).toBeCloseTo(eliminationDet(j).det, 6);
    }
    expect(frame.families.map((f) => f.family)).toEqual([...layerFamilies]);
  });

  it("the numbers the slide states: 175 and 1375 multiplications at d = 8 and 16, 7 and 15 for a triangular J, the 2×2 trace example", () => {
    expect(sparsityFrame(8, 0).general).toBe(175);
    expect(sparsityFrame(16, 0).general).toBe(1375);
    expect(sparsityFrame(8, 0).families.find((f) => f.family === "autoregressive")!.structured.multiplications).toBe(7);
    expect(sparsityFrame(16, 0).families.find((f) => f.family === "autoregressive")!.structured.multiplications).toBe(
      15
    );
    // tr [[1, 2], [3, 0]] = 1 = 3 + (−2): the eigenvalues solve λ² − tr λ + det = 0 with det = −6.
    const det = eliminationDet(Float64Array.from([1, 2, 3, 0])).det;
    expect(det).toBeCloseTo(-6, 14);
    const tr = 1 + 0;
    const disc = Math.sqrt(tr * tr - 4 * det);
    expect([(tr + disc) / 2, (tr - disc) / 2]).toEqual([3, -2]);
  });

  it("renders the readout, six panels of d × d cells, and the same SVG for the same state", () => {
    const s = {...base, family: "planar" as const};
    const el = jacobianSparsity.render(jacobianSparsity.snapshot!(options, s), options, s);
    expect(el.textContent).toContain("d = 8: any det 175 ×, planar 8 ×");
    expect(el.querySelectorAll("rect").length).toBeGreaterThanOrEqual(6 * 64);
    expectSvgSnapshot("jacobian-sparsity", el);
  });
});

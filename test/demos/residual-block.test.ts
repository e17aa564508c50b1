import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {computeFrame, readoutLines, residualBlock} from "../../demos/residual-block.ts";
import {gridCentres, RESIDUAL_CELLS, residualBranch} from "../../demos/residual/branch.ts";

const options = defaults(residualBlock.options);

/** det(I + c J_ũ) by central differences of ũ, independent of the tangents. */
function detByDifferences(c: number, z: [number, number]): number {
  const b = residualBranch(options.seed, options.depth);
  const h = 1e-5;
  const at = (p: number[]) => b.evaluate(Float64Array.from(p));
  const dx = at([z[0] + h, z[1]]).map((v, i) => (v - at([z[0] - h, z[1]])[i]!) / (2 * h));
  const dy = at([z[0], z[1] + h]).map((v, i) => (v - at([z[0], z[1] - h])[i]!) / (2 * h));
  return (1 + c * dx[0]!) * (1 + c * dy[1]!) - c * dy[0]! * c * dx[1]!;
}

describe("residual-block", () => {
  it("shades det J_f = det(I + c J_ũ), checked by finite differences", () => {
    const centres = gridCentres();
    for (const c of [0.5, 1.5]) {
      const f = computeFrame(options, {c});
      for (const k of [0, 777, 1500, 2222, RESIDUAL_CELLS ** 2 - 1]) {
        const det = detByDifferences(c, [centres[2 * k]!, centres[2 * k + 1]!]);
        expect(f.dets[k]).toBeCloseTo(det, 6);
      }
    }
  });

  it("measures Lip(u) = c on the plane, below the product bound; no fold below c = 1, folds at c = 1.5", () => {
    for (const c of [0.3, 0.9, 0.99]) {
      const f = computeFrame(options, {c});
      expect(f.measured).toBeCloseTo(c, 10);
      expect(f.bound).toBeGreaterThan(f.measured);
      expect(f.foldShare).toBe(0);
      expect(Math.min(...f.dets)).toBeGreaterThan(0);
      expect(readoutLines(f)[1]).toMatch(/no fold/);
    }
    const folded = computeFrame(options, {c: 1.5});
    expect(folded.foldShare).toBeGreaterThan(0.05);
    expect(readoutLines(folded)[1]).toMatch(/a fold\) on \d+\.\d% of the plane/);
  });

  it("carries the grid and the samples through x = z + c ũ(z)", () => {
    const f = computeFrame(options, {c: 0.7});
    const b = residualBranch(options.seed, options.depth);
    const u = b.evaluate(f.z);
    f.x.forEach((v, i) => expect(v).toBeCloseTo(f.z[i]! + 0.7 * u[i]!, 12));
    const uLines = b.evaluate(f.lines.values as Float64Array);
    f.warped.values.forEach((v, i) => expect(v).toBeCloseTo(f.lines.values[i]! + 0.7 * uLines[i]!, 12));
  });
});

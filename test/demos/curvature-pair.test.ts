import {describe, expect, it} from "vitest";
import {curvaturePairDemo, summary} from "../../demos/curvature-pair.ts";
import {defaults} from "../../engine/options/schema.ts";
import type {CurvaturePairFrame} from "../../engine/tasks/curvature-pair.ts";

const o = defaults(curvaturePairDemo.options);

function measureOf(nfe: number, energy: number, displacement: number, w2: number) {
  return {
    nfe,
    energy,
    displacement,
    straightness: energy - displacement,
    w2,
    samples: new Float32Array([0, 0, 1, 1]),
    trajectories: new Float32Array(33 * 2 * 2).map((_, i) => (i % 7) / 7)
  };
}

const frame: CurvaturePairFrame = {
  models: ["i-cfm", "ot-cfm"],
  measures: [measureOf(38, 6.08, 4.22, 0.262), measureOf(26, 4.24, 4.23, 0.272)],
  heldOut: new Float32Array([1, 0, -1, 0.5]),
  paths: 2,
  done: true
};

describe("curvature-pair demo", () => {
  it("its table shows the frame's numbers, one column per model", () => {
    const root = curvaturePairDemo.render(frame, o, {});
    const cells = [...root.querySelectorAll("tbody tr")].map((r) =>
      [...r.querySelectorAll("td")].map((c) => c.textContent)
    );
    expect(cells[0]).toEqual(["W2 to held-out data", "0.262", "0.272"]);
    expect(cells[3]).toEqual(["excess S (0 = straight)", (6.08 - 4.22).toFixed(2), (4.24 - 4.23).toFixed(2)]);
    expect(cells[4]).toEqual(["dopri5 NFE", "38", "26"]);
    expect(root.querySelectorAll("svg").length).toBe(2);
    expect(summary(frame, o)).toContain("38 dopri5 evaluations");
  });

  it("draws placeholders before the first frame", () => {
    const root = curvaturePairDemo.render(undefined, o, {});
    expect([...root.querySelectorAll("td")].some((c) => c.textContent === "…")).toBe(true);
  });
});

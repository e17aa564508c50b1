import {beforeAll, describe, expect, it} from "vitest";
import * as Plot from "@observablehq/plot";
import {endLabelPositions, endLabels} from "../../../demos/layers/end-labels.ts";
import {loadTheme} from "../theme.ts";

beforeAll(() => loadTheme());

const labels = [
  {text: "a", y: 1, color: "var(--fd-model)"},
  {text: "b", y: 1, color: "var(--fd-error)"},
  {text: "c", y: -1, color: "var(--fd-marginal)"}
];

describe("endLabels", () => {
  it("keeps labels of curves that end apart where they end, and moves those that end together a gap apart", () => {
    // 200 px for 4 units: 22 px is 0.44.
    const ys = endLabelPositions(labels, {x: 1, domain: [-2, 2], height: 200});
    expect(ys[2]).toBe(-1);
    expect(ys[0]! - ys[1]!).toBeCloseTo(-0.44, 12);
    expect((ys[0]! + ys[1]!) / 2).toBeCloseTo(1, 12);
  });

  it("draws each label in its colour at the curves' end, with a leader only for the moved ones", () => {
    const svg = Plot.plot({
      x: {domain: [0, 1]},
      y: {domain: [-2, 2]},
      height: 240,
      marginTop: 20,
      marginBottom: 20,
      marks: endLabels(labels, {x: 1, domain: [-2, 2], height: 200})
    });
    const texts = [...svg.querySelectorAll("text")].filter((t) => ["a", "b", "c"].includes(t.textContent!));
    expect(texts.map((t) => [t.textContent, t.parentElement!.getAttribute("fill")])).toEqual([
      ["a", "var(--fd-model)"],
      ["b", "var(--fd-error)"],
      ["c", "var(--fd-marginal)"]
    ]);
    expect(svg.querySelectorAll("g[aria-label=link] path")).toHaveLength(2);
  });

  it("rejects a bad height or domain", () => {
    expect(() => endLabels(labels, {x: 1, domain: [-2, 2], height: 0})).toThrow(/invalid height: 0/);
    expect(() => endLabels(labels, {x: 1, domain: [2, 2], height: 100})).toThrow(/invalid domain: \[2, 2\]/);
  });
});

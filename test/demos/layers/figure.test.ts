import * as Plot from "@observablehq/plot";
import {describe, expect, it} from "vitest";
import {figure, figureFontSize, figureSizes} from "../../../demos/layers/figure.ts";

describe("figure", () => {
  it("draws at a slide size with 22 px text, the palette's ink, a clear background and a text alternative", () => {
    const svg = figure({label: "an empty frame", description: "nothing yet", size: "full", marks: [Plot.frame()]});
    expect([svg.getAttribute("width"), svg.getAttribute("height")]).toEqual(figureSizes.full.map(String));
    expect(svg.getAttribute("aria-label")).toBe("an empty frame");
    expect(svg.getAttribute("aria-description")).toBe("nothing yet");
    const style = svg.getAttribute("style")!;
    expect(style).toContain(`font-size: ${figureFontSize}px`);
    expect(style).toContain("color: var(--fd-ink)");
    expect(style).toContain("background: transparent");
    expect(figureFontSize).toBeGreaterThanOrEqual(20);
  });

  it("keeps equal units on both axes by shrinking the frame along one axis", () => {
    const size = (x: [number, number], y: [number, number]) => {
      const svg = figure({label: "f", size: [700, 500], equal: true, x: {domain: x}, y: {domain: y}, marks: []});
      return [+svg.getAttribute("width")!, +svg.getAttribute("height")!];
    };
    // Margins 76 + 24 across and 24 + 64 down, and an inset of 6 on each side: the data boxes are 588 × 400.
    expect(size([-4, 4], [-4, 4])).toEqual([400 + 112, 500]);
    expect(size([0, 4], [0, 1])).toEqual([700, 147 + 100]);
  });

  it("lets every Plot option through, over the house defaults", () => {
    const svg = figure({label: "f", marginLeft: 10, x: {domain: [0, 1], ticks: 2}, marks: [Plot.ruleX([0.5])]});
    expect(svg.querySelectorAll("[aria-label='x-axis tick'] path")).toHaveLength(3);
  });

  it("asks for numeric domains when the units must be equal", () => {
    expect(() => figure({label: "f", equal: true, marks: []})).toThrow(/equal aspect needs a numeric x domain/);
    expect(() => figure({label: "f", equal: true, x: {domain: [1, 1]}, y: {domain: [0, 1]}, marks: []})).toThrow(
      /invalid x domain: 1, 1/
    );
  });
});

import * as Plot from "@observablehq/plot";
import {afterEach, describe, expect, it, vi} from "vitest";
import {expectSvgSnapshot, renumberIds, serializeSvg} from "./snapshot.ts";

describe("snapshot serializer", () => {
  it("renumbers Plot's generated names in order of appearance, per family", () => {
    const text =
      '<svg class="plot-d6a7b5"><clipPath id="plot-clip-7"/><g clip-path="url(#plot-clip-7)"/>' +
      '<clipPath id="plot-clip-3"/><marker id="plot-marker-12"/><figure class="plot-d6a7b5-figure"/></svg>';
    expect(renumberIds(text)).toBe(
      '<svg class="plot-1"><clipPath id="plot-clip-1"/><g clip-path="url(#plot-clip-1)"/>' +
        '<clipPath id="plot-clip-2"/><marker id="plot-marker-1"/><figure class="plot-1-figure"/></svg>'
    );
  });

  it("gives the same text for a figure whatever was rendered before it", () => {
    const clipped = () => Plot.plot({marks: [Plot.dot([1, 2], {x: (d: number) => d, clip: true})]});
    const first = serializeSvg(clipped());
    Plot.plot({marks: [Plot.line([1, 2], {x: (d: number) => d, y: (d: number) => d, clip: true, marker: true})]});
    expect(serializeSvg(clipped())).toBe(first);
    expect(first).toContain("plot-clip-1");
  });

  it("rounds numbers to 3 decimals", () => {
    const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("transform", "translate(1.23456789,2.0000001)");
    expect(serializeSvg(g)).toBe('<g transform="translate(1.235,2)">\n</g>\n');
  });

  describe("a missing snapshot", () => {
    afterEach(() => vi.unstubAllEnvs());
    it("fails under CI instead of being written", () => {
      vi.stubEnv("CI", "true");
      const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
      expect(() => expectSvgSnapshot("never-written-by-this-test", g)).toThrow(/missing snapshot/);
    });
  });
});

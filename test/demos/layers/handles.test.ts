import {describe, expect, it} from "vitest";
import {figure} from "../../../demos/layers/figure.ts";
import {handles} from "../../../demos/layers/handles.ts";
import {expectSvgSnapshot} from "../snapshot.ts";

describe("draggable handles", () => {
  it("marks each handle for the runtime: data-drag, tabindex, role and an aria-label with its position (snapshot)", () => {
    const svg = figure({
      label: "matrix columns",
      size: "square",
      equal: true,
      x: {domain: [-2, 2]},
      y: {domain: [-2, 2]},
      marks: [
        handles([
          {name: "a", x: 1, y: 0.25, label: "column a of A", color: "source"},
          {name: "b", x: -0.5, y: 1}
        ])
      ]
    });
    const circles = [...svg.querySelectorAll("[data-drag]")];
    expect(circles.map((c) => c.getAttribute("data-drag"))).toEqual(["a", "b"]);
    expect(circles.map((c) => c.getAttribute("aria-label"))).toEqual([
      "column a of A at (1.00, 0.25)",
      "b at (-0.50, 1.00)"
    ]);
    for (const c of circles) {
      expect(c.getAttribute("tabindex")).toBe("0");
      expect(c.getAttribute("role")).toBe("button");
    }
    expect(circles[0]!.getAttribute("stroke")).toBe("var(--fd-source)");
    expectSvgSnapshot("layerHandles", svg);
  });
});

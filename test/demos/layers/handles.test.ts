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

  it("writes a handle's tag beside its ring, in its colour, hidden from screen readers and from the pointer", () => {
    const draw = (points: Parameters<typeof handles>[0]) =>
      figure({
        label: "two probes",
        size: "square",
        x: {domain: [-2, 2]},
        y: {domain: [-2, 2]},
        marks: [handles(points)]
      });
    const svg = draw([
      {name: "fixed", x: 0, y: 0, color: "marginal", tag: "y"},
      {name: "start", x: 1, y: 1, color: "source", tag: "x₀"},
      {name: "plain", x: -1, y: -1}
    ]);
    const texts = [...svg.querySelectorAll('g[aria-hidden="true"] text')];
    expect(texts.map((t) => t.textContent)).toEqual(["y", "x₀"]);
    expect(texts.map((t) => t.getAttribute("fill"))).toEqual(["var(--fd-marginal)", "var(--fd-source)"]);
    const group = texts[0]!.closest("g")!;
    expect(group.getAttribute("aria-hidden")).toBe("true");
    expect(group.getAttribute("pointer-events")).toBe("none");
    // Without tags, no text mark at all (the rings alone, as before).
    const bare = draw([{name: "a", x: 0, y: 0}]);
    expect(bare.querySelectorAll("[data-drag]").length).toBe(1);
    expect([...bare.querySelectorAll("g[aria-hidden]")].some((g) => g.querySelector("text"))).toBe(false);
  });
});

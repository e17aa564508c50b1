import {describe, expect, it} from "vitest";
import {arrowField, arrowsOf, paintArrowField} from "../../../demos/layers/arrows.ts";
import {figure} from "../../../demos/layers/figure.ts";
import {assertInDelta} from "../../assert.ts";
import {expectSvgSnapshot} from "../snapshot.ts";
import {rotationField} from "./data.ts";
import {recordingLayer, resolved} from "./fake-canvas.ts";

describe("arrow field", () => {
  it("draws one arrow per cell, centred, the longest 0.9 of the grid spacing (snapshot, rotation on 6 × 6)", () => {
    const svg = figure({
      label: "rotation field",
      size: "square",
      equal: true,
      x: {domain: [-4, 4]},
      y: {domain: [-4, 4]},
      marks: [arrowField(rotationField(6))]
    });
    expect(svg.querySelectorAll("g[stroke='var(--fd-marginal)'] path")).toHaveLength(36);
    expectSvgSnapshot("layerArrowField", svg);
  });

  it("scales to the grid spacing and keeps a fixed speed when asked", () => {
    const field = rotationField(4); // spacing 2, largest speed at the corners: |(±3, ±3)| = 3√2
    const a = arrowsOf(field);
    const length = (c: number) => Math.hypot(a.x2[c]! - a.x1[c]!, a.y2[c]! - a.y1[c]!);
    assertInDelta(length(0), 0.9 * 2, 1e-12);
    assertInDelta((a.x1[5]! + a.x2[5]!) / 2, -1, 1e-12); // cell (1, 1) is centred at (-1, -1)
    const fixed = arrowsOf(field, {speed: 6 * Math.SQRT2});
    assertInDelta(Math.hypot(fixed.x2[0]! - fixed.x1[0]!, fixed.y2[0]! - fixed.y1[0]!), 0.9, 1e-12);
  });

  it("leaves out still cells and dashes a conditional field", () => {
    const field = {nx: 2, ny: 1, extent: [0, 2, 0, 1] as const, values: Float64Array.of(1, 0, 0, 0)};
    expect(arrowsOf(field).index).toEqual([0]);
    const svg = figure({
      label: "f",
      x: {domain: [0, 2]},
      y: {domain: [0, 1]},
      marks: [arrowField(field, {kind: "conditional"})]
    });
    expect(svg.querySelector("g[stroke='var(--fd-conditional)']")!.getAttribute("stroke-dasharray")).toBe("7 5");
  });

  it("paints every arrow (shaft and two wings) in one stroke", () => {
    const {layer, draws} = recordingLayer();
    paintArrowField(layer, rotationField(20), {kind: "model"});
    expect(draws).toHaveLength(1);
    expect(draws[0]).toMatchObject({op: "stroke", style: resolved("model"), shapes: 2 * 400});
    expect(draws[0]!.calls.lineTo).toBe(3 * 400);
  });

  it("rejects a grid whose values do not match its size", () => {
    expect(() => arrowField({nx: 2, ny: 2, extent: [0, 1, 0, 1], values: new Float64Array(4)})).toThrow(
      /invalid field: 4 values for 2x2 cells \(expected 8\)/
    );
  });
});

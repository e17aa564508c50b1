import {describe, expect, it} from "vitest";
import {figure} from "../../../demos/layers/figure.ts";
import {gridLines, paintWarpedGrid, warpedGrid} from "../../../demos/layers/warped-grid.ts";
import {expectSvgSnapshot} from "../snapshot.ts";
import {recordingLayer, resolved} from "./fake-canvas.ts";

/** A shear and a bend: (x, y) ↦ (x + 0.3 y, y + 0.2 sin x). */
function warp(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 2) {
    out[i] = values[i]! + 0.3 * values[i + 1]!;
    out[i + 1] = values[i + 1]! + 0.2 * Math.sin(values[i]!);
  }
  return out;
}

describe("warped grid", () => {
  it("makes count vertical and count horizontal lines across the extent, edges included", () => {
    const {values, lines, points} = gridLines([-2, 2, -1, 1], 3, 5);
    expect([lines, points, values.length]).toEqual([6, 5, 60]);
    expect(Array.from(values.subarray(0, 4))).toEqual([-2, -1, -2, -0.5]); // first vertical line, going up
    expect(Array.from(values.subarray(30, 34))).toEqual([-2, -1, -1, -1]); // first horizontal line, going right
  });

  it("draws the lines pushed through a map as grey polylines (snapshot, 5 × 5 lines)", () => {
    const grid = gridLines([-3, 3, -3, 3], 5, 13);
    const svg = figure({
      label: "warped grid",
      size: "square",
      equal: true,
      x: {domain: [-4, 4]},
      y: {domain: [-4, 4]},
      marks: [warpedGrid({...grid, values: warp(grid.values as Float64Array)})]
    });
    expect(svg.querySelectorAll("g[stroke='var(--fd-muted)'] path")).toHaveLength(10);
    expectSvgSnapshot("layerWarpedGrid", svg);
  });

  it("paints every line in one stroke", () => {
    const {layer, draws} = recordingLayer();
    paintWarpedGrid(layer, gridLines([-3, 3, -3, 3], 21, 50), {color: "model"});
    expect(draws).toHaveLength(1);
    expect(draws[0]).toMatchObject({op: "stroke", style: resolved("model"), shapes: 42});
    expect(draws[0]!.calls.lineTo).toBe(42 * 49);
  });

  it("rejects lines whose values do not match their shape", () => {
    expect(() => warpedGrid({values: new Float64Array(10), lines: 2, points: 3})).toThrow(
      /invalid grid lines: 10 values/
    );
    expect(() => gridLines([0, 1, 0, 1], 1)).toThrow(/invalid count: 1/);
  });
});

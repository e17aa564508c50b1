import {describe, expect, it} from "vitest";
import {figure} from "../../../demos/layers/figure.ts";
import {paintTrajectories, trajectories} from "../../../demos/layers/trajectories.ts";
import {expectSvgSnapshot} from "../snapshot.ts";
import {straightPaths} from "./data.ts";
import {recordingLayer, resolved} from "./fake-canvas.ts";

const plot = (marks: ReturnType<typeof trajectories>) =>
  figure({label: "paths", size: "square", equal: true, x: {domain: [-4, 4]}, y: {domain: [-4, 4]}, marks: [marks]});

describe("trajectories", () => {
  it("draws 8 conditional paths up to t = 0.6, dashed, with x₀ circles and moving heads (snapshot, seed 2)", () => {
    const svg = plot(trajectories(straightPaths(8, 10, 2), 8, {t: 0.6, kind: "conditional"}));
    const lines = svg.querySelector("g[stroke='var(--fd-conditional)']")!;
    expect(lines.getAttribute("stroke-dasharray")).toBe("7 5");
    expect(lines.querySelectorAll("path")).toHaveLength(8);
    expect(svg.querySelectorAll("g[fill='var(--fd-source)'] circle")).toHaveLength(8);
    expectSvgSnapshot("layerTrajectories", svg);
  });

  it("ends in x₁ diamonds of the target colour at t = 1, and marginal paths are solid", () => {
    const svg = plot(trajectories(straightPaths(5, 4, 3), 5, {kind: "marginal"}));
    expect(svg.querySelector("g[stroke='var(--fd-marginal)']")!.hasAttribute("stroke-dasharray")).toBe(false);
    expect(svg.querySelectorAll("g[fill='var(--fd-target)'] path")).toHaveLength(5);
  });

  it("paints all lines in one stroke and each marker kind in one fill, interpolating the last segment", () => {
    const n = 1000;
    const {layer, draws, colors} = recordingLayer();
    paintTrajectories(layer, straightPaths(n, 20, 4), n, {t: 0.53, kind: "conditional"});
    expect(draws.map((d) => [d.op, d.style, d.shapes])).toEqual([
      ["stroke", resolved("conditional"), n],
      ["fill", resolved("source"), n],
      ["fill", resolved("conditional"), n]
    ]);
    expect(draws[0]!.dash).toEqual([7, 5]);
    // 0.53 · 20 = 10.6: ten whole segments and a part of the eleventh per path.
    expect(draws[0]!.calls.lineTo).toBe(11 * n);
    expect([...colors].sort()).toEqual(["conditional", "source"]);
  });

  it("paints x₁ as diamonds at t = 1", () => {
    const {layer, draws} = recordingLayer();
    paintTrajectories(layer, straightPaths(10, 5, 5), 10);
    expect(draws[2]).toMatchObject({style: resolved("target"), shapes: 10});
    expect(draws[2]!.calls.closePath).toBe(10);
  });

  it("rejects a t outside [0, 1] and an array that is not [K + 1, n, 2]", () => {
    expect(() => trajectories(straightPaths(3, 2, 1), 3, {t: 1.5})).toThrow(/invalid t: 1.5/);
    expect(() => trajectories(new Float64Array(10), 3)).toThrow(/invalid paths: 10 values for 3 paths/);
  });
});

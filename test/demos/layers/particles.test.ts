import {beforeAll, describe, expect, it} from "vitest";
import {figure} from "../../../demos/layers/figure.ts";
import {paintParticles, particles} from "../../../demos/layers/particles.ts";
import {normalPoints as normal} from "./data.ts";
import {expectSvgSnapshot} from "../snapshot.ts";
import {recordingLayer, resolved, stubCanvas} from "./fake-canvas.ts";

beforeAll(stubCanvas);

describe("particles", () => {
  it("draws points [n, 2] as dots in the model colour (snapshot, 30 points, seed 1)", () => {
    const svg = figure({
      label: "30 particles",
      size: "square",
      equal: true,
      x: {domain: [-4, 4], label: "x₁"},
      y: {domain: [-4, 4], label: "x₂"},
      marks: [particles(normal(30, 1))]
    });
    expect(svg.querySelectorAll("circle")).toHaveLength(30);
    expect(svg.querySelector("circle")!.closest("g")!.getAttribute("fill")).toBe("var(--fd-model)");
    expectSvgSnapshot("layerParticles", svg);
  });

  it("draws x₁ as diamonds in one mark of the colour asked for", () => {
    const marks = particles(normal(10, 2), {color: "target", symbol: "diamond"});
    const svg = figure({label: "x₁", equal: true, x: {domain: [-4, 4]}, y: {domain: [-4, 4]}, marks: [marks]});
    const fills = [...svg.querySelectorAll("g[fill^='var']")].map((g) => g.getAttribute("fill"));
    expect(fills).toEqual(["var(--fd-target)"]);
    expect(svg.querySelectorAll("circle")).toHaveLength(0);
    expect(svg.querySelectorAll("g[fill='var(--fd-target)'] path")).toHaveLength(10);
  });

  it("paints 20,000 particles as stamped pixels composited in one drawImage, at the opacity", () => {
    const {layer, draws, calls, colors, images} = recordingLayer();
    paintParticles(layer, normal(20000, 3), {color: "source", opacity: 0.6});
    expect(draws).toHaveLength(0);
    expect(calls.drawImage).toBe(1);
    expect(images[0]!.alpha).toBe(0.6);
    const used = new Set(images[0]!.pixels);
    const rgba = (hex: string) =>
      new Uint32Array(
        Uint8ClampedArray.from([1, 3, 5, 7].map((k) => (k < 7 ? parseInt(hex.slice(k, k + 2), 16) : 255))).buffer
      )[0];
    expect([...used].sort()).toEqual([0, rgba(resolved("source"))].sort());
    expect([...colors]).toEqual(["source"]);
  });

  it("stamps a disc of the dot's area at the device pixel ratio", () => {
    const {layer, images} = recordingLayer();
    paintParticles(layer, Float64Array.of(0, 0), {method: "pixels", r: 3});
    const lit = images[0]!.pixels.filter((p) => p !== 0).length;
    // r = 3 CSS px = 6 device px: π · 6² ≈ 113 pixels.
    expect(lit).toBeGreaterThan(100);
    expect(lit).toBeLessThan(130);
  });

  it("paints particles as one path and one fill per colour below the pixel threshold", () => {
    const {layer, draws, calls, colors} = recordingLayer();
    paintParticles(layer, normal(2000, 3), {color: "source"});
    expect(draws).toHaveLength(1);
    expect(draws[0]).toMatchObject({op: "fill", style: resolved("source"), shapes: 2000});
    expect(calls.beginPath).toBe(1);
    expect([...colors]).toEqual(["source"]);
  });

  it("paints only the first n points", () => {
    const {layer, draws} = recordingLayer();
    paintParticles(layer, normal(100, 4), {color: "target", n: 30});
    expect(draws.map((d) => [d.style, d.shapes])).toEqual([[resolved("target"), 30]]);
  });

  it("rejects an odd-length array", () => {
    expect(() => particles(new Float64Array(3))).toThrow(/invalid points: 3 values/);
  });
});

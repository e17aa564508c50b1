import * as Plot from "@observablehq/plot";
import {loadTheme} from "../theme.ts";
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {canvasImage, figureFrame, plotSvg, svgSize} from "../../../demos/runtime/canvas.ts";
import {stubCanvas} from "./fakes.ts";

beforeEach(stubCanvas);
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

const plot = (legend = false) =>
  Plot.plot({
    width: 300,
    height: 200,
    x: {domain: [0, 10]},
    y: {domain: [0, 1]},
    color: legend ? {legend: true, domain: ["a", "b"]} : undefined,
    marks: [Plot.frame()]
  });

describe("figureFrame", () => {
  it("sizes the canvas from the SVG's attributes times the device pixel ratio and lays it over the SVG", () => {
    vi.spyOn(window, "devicePixelRatio", "get").mockReturnValue(2);
    const host = document.createElement("figure");
    document.body.append(host);
    const frame = figureFrame(document, true, () => host);
    host.append(frame.place(plot()));
    const canvas = host.querySelector("canvas")!;
    expect([canvas.width, canvas.height]).toEqual([600, 400]);
    expect(canvas.parentElement).toBe(frame.wrapper);
    expect(frame.wrapper.firstElementChild?.localName).toBe("svg");
    expect(frame.wrapper.style.aspectRatio).toBe("300 / 200");
    const layer = frame.layer!;
    expect([layer.width, layer.height]).toEqual([300, 200]);
    expect(layer.x(0)).toBeCloseTo(plot().scale("x")!.apply(0));
    expect(layer.x(10)).toBeGreaterThan(layer.x(0));
    expect(layer.y(1)).toBeLessThan(layer.y(0));
  });

  it("keeps one canvas across re-renders and wraps the plot SVG of a figure with a legend", () => {
    const host = document.createElement("figure");
    const frame = figureFrame(document, true, () => host);
    host.replaceChildren(frame.place(plot()));
    const canvas = host.querySelector("canvas");
    const withLegend = plot(true);
    expect(withLegend.localName).toBe("figure");
    host.replaceChildren(frame.place(withLegend));
    expect(host.querySelectorAll("canvas")).toHaveLength(1);
    expect(host.querySelector("canvas")).toBe(canvas);
    expect(frame.wrapper.parentElement).toBe(withLegend);
    expect(plotSvg(withLegend)).toBe(frame.wrapper.querySelector("svg"));
  });

  it("reads the palette from the theme's --fd-* variables, aliases followed, other colours as they are", () => {
    loadTheme();
    const host = document.createElement("figure");
    host.style.setProperty("--fd-accent", "#123456");
    document.body.append(host);
    const frame = figureFrame(document, true, () => host);
    frame.place(plot());
    expect(frame.layer!.color("accent")).toBe("#123456");
    expect(frame.layer!.color("rgb(1, 2, 3)")).toBe("rgb(1, 2, 3)");
    // jsdom does not inherit custom properties: read the theme where it sets them.
    const root = figureFrame(document, true, () => document.documentElement);
    root.place(plot());
    expect(root.layer!.color("second")).toBe(root.layer!.color("target"));
    expect(root.layer!.color("target")).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("has no canvas when the demo paints nothing, and an <img> replaces a canvas for print", () => {
    const frame = figureFrame(document, false, () => document.body);
    frame.place(plot());
    expect(frame.canvas).toBeUndefined();
    expect(frame.layer).toBeUndefined();
    const canvas = document.createElement("canvas");
    canvas.className = "demo-canvas";
    expect(canvasImage(canvas).src).toMatch(/^data:image\/png/);
  });

  it("reads sizes from width/height, else the viewBox", () => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 120 80");
    expect(svgSize(svg)).toEqual({width: 120, height: 80});
  });
});

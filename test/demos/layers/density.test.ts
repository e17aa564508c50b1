import type * as Plot from "@observablehq/plot";
import {beforeAll, describe, expect, it} from "vitest";
import {densityContours, densityRaster} from "../../../demos/layers/density.ts";
import {figure} from "../../../demos/layers/figure.ts";
import {expectSvgSnapshot} from "../snapshot.ts";
import {loadTheme} from "../theme.ts";
import {gaussianGrid} from "./data.ts";
import {stubCanvas} from "./fake-canvas.ts";

beforeAll(() => {
  loadTheme();
  stubCanvas();
});

const plot = (...marks: Plot.Markish[]) =>
  figure({label: "density", size: "square", equal: true, x: {domain: [-4, 4]}, y: {domain: [-4, 4]}, marks});

describe("density raster and contours", () => {
  it("tints a raster with the palette colour and draws contours over it (snapshot, N((1, 1), I) on 24 × 16)", () => {
    const grid = gaussianGrid(24, 16);
    const svg = plot(densityRaster(grid, {color: "target"}), densityContours(grid, {thresholds: 4}));
    const image = svg.querySelector("image")!;
    expect(image.getAttribute("href") ?? image.getAttribute("xlink:href")).toMatch(/^data:fake;w=24;h=16;sum=/);
    expect(svg.querySelectorAll("g[stroke='var(--fd-target)'] path").length).toBeGreaterThan(0);
    expectSvgSnapshot("layerDensity", svg);
  });

  it("reads the raster's colour from the theme, so it changes with --fd-target", () => {
    const grid = gaussianGrid(8);
    const href = () => plot(densityRaster(grid)).querySelector("image")!.outerHTML;
    const before = href();
    document.documentElement.style.setProperty("--fd-target", "#123456");
    try {
      expect(href()).not.toBe(before);
    } finally {
      document.documentElement.style.removeProperty("--fd-target");
    }
  });

  it("dashes the contours of a conditional density", () => {
    const svg = plot(densityContours(gaussianGrid(12), {kind: "conditional", thresholds: [0.05, 0.1]}));
    expect(svg.querySelector("g[stroke='var(--fd-conditional)']")!.getAttribute("stroke-dasharray")).toBe("7 5");
  });

  it("rejects a grid whose values do not match its size", () => {
    expect(() => densityRaster({nx: 3, ny: 3, extent: [0, 1, 0, 1], values: new Float64Array(8)})).toThrow(
      /invalid grid: 8 values for 3x3 cells/
    );
  });
});

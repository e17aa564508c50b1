import * as Plot from "@observablehq/plot";
import {type ColorName, resolveColor} from "../runtime/palette.ts";
import {dasharrayOf, type Kind, svgColor} from "./conventions.ts";
import {checkGrid, type Grid} from "./data.ts";

/** Options of `densityRaster`. */
export interface DensityRasterOptions {
  /** Whose density: a palette name or a CSS colour, shown as a tint from clear (0) to solid (the maximum). @defaultValue "target" */
  color?: ColorName | string;
  /** The value drawn solid (fix it to keep one scale while the density changes). @defaultValue the grid's maximum */
  max?: number;
  /** Opacity at the maximum. @defaultValue 0.85 */
  opacity?: number;
  /** Smooth between cells (bilinear, by the browser) or show them as blocks. @defaultValue true */
  smooth?: boolean;
  /** Where to read the palette's CSS variables (the figure's element; default the document). */
  element?: Element;
}

/**
 * A density on a grid as a raster tinted with one colour of the palette: opacity ∝ value, so two densities can be
 * layered, and the colour keeps its meaning. Raster pixels cannot hold `var(…)`, so the colour is read from the page.
 */
export function densityRaster(grid: Grid, options: DensityRasterOptions = {}): Plot.Markish {
  checkGrid(grid, 1);
  const {values} = grid;
  const {color = "target", opacity = 0.85, smooth = true} = options;
  const max = options.max ?? maxOf(values);
  const scale = max > 0 ? opacity / max : 0;
  return Plot.raster(Array.from(values), {
    ...placement(grid),
    fill: resolveColor(color, options.element),
    fillOpacity: (v: number) => (isFinite(v) ? Math.min(Math.max(v * scale, 0), opacity) : 0),
    imageRendering: smooth ? "auto" : "pixelated"
  });
}

/** Options of `densityContours`. */
export interface DensityContoursOptions {
  /** Whose density: picks the colour, and the dash for a conditional one. @defaultValue "target" */
  kind?: Kind;
  /** Overrides the kind's colour. */
  color?: ColorName | string;
  /** Contour levels: a count of levels evenly spaced between 0 and the maximum (both left out), or the values. @defaultValue 5 */
  thresholds?: number | readonly number[];
  /** @defaultValue 1.5 */
  strokeWidth?: number;
  /** @defaultValue 0.9 */
  opacity?: number;
}

/** A density on a grid as contour lines (SVG, so the colour stays a CSS variable). */
export function densityContours(grid: Grid, options: DensityContoursOptions = {}): Plot.Markish {
  checkGrid(grid, 1);
  const {values} = grid;
  const {kind = "target", thresholds = 5, strokeWidth = 1.5, opacity = 0.9} = options;
  return Plot.contour(Array.from(values), {
    ...placement(grid),
    // Levels above 0 only: a level at 0 would outline the whole grid.
    thresholds: typeof thresholds === "number" ? levels(maxOf(values), thresholds) : [...thresholds],
    fill: "none",
    stroke: svgColor(options.color ?? kind),
    strokeWidth,
    strokeOpacity: opacity,
    strokeDasharray: dasharrayOf(kind)
  });
}

function maxOf(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** `count` levels evenly spaced strictly between 0 and max. */
function levels(max: number, count: number): number[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`invalid thresholds: ${count} (an integer ≥ 1)`);
  return Array.from({length: count}, (_, k) => (max * (k + 1)) / (count + 1));
}

/** Where a grid's values lie: its size and extent, as Plot's raster and contour marks take them. */
function placement({nx, ny, extent}: Grid) {
  return {width: nx, height: ny, x1: extent[0], x2: extent[1], y1: extent[2], y2: extent[3]};
}

/**
 * A log|det J| map of a plane map, in the colours deck 3 gives the divergence (its continuous-time twin): red and "+"
 * glyphs where the map stretches area (log|det J| > 0, the density thins out), blue and "−" where it squeezes (< 0,
 * the density piles up), clear where it keeps area (0) with a labelled line where the sign changes, and solid ink
 * where it folds (det J ≤ 0: not a bijection there). The glyphs and the line (demos/layers/sign-map.ts) say the sign
 * without the colours. Every deck-2 figure
 * that shades a Jacobian determinant uses it, so a stripe or a fold reads the same on every slide.
 */
import * as Plot from "@observablehq/plot";
import {checkGrid, type Grid} from "./data.ts";
import {densityRaster} from "./density.ts";
import {signMarks} from "./sign-map.ts";

/** Options of `logDetRaster`. */
export interface LogDetRasterOptions {
  /** |log|det J|| drawn at full tint (fix it to keep one scale while the map changes). @defaultValue the grid's largest |value|, at least 0.05 */
  limit?: number;
  /** Opacity at the limit. @defaultValue 0.6 */
  opacity?: number;
  /** The zero line's label. @defaultValue "log|det J| = 0" */
  label?: string;
  /** Sign glyphs per side (fewer for a small panel). @defaultValue 7 */
  glyphs?: number;
  /** Where to read the palette's CSS variables (the figure's element; default the document). */
  element?: Element;
}

/**
 * `grid.values` holds det J (not its log) at cell centres: log|det J| is tinted red (> 0) or blue (< 0), marked "+"
 * or "−" where |log|det J|| ≥ a third of the limit, its zero line drawn and labelled, and cells with det J ≤ 0 (or
 * non-finite) are drawn as folds (no glyph, no zero line through them).
 */
export function logDetRaster(grid: Grid, options: LogDetRasterOptions = {}): Plot.Markish {
  checkGrid(grid, 1);
  const n = grid.values.length;
  const logs = new Float64Array(n);
  const folds = new Float64Array(n);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const det = grid.values[i]!;
    if (det > 0 && Number.isFinite(det)) {
      logs[i] = Math.log(det);
      largest = Math.max(largest, Math.abs(logs[i]!));
    } else folds[i] = 1;
  }
  const limit = options.limit ?? Math.max(largest, 0.05);
  const {opacity = 0.6, element, label = "log|det J| = 0", glyphs = 7} = options;
  const part = (sign: 1 | -1) => ({...grid, values: logs.map((v) => Math.max(0, sign * v))});
  const common = {max: limit, opacity, ...(element ? {element} : {})};
  return [
    densityRaster(part(1), {...common, color: "error"}),
    densityRaster(part(-1), {...common, color: "source"}),
    densityRaster(
      {...grid, values: folds},
      {color: "ink", opacity: 0.85, max: 1, smooth: false, ...(element ? {element} : {})}
    ),
    ...signMarks({...grid, values: logs.map((v, i) => (folds[i] ? NaN : v))}, {label, glyphs, glyphAt: limit / 3})
  ];
}

/** The legend line for the map above, naming each sign by its glyph as well as its colour (for a caption or a readout). */
export const logDetLegend =
  "+ (red): log|det J| > 0, area grows; − (blue): < 0, area shrinks; solid line: log|det J| = 0; black: det J ≤ 0, a fold";

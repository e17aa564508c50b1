import * as Plot from "@observablehq/plot";
import type {ColorName} from "../runtime/palette.ts";
import type {CanvasLayer} from "../runtime/spec.ts";
import {strokeStyle} from "./canvas.ts";
import {svgColor} from "./conventions.ts";
import {type Extent, type Points, range} from "./data.ts";

/**
 * Grid lines pushed through a map (a flow, a layer of one): `gridLines` makes the straight lines as polylines, the
 * engine maps their points, and `warpedGrid` / `paintWarpedGrid` draw the result. Lines are a flat
 * [lines, points, 2] array: point j of line l at `2(l·points + j)`.
 */

/** A grid's polylines and their shape. */
export interface GridLines {
  /** [lines, points, 2]. */
  readonly values: Points;
  readonly lines: number;
  readonly points: number;
}

/**
 * `count` vertical then `count` horizontal lines across `extent` (edges included), each with `points` points so a
 * map can bend them. @param count lines per direction, at least 2; @param points per line, at least 2.
 */
export function gridLines(extent: Extent, count = 11, points = 41): GridLines {
  if (!(Number.isInteger(count) && count >= 2)) throw new RangeError(`invalid count: ${count} (an integer ≥ 2)`);
  if (!(Number.isInteger(points) && points >= 2)) throw new RangeError(`invalid points: ${points} (an integer ≥ 2)`);
  const [x0, x1, y0, y1] = extent;
  const values = new Float64Array(2 * 2 * count * points);
  for (let l = 0; l < count; l++) {
    const u = l / (count - 1);
    for (let j = 0; j < points; j++) {
      const v = j / (points - 1);
      const a = 2 * (l * points + j);
      const b = 2 * ((count + l) * points + j);
      values[a] = x0 + u * (x1 - x0);
      values[a + 1] = y0 + v * (y1 - y0);
      values[b] = x0 + v * (x1 - x0);
      values[b + 1] = y0 + u * (y1 - y0);
    }
  }
  return {values, lines: 2 * count, points};
}

/** Options of `warpedGrid` and `paintWarpedGrid`. */
export interface WarpedGridOptions {
  /** @defaultValue "muted" (the grid is the stage, not the point) */
  color?: ColorName | string;
  /** @defaultValue 1.25 */
  strokeWidth?: number;
  /** @defaultValue 0.8 */
  opacity?: number;
}

function check(grid: GridLines): void {
  const {values, lines, points} = grid;
  if (values.length !== 2 * lines * points) {
    throw new RangeError(`invalid grid lines: ${values.length} values for ${lines} lines of ${points} points`);
  }
}

/** Warped grid lines as SVG polylines. */
export function warpedGrid(grid: GridLines, options: WarpedGridOptions = {}): Plot.Markish {
  check(grid);
  const {values, lines, points} = grid;
  const {color = "muted", strokeWidth = 1.25, opacity = 0.8} = options;
  return Plot.line(range(lines * points), {
    x: (i: number) => values[2 * i],
    y: (i: number) => values[2 * i + 1],
    z: (i: number) => Math.floor(i / points),
    stroke: svgColor(color),
    strokeWidth,
    strokeOpacity: opacity
  });
}

/** Paints warped grid lines on a canvas layer in one stroked path. */
export function paintWarpedGrid(layer: CanvasLayer, grid: GridLines, options: WarpedGridOptions = {}): void {
  check(grid);
  const {values, lines, points} = grid;
  const {color = "muted", strokeWidth = 1.25, opacity = 0.8} = options;
  const c = layer.context;
  strokeStyle(layer, color, strokeWidth, opacity, []);
  c.beginPath();
  for (let l = 0; l < lines; l++) {
    for (let j = 0; j < points; j++) {
      const i = 2 * (l * points + j);
      const x = layer.x(values[i]!);
      const y = layer.y(values[i + 1]!);
      if (j === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    }
  }
  c.stroke();
  c.globalAlpha = 1;
}

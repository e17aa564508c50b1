import {isColorName} from "../runtime/palette.ts";
import type {CanvasLayer} from "../runtime/spec.ts";
import {diamondRadius} from "./conventions.ts";
import type {Points} from "./data.ts";

/**
 * Canvas helpers shared by the painters: each adds many shapes to the current path so that a whole set is filled or
 * stroked in one call (one path per colour), with no allocation per point.
 */

/** Adds a dot of radius r (pixels) at each of the first n points, as circles or diamonds, to the current path. */
export function addDots(
  layer: CanvasLayer,
  points: Points,
  n: number,
  r: number,
  symbol: "circle" | "diamond",
  only?: (i: number) => boolean
): void {
  const c = layer.context;
  const d = diamondRadius(r);
  for (let i = 0; i < n; i++) {
    if (only !== undefined && !only(i)) continue;
    const x = layer.x(points[2 * i]!);
    const y = layer.y(points[2 * i + 1]!);
    if (!(isFinite(x) && isFinite(y))) continue;
    if (symbol === "circle") {
      c.moveTo(x + r, y);
      c.arc(x, y, r, 0, 2 * Math.PI);
    } else {
      c.moveTo(x, y - d);
      c.lineTo(x + d, y);
      c.lineTo(x, y + d);
      c.lineTo(x - d, y);
      c.closePath();
    }
  }
}

/** Sets the stroke of a set of lines: colour, width, opacity and dash (empty: solid). */
export function strokeStyle(
  layer: CanvasLayer,
  color: string,
  width: number,
  opacity: number,
  dash: readonly number[]
) {
  const c = layer.context;
  c.strokeStyle = colorOn(layer, color);
  c.lineWidth = width;
  c.globalAlpha = opacity;
  c.setLineDash(dash as number[]);
  c.lineJoin = "round";
  c.lineCap = "round";
}

/** A colour option on a canvas: a palette name resolved by the layer, any other CSS colour as is. */
export function colorOn(layer: CanvasLayer, color: string): string {
  return isColorName(color) ? layer.color(color) : color;
}

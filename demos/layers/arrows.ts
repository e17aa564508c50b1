import * as Plot from "@observablehq/plot";
import type {ColorName} from "../runtime/palette.ts";
import type {CanvasLayer} from "../runtime/spec.ts";
import {strokeStyle} from "./canvas.ts";
import {dasharrayOf, dashOf, type Kind, svgColor} from "./conventions.ts";
import {checkGrid, type Grid} from "./data.ts";

/** Options of `arrowField` and `paintArrowField`. */
export interface ArrowFieldOptions {
  /** Whose field: picks the colour and the dash (conditional fields are dashed). @defaultValue "marginal" */
  kind?: Kind;
  /** Overrides the kind's colour. */
  color?: ColorName | string;
  /** The longest arrow, as a fraction of the grid spacing. @defaultValue 0.9 */
  scale?: number;
  /** The speed drawn at full length (fix it to keep one scale while the field changes). @defaultValue the maximum */
  speed?: number;
  /** Arrows shorter than this fraction of the full length are left out (so still points show as gaps). */
  minimum?: number;
  /** @defaultValue 2 */
  strokeWidth?: number;
  /** @defaultValue 0.9 */
  opacity?: number;
}

/** Arrow i: from (x1, y1) to (x2, y2) in data units, centred on its cell. */
interface Arrows {
  x1: Float64Array;
  y1: Float64Array;
  x2: Float64Array;
  y2: Float64Array;
  /** Indices of the arrows long enough to draw. */
  index: number[];
}

/** Velocities as arrows centred on the cells, in data units: the longest is `scale` of the grid spacing. */
export function arrowsOf(field: Grid, options: ArrowFieldOptions = {}): Arrows {
  checkGrid(field, 2, "field");
  const {nx, ny, extent, values} = field;
  const {scale = 0.9, minimum = 0.02} = options;
  const dx = (extent[1] - extent[0]) / nx;
  const dy = (extent[3] - extent[2]) / ny;
  const m = nx * ny;
  let speed = options.speed ?? 0;
  if (options.speed === undefined)
    for (let c = 0; c < m; c++) speed = Math.max(speed, Math.hypot(values[2 * c]!, values[2 * c + 1]!));
  if (!(speed >= 0 && isFinite(speed))) throw new RangeError(`invalid speed: ${speed} (a finite number ≥ 0)`);
  const k = speed > 0 ? (scale * Math.min(dx, dy)) / speed : 0;
  const a: Arrows = {
    x1: new Float64Array(m),
    y1: new Float64Array(m),
    x2: new Float64Array(m),
    y2: new Float64Array(m),
    index: []
  };
  for (let c = 0; c < m; c++) {
    const cx = extent[0] + ((c % nx) + 0.5) * dx;
    const cy = extent[2] + (Math.floor(c / nx) + 0.5) * dy;
    const u = (k * values[2 * c]!) / 2;
    const v = (k * values[2 * c + 1]!) / 2;
    a.x1[c] = cx - u;
    a.y1[c] = cy - v;
    a.x2[c] = cx + u;
    a.y2[c] = cy + v;
    if (Math.hypot(u, v) * 2 > minimum * scale * Math.min(dx, dy) && isFinite(u + v)) a.index.push(c);
  }
  return a;
}

function colorOf(options: ArrowFieldOptions): string {
  return options.color ?? options.kind ?? "marginal";
}

/** A velocity field on a grid (two values per cell) as SVG arrows, one per cell, scaled to the grid spacing. */
export function arrowField(field: Grid, options: ArrowFieldOptions = {}): Plot.Markish {
  const {kind = "marginal", strokeWidth = 2, opacity = 0.9} = options;
  const {x1, y1, x2, y2, index} = arrowsOf(field, options);
  return Plot.arrow(index, {
    x1: (c: number) => x1[c],
    y1: (c: number) => y1[c],
    x2: (c: number) => x2[c],
    y2: (c: number) => y2[c],
    stroke: svgColor(colorOf(options)),
    strokeWidth,
    strokeOpacity: opacity,
    strokeDasharray: dasharrayOf(kind),
    headLength: 10
  });
}

/** Paints a velocity field's arrows on a canvas layer in one stroked path (for a field that changes every frame). */
export function paintArrowField(layer: CanvasLayer, field: Grid, options: ArrowFieldOptions = {}): void {
  const {kind = "marginal", strokeWidth = 2, opacity = 0.9} = options;
  const {x1, y1, x2, y2, index} = arrowsOf(field, options);
  const c = layer.context;
  strokeStyle(layer, colorOf(options), strokeWidth, opacity, dashOf(kind));
  c.beginPath();
  for (const i of index) {
    const ax = layer.x(x1[i]!);
    const ay = layer.y(y1[i]!);
    const bx = layer.x(x2[i]!);
    const by = layer.y(y2[i]!);
    const length = Math.hypot(bx - ax, by - ay);
    const head = Math.min(10, length / 3);
    const angle = Math.atan2(by - ay, bx - ax);
    c.moveTo(ax, ay);
    c.lineTo(bx, by);
    // Wings at ±30°, as Plot.arrow draws them.
    c.moveTo(bx - head * Math.cos(angle - Math.PI / 6), by - head * Math.sin(angle - Math.PI / 6));
    c.lineTo(bx, by);
    c.lineTo(bx - head * Math.cos(angle + Math.PI / 6), by - head * Math.sin(angle + Math.PI / 6));
  }
  c.stroke();
  c.setLineDash([]);
  c.globalAlpha = 1;
}

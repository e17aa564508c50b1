import * as Plot from "@observablehq/plot";
import type {ColorName} from "../runtime/palette.ts";
import type {CanvasLayer} from "../runtime/spec.ts";
import {addDots, colorOn, strokeStyle} from "./canvas.ts";
import {dasharrayOf, dashOf, endSymbol, type Kind, svgColor} from "./conventions.ts";
import {type Points, range} from "./data.ts";

/** Options of `trajectories` and `paintTrajectories`. */
export interface TrajectoriesOptions {
  /** Draw each path from time 0 up to t ∈ [0, 1] (the last segment interpolated). @defaultValue 1 */
  t?: number;
  /** What the paths are: picks the colour and the dash (conditional paths are dashed). @defaultValue "model" */
  kind?: Kind;
  /** Overrides the kind's colour. */
  color?: ColorName | string;
  /** Markers: x₀ (a circle in the source colour) at the start; x₁ (a diamond, target colour) at t = 1, else the
   *  moving head (a dot in the path's colour). @defaultValue true */
  ends?: boolean;
  /** @defaultValue 1.5 */
  strokeWidth?: number;
  /** @defaultValue 0.55 */
  opacity?: number;
  /** Radius of the end markers in pixels. @defaultValue 3.5 */
  r?: number;
}

/** Where the drawing stops: `full` whole steps, then a fraction `frac` of the next one. */
interface Cut {
  n: number;
  steps: number;
  full: number;
  frac: number;
}

function cut(paths: Points, n: number, t: number): Cut {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`invalid n: ${n} (a whole number of paths)`);
  const steps = n === 0 ? 0 : paths.length / (2 * n) - 1;
  if (n > 0 && !(Number.isInteger(steps) && steps >= 0)) {
    throw new RangeError(`invalid paths: ${paths.length} values for ${n} paths (a [K + 1, n, 2] array)`);
  }
  if (!(t >= 0 && t <= 1)) throw new RangeError(`invalid t: ${t} (from 0 to 1)`);
  const s = t * steps;
  const full = Math.min(Math.floor(s), steps);
  return {n, steps, full, frac: s - full};
}

/** Coordinate c (0: x, 1: y) of path i at step k, or between steps k and k + 1 at fraction f. */
function at(paths: Points, n: number, i: number, k: number, f: number, c: 0 | 1): number {
  const a = paths[2 * (k * n + i) + c]!;
  return f > 0 ? a + f * (paths[2 * ((k + 1) * n + i) + c]! - a) : a;
}

function colorOf(options: TrajectoriesOptions): string {
  return options.color ?? options.kind ?? "model";
}

/**
 * Paths [K + 1, n, 2] (step k of path i at `2(k·n + i)`) as SVG polylines up to time t, with x₀ and x₁ markers
 * (static views and snapshots; use `paintTrajectories` for motion).
 */
export function trajectories(paths: Points, n: number, options: TrajectoriesOptions = {}): Plot.Markish {
  const {t = 1, kind = "model", ends = true, strokeWidth = 1.5, opacity = 0.55, r = 3.5} = options;
  const {steps, full, frac} = cut(paths, n, t);
  const per = full + 1 + (frac > 0 ? 1 : 0);
  const X = new Float64Array(n * per);
  const Y = new Float64Array(n * per);
  const Z = new Int32Array(n * per);
  for (let i = 0, j = 0; i < n; i++) {
    for (let k = 0; k < per; k++, j++) {
      const kk = Math.min(k, full);
      const f = k > full ? frac : 0;
      X[j] = at(paths, n, i, kk, f, 0);
      Y[j] = at(paths, n, i, kk, f, 1);
      Z[j] = i;
    }
  }
  const color = svgColor(colorOf(options));
  const marks: Plot.Markish[] = [
    Plot.line(range(n * per), {
      x: X,
      y: Y,
      z: Z,
      stroke: color,
      strokeWidth,
      strokeOpacity: opacity,
      strokeDasharray: dasharrayOf(kind)
    })
  ];
  if (ends && n > 0) {
    const last = per - 1;
    const end = (c: 0 | 1) => (i: number) => (c === 0 ? X : Y)[i * per + last];
    const done = full === steps;
    marks.push(
      Plot.dot(range(n), {
        x: (i: number) => X[i * per],
        y: (i: number) => Y[i * per],
        r,
        symbol: endSymbol.source,
        fill: svgColor("source"),
        stroke: null
      }),
      Plot.dot(range(n), {
        x: end(0),
        y: end(1),
        r,
        symbol: done ? endSymbol.target : endSymbol.source,
        fill: done ? svgColor("target") : color,
        stroke: null
      })
    );
  }
  return marks;
}

/** Paints paths [K + 1, n, 2] up to time t: one stroked path for all lines, one filled path per marker kind. */
export function paintTrajectories(layer: CanvasLayer, paths: Points, n: number, options: TrajectoriesOptions = {}) {
  const {t = 1, kind = "model", ends = true, strokeWidth = 1.5, opacity = 0.55, r = 3.5} = options;
  const {steps, full, frac} = cut(paths, n, t);
  const color = colorOf(options);
  const c = layer.context;
  strokeStyle(layer, color, strokeWidth, opacity, dashOf(kind));
  c.beginPath();
  for (let i = 0; i < n; i++) {
    c.moveTo(layer.x(at(paths, n, i, 0, 0, 0)), layer.y(at(paths, n, i, 0, 0, 1)));
    for (let k = 1; k <= full; k++) c.lineTo(layer.x(at(paths, n, i, k, 0, 0)), layer.y(at(paths, n, i, k, 0, 1)));
    if (frac > 0) c.lineTo(layer.x(at(paths, n, i, full, frac, 0)), layer.y(at(paths, n, i, full, frac, 1)));
  }
  c.stroke();
  c.setLineDash([]);
  c.globalAlpha = 1;
  if (!ends || n === 0) return;
  // Markers read the start and end rows of `paths` directly: a view of row k, no copy.
  c.fillStyle = colorOn(layer, "source");
  c.beginPath();
  addDots(layer, paths.subarray(0, 2 * n), n, r, "circle");
  c.fill();
  const done = full === steps;
  c.fillStyle = colorOn(layer, done ? "target" : color);
  c.beginPath();
  if (frac === 0) addDots(layer, paths.subarray(2 * full * n, 2 * (full + 1) * n), n, r, done ? "diamond" : "circle");
  else addHeads(layer, paths, n, full, frac, r);
  c.fill();
}

/** Dots at the interpolated heads (between steps `full` and `full + 1`). */
function addHeads(layer: CanvasLayer, paths: Points, n: number, full: number, frac: number, r: number) {
  const c = layer.context;
  for (let i = 0; i < n; i++) {
    const x = layer.x(at(paths, n, i, full, frac, 0));
    const y = layer.y(at(paths, n, i, full, frac, 1));
    c.moveTo(x + r, y);
    c.arc(x, y, r, 0, 2 * Math.PI);
  }
}

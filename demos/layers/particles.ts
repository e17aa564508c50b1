import * as Plot from "@observablehq/plot";
import type {ColorName} from "../runtime/palette.ts";
import type {CanvasLayer} from "../runtime/spec.ts";
import {addDots, colorOn} from "./canvas.ts";
import {endSymbol, svgColor} from "./conventions.ts";
import {type Points, pointCount, range} from "./data.ts";
import {stampDots} from "./pixels.ts";

/** Options of `particles` and `paintParticles`. */
export interface ParticlesOptions {
  /** A palette name or a CSS colour. @defaultValue "model" */
  color?: ColorName | string;
  /** Circle (x₀ and anything in between) or diamond (x₁). @defaultValue "circle" */
  symbol?: "circle" | "diamond";
  /** Dot radius in pixels. @defaultValue 2.5 */
  r?: number;
  /** @defaultValue 0.7 */
  opacity?: number;
  /** Draw only the first n points. @defaultValue all */
  n?: number;
  /**
   * How the canvas draws: `path` (anti-aliased vector dots, one path) or `pixels` (stamped, many times
   * faster; see pixels.ts). @defaultValue "pixels" above 2,000 points, else "path"
   */
  method?: "path" | "pixels";
}

/** Above this many points the canvas stamps pixels instead of filling paths. */
export const pixelThreshold = 2000;

interface Resolved {
  n: number;
  r: number;
  opacity: number;
  symbol: "circle" | "diamond";
  color: string;
}

/**
 * One colour and one symbol per call: a set of points that differ in kind is two calls, each with its own symbol
 * (colour is never the only cue; the `groups` option that coloured points by class alone was removed, unused).
 */
function resolve(points: Points, options: ParticlesOptions): Resolved {
  const {color = "model", symbol = "circle", r = 2.5, opacity = 0.7} = options;
  const n = Math.min(options.n ?? Infinity, pointCount(points));
  return {n, r, opacity, symbol, color};
}

/** Points [n, 2] as SVG dots, one mark (static views and snapshots; use `paintParticles` for motion). */
export function particles(points: Points, options: ParticlesOptions = {}): Plot.Markish {
  const {n, r, opacity, symbol, color} = resolve(points, options);
  return Plot.dot(range(n), {
    x: (i: number) => points[2 * i],
    y: (i: number) => points[2 * i + 1],
    r,
    symbol: symbol === "circle" ? endSymbol.source : endSymbol.target,
    fill: svgColor(color),
    fillOpacity: opacity,
    stroke: null
  });
}

/**
 * Paints points [n, 2] on a canvas layer, nothing allocated per point: as stamped pixels when there are many (one
 * image composited once), else as one path and one fill.
 */
export function paintParticles(layer: CanvasLayer, points: Points, options: ParticlesOptions = {}): void {
  const {n, r, opacity, symbol, color} = resolve(points, options);
  const method = options.method ?? (n > pixelThreshold ? "pixels" : "path");
  if (method === "pixels") {
    stampDots(layer, points, n, r, symbol, [{color: colorOn(layer, color)}], opacity);
    return;
  }
  const c = layer.context;
  c.globalAlpha = opacity;
  c.fillStyle = colorOn(layer, color);
  c.beginPath();
  addDots(layer, points, n, r, symbol);
  c.fill();
  c.globalAlpha = 1;
}

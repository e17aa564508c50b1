import * as Plot from "@observablehq/plot";
import {range} from "../layers/data.ts";
import {handles} from "../layers/index.ts";
import {svgColor} from "../layers/conventions.ts";
import {palette} from "../runtime/palette.ts";
import type {Scene} from "./scene.ts";

/**
 * Marks every view of the marginal-path demo shares: the data points x₁ (target diamonds inside draggable rings),
 * iso-contour circles of conditional Gaussians, arrows from one point, and a readout of computed numbers.
 */

/** The data points as draggable handles (`p1` … `p6`) with a diamond inside; `muted` greys all but one. */
export function dataPoints(scene: Scene, {muted}: {muted?: number} = {}): Plot.Markish {
  const m = scene.weights.length;
  const isMuted = (i: number) => muted !== undefined && i !== muted;
  const list = range(m).map((i) => ({
    name: `p${i + 1}`,
    x: scene.points[2 * i]!,
    y: scene.points[2 * i + 1]!,
    label: `data point x₁ number ${i + 1}`,
    color: isMuted(i) ? "muted" : "target"
  }));
  return [
    handles(list, {r: 12}),
    Plot.dot(range(m), {
      x: (i: number) => scene.points[2 * i],
      y: (i: number) => scene.points[2 * i + 1],
      r: 6,
      symbol: "diamond2",
      fill: (i: number) => svgColor(isMuted(i) ? "muted" : "target"),
      stroke: null,
      pointerEvents: "none"
    })
  ];
}

/** Texts next to the data points (weights, posterior weights), with a halo so they read over any layer. */
export function pointLabels(scene: Scene, texts: readonly string[], color = palette.ink): Plot.Markish {
  return Plot.text(texts, {
    x: (_: string, i: number) => scene.points[2 * i],
    y: (_: string, i: number) => scene.points[2 * i + 1],
    text: (d: string) => d,
    dx: 18,
    dy: -18,
    textAnchor: "start",
    fontSize: 20,
    fill: color,
    stroke: palette.bg,
    strokeWidth: 5,
    pointerEvents: "none"
  });
}

const VERTICES = 60;

/**
 * Circles of radius `radius` (data units) around the given centres, as one dashed line mark: the iso-contours of
 * conditional Gaussians N(μ, σ² I) (radius σ holds 39 % of the mass in 2D).
 */
export function circles(
  centres: readonly (readonly [number, number])[],
  radius: number,
  {opacity = 0.9, strokeWidth = 2}: {opacity?: number | ((i: number) => number); strokeWidth?: number} = {}
): Plot.Markish {
  const X: number[] = [];
  const Y: number[] = [];
  const Z: number[] = [];
  centres.forEach(([cx, cy], i) => {
    for (let k = 0; k <= VERTICES; k++) {
      const a = (2 * Math.PI * k) / VERTICES;
      X.push(cx + radius * Math.cos(a));
      Y.push(cy + radius * Math.sin(a));
      Z.push(i);
    }
  });
  return Plot.line(range(X.length), {
    x: (k: number) => X[k],
    y: (k: number) => Y[k],
    z: (k: number) => Z[k],
    stroke: palette.conditional,
    strokeWidth,
    strokeOpacity: typeof opacity === "number" ? opacity : (k: number) => opacity(Z[k]!),
    strokeDasharray: "7 5",
    pointerEvents: "none"
  });
}

/** One arrow from (x, y) along (u, v)·scale. */
export interface Arrow {
  x: number;
  y: number;
  u: number;
  v: number;
  opacity: number;
}

/** Arrows from points, dashed for conditional fields, solid for marginal ones. */
export function arrowsFrom(
  list: readonly Arrow[],
  scale: number,
  kind: "conditional" | "marginal",
  strokeWidth = 3
): Plot.Markish {
  return Plot.arrow(list, {
    x1: "x",
    y1: "y",
    x2: (a: Arrow) => a.x + scale * a.u,
    y2: (a: Arrow) => a.y + scale * a.v,
    stroke: palette[kind],
    strokeOpacity: "opacity",
    strokeWidth,
    strokeDasharray: kind === "conditional" ? "7 5" : undefined,
    headLength: 14,
    pointerEvents: "none"
  });
}

/** Room above the frame for two lines of readout, in pixels (see `readout`). */
export const READOUT_MARGIN = 62;

/** Up to two lines of computed numbers above the frame, left-aligned with it. */
export function readout(lines: readonly string[]): Plot.Markish {
  return Plot.text([lines.join("\n")], {
    frameAnchor: "top-left",
    dy: -READOUT_MARGIN + 4,
    lineAnchor: "top",
    fontSize: 22,
    lineHeight: 1.15,
    fill: palette.ink,
    pointerEvents: "none"
  });
}

/** A number for a readout: 4 significant digits, or scientific below 10⁻³. */
export function fmt(v: number, digits = 4): string {
  if (v === 0) return "0";
  return Math.abs(v) < 1e-3 ? v.toExponential(1) : v.toPrecision(digits);
}

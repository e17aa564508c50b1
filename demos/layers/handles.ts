import * as Plot from "@observablehq/plot";
import type {ColorName} from "../runtime/palette.ts";
import {svgColor} from "./conventions.ts";

/** A point the viewer can move: `name` matches a key of the demo's `drag` map (demos/runtime/spec.ts). */
export interface Handle {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  /** What it is, for screen readers, e.g. "column a of A"; the position is added. @defaultValue name */
  readonly label?: string;
  /** A palette name or a CSS colour. @defaultValue "ink" */
  readonly color?: ColorName | string;
  /**
   * A short name drawn beside the ring ("y", "x₀"), so that handles told apart by colour are told apart by name too.
   * @defaultValue none
   */
  readonly tag?: string;
}

/** Options of `handles`. */
export interface HandlesOptions {
  /** Radius in pixels: large enough to grab with a finger. @defaultValue 11 */
  r?: number;
  /** Decimals of the position in the aria label. @defaultValue 2 */
  digits?: number;
}

/**
 * Draggable handles: rings whose SVG elements carry `data-drag="<name>"`, `tabindex="0"`, a role and an aria-label
 * with the position, so the demo runtime moves them by pointer and arrow keys (and screen readers announce them).
 * A handle with a `tag` has it written above its ring, on the right.
 */
export function handles(points: readonly Handle[], options: HandlesOptions = {}): Plot.Markish {
  const {r = 11, digits = 2} = options;
  const tagged = points.filter((h) => h.tag !== undefined && h.tag !== "");
  const tags = tagged.length
    ? Plot.text(tagged, {
        x: "x",
        y: "y",
        text: "tag",
        dx: r + 3,
        dy: -(r + 3),
        textAnchor: "start",
        fontSize: 15,
        fontWeight: 700,
        fill: (h: Handle) => svgColor(h.color ?? "ink"),
        stroke: svgColor("bg"),
        strokeWidth: 3,
        paintOrder: "stroke",
        ariaHidden: "true",
        pointerEvents: "none"
      })
    : null;
  const rings = Plot.dot(points, {
    x: "x",
    y: "y",
    r,
    fill: svgColor("bg"),
    fillOpacity: 0.9,
    stroke: (h: Handle) => svgColor(h.color ?? "ink"),
    strokeWidth: 3.5,
    render(index, scales, values, dimensions, context, next) {
      const g = next!(index, scales, values, dimensions, context);
      const shapes = g?.querySelectorAll("circle, path") ?? [];
      index.forEach((i, k) => {
        const h = points[i]!;
        const el = shapes[k];
        if (el === undefined) return;
        el.setAttribute("data-drag", h.name);
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "button");
        el.setAttribute("aria-roledescription", "draggable point");
        el.setAttribute("aria-label", `${h.label ?? h.name} at (${h.x.toFixed(digits)}, ${h.y.toFixed(digits)})`);
      });
      return g;
    }
  });
  return tags ? [rings, tags] : rings;
}

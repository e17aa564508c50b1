import {type ColorName, isColorName, palette} from "../runtime/palette.ts";

/**
 * How the same thing is drawn on every slide, beyond its colour (colour is never the only cue): x₀ is a circle and x₁
 * a diamond, conditional paths are dashed and marginal ones solid, velocities are arrows (demos/layers/arrows.ts), a
 * reference (an exact solution, the circle a map starts from) is thin and labelled, and a numerical solution shows a
 * dot at every step (demos/layers/solution-paths.ts).
 */

/** What a path, a field or a set of points is, which picks its colour and its dash. */
export type Kind = "source" | "target" | "model" | "conditional" | "marginal" | "muted";

/** Plot symbols of the two ends of a path: `diamond2` is a square turned 45°, the shape the canvas draws. */
export const endSymbol = {source: "circle", target: "diamond2"} as const;

/** The dash of conditional paths and fields, in pixels (SVG `stroke-dasharray` and canvas `setLineDash`). */
export const conditionalDash = [7, 5] as const;

/** The stroke width of a reference curve (an exact solution, the circle a map starts from): thinner than the rest. */
export const referenceWidth = 1.5;

/** The dash of a kind (empty: solid). */
export function dashOf(kind: Kind): readonly number[] {
  return kind === "conditional" ? conditionalDash : [];
}

/** SVG `strokeDasharray` of a kind, or undefined for solid. */
export function dasharrayOf(kind: Kind): string | undefined {
  return kind === "conditional" ? conditionalDash.join(" ") : undefined;
}

/** A colour option as SVG wants it: a palette name becomes `var(--fd-<name>)`, any other CSS colour stays. */
export function svgColor(color: ColorName | string): string {
  return isColorName(color) ? palette[color] : color;
}

/** The diamond's half-diagonal for a dot of radius r: the same area as the circle, as Plot's `diamond2` draws it. */
export function diamondRadius(r: number): number {
  // d3-shape symbolDiamond2: half-diagonal = sqrt(size) · 0.62625 with size = π r².
  return Math.sqrt(Math.PI) * 0.62625 * r;
}

import * as Plot from "@observablehq/plot";
import {referenceWidth, svgColor} from "./conventions.ts";

/**
 * An exact solution against a numerical one, drawn the same way on every slide (colour is never the only cue): the
 * exact path is a thin solid line in the marginal colour ending in a hollow ring, the numerical one joins its step ends
 * in the model colour with a filled dot at each (the steps are the method), and both ends carry a direct label.
 */

/** A point of a path, in data units. */
export interface PathPoint {
  readonly x: number;
  readonly y: number;
}

/** Options of `exactPath`. */
export interface ExactPathOptions {
  /** Clip to the frame. @defaultValue true */
  clip?: boolean;
}

/** Radius of the ring that ends an exact path, in pixels (a step dot is smaller and filled, a handle larger). */
export const EXACT_RING = 6;

/** An exact path from t = 0 to t = 1: a thin solid line and a hollow ring at its last point. */
export function exactPath(points: readonly PathPoint[], options: ExactPathOptions = {}): Plot.Markish[] {
  const {clip = true} = options;
  if (points.length < 2) throw new RangeError(`invalid exact path: ${points.length} points (at least 2)`);
  const color = svgColor("marginal");
  return [
    Plot.line(points, {x: "x", y: "y", stroke: color, strokeWidth: referenceWidth, clip}),
    Plot.dot([points[points.length - 1]!], {
      x: "x",
      y: "y",
      r: EXACT_RING,
      stroke: color,
      strokeWidth: 2.5,
      fill: "none",
      clip
    })
  ];
}

/** Options of `stepPath`. */
export interface StepPathOptions {
  /** Width of the line joining the steps (0: dots only, as for an adaptive solver's accepted steps). @defaultValue 2.5 */
  strokeWidth?: number;
  /** Radius of the step dots (0: no dots, when the steps are too many to see). @defaultValue 3.5 */
  r?: number;
  /** Clip to the frame. @defaultValue true */
  clip?: boolean;
}

/** A numerical solution: its step ends joined by straight segments, with a filled dot at each. */
export function stepPath(points: readonly PathPoint[], options: StepPathOptions = {}): Plot.Markish[] {
  const {strokeWidth = 2.5, r = 3.5, clip = true} = options;
  if (!(strokeWidth >= 0)) throw new RangeError(`invalid strokeWidth: ${strokeWidth} (a number ≥ 0)`);
  if (!(r >= 0)) throw new RangeError(`invalid r: ${r} (a number ≥ 0)`);
  const color = svgColor("model");
  return [
    strokeWidth > 0 ? Plot.line(points, {x: "x", y: "y", stroke: color, strokeWidth, clip}) : null,
    r > 0 ? Plot.dot(points, {x: "x", y: "y", r, fill: color, clip}) : null
  ].filter((m) => m !== null);
}

/** Options of `pathKey`. */
export interface PathKeyOptions {
  /** The exact path's name. @defaultValue "exact" */
  exact?: string;
  /** Points the key should not cover (the paths): it goes to the corner of the frame that holds fewest. */
  avoid?: readonly PathPoint[];
  /** @defaultValue 18 */
  fontSize?: number;
  /** Whether the numerical sample joins its dots (false for an adaptive solver drawn as dots only). @defaultValue true */
  line?: boolean;
}

/** The corners the key may take, in order of preference when they hold equally few points. */
export const CORNERS = ["bottom-right", "top-right", "bottom-left", "top-left"] as const;
/** Pixel sizes of the key: padding, row height, the drawn sample's width and the gap to the text. */
const KEY = {pad: 6, row: 26, sample: 44, gap: 8, inset: 8} as const;

/**
 * The key of an exact and a numerical path, drawn in the styles it names: a thin line ending in a ring, "exact", and
 * a heavier line with a dot per step, `numerical` (e.g. "Euler h = 0.125"), on a pale box in the corner of the frame
 * that covers fewest of the `avoid` points. A render mark: it reads the scales to find that corner.
 */
export function pathKey(numerical: string, options: PathKeyOptions = {}): Plot.RenderFunction {
  const {exact = "exact", avoid = [], fontSize = 18, line = true} = options;
  const rows = [exact, numerical];
  // Bold text is about 0.6 em a character: the box is sized from the longest name.
  const width = 2 * KEY.pad + KEY.sample + KEY.gap + 0.6 * fontSize * Math.max(...rows.map((r) => r.length));
  const height = 2 * KEY.pad + rows.length * KEY.row;
  return (_index, scales, _values, dimensions) => {
    const left = dimensions.marginLeft + KEY.inset;
    const right = dimensions.width - dimensions.marginRight - KEY.inset - width;
    const top = dimensions.marginTop + KEY.inset;
    const bottom = dimensions.height - dimensions.marginBottom - KEY.inset - height;
    const px = avoid.map((p) => [scales.x!(p.x) as number, scales.y!(p.y) as number]);
    const boxes = CORNERS.map((corner) => {
      const x = corner.endsWith("left") ? left : right;
      const y = corner.startsWith("top") ? top : bottom;
      const covered = px.filter(([u, v]) => u! >= x && u! <= x + width && v! >= y && v! <= y + height).length;
      return {x, y, covered};
    });
    const box = boxes[CORNERS.indexOf(keyCorner(boxes.map((b) => b.covered)))]!;
    return keyGroup(box.x, box.y, width, height, rows, fontSize, line);
  };
}

/** The corner the key takes, given how many points each corner's box would cover (in the order of CORNERS). */
export function keyCorner(covered: readonly number[]): (typeof CORNERS)[number] {
  let best = 0;
  covered.forEach((c, i) => {
    if (c < covered[best]!) best = i;
  });
  return CORNERS[best]!;
}

function keyGroup(
  x: number,
  y: number,
  width: number,
  height: number,
  rows: string[],
  fontSize: number,
  line: boolean
) {
  const ns = "http://www.w3.org/2000/svg";
  const el = (name: string, attrs: Record<string, string | number>) => {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  const g = el("g", {"aria-label": "key", transform: `translate(${x},${y})`});
  g.append(el("rect", {width, height, rx: 4, fill: svgColor("bg"), "fill-opacity": 0.85, stroke: svgColor("rule")}));
  const mid = (i: number) => KEY.pad + (i + 0.5) * KEY.row;
  const x0 = KEY.pad;
  const x1 = KEY.pad + KEY.sample;
  const exactColor = svgColor("marginal");
  const stepColor = svgColor("model");
  // Row 1: the exact path's style.
  g.append(
    el("line", {
      x1: x0,
      y1: mid(0),
      x2: x1 - EXACT_RING,
      y2: mid(0),
      stroke: exactColor,
      "stroke-width": referenceWidth
    }),
    el("circle", {
      cx: x1 - EXACT_RING,
      cy: mid(0),
      r: EXACT_RING,
      fill: "none",
      stroke: exactColor,
      "stroke-width": 2.5
    })
  );
  // Row 2: the numerical path's style, three steps with a dot at each end.
  const steps = [0, 1, 2, 3].map((k) => [x0 + (k * KEY.sample) / 3, mid(1) + (k % 2 === 0 ? 3 : -3)] as const);
  if (line) {
    g.append(
      el("polyline", {
        points: steps.map(([u, v]) => `${u},${v}`).join(" "),
        fill: "none",
        stroke: stepColor,
        "stroke-width": 2.5
      })
    );
  }
  g.append(...steps.map(([u, v]) => el("circle", {cx: u, cy: v, r: 3.5, fill: stepColor})));
  rows.forEach((text, i) => {
    const t = el("text", {
      x: x1 + KEY.gap,
      y: mid(i),
      dy: "0.35em",
      "font-size": fontSize,
      "font-weight": 600,
      "text-anchor": "start",
      fill: i === 0 ? exactColor : stepColor
    });
    t.textContent = text;
    g.append(t);
  });
  return g;
}

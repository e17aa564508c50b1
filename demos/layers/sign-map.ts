/**
 * Cues that say a diverging map's sign without its colours: the zero line where the map changes sign (found by
 * marching squares on the same grid the map is shaded from), labelled with what is zero there, and "+" / "−" glyphs
 * scattered over the places where the map is clearly positive or negative. The log-det maps of deck 2 and the
 * divergence map of deck 3 put them over their red/blue tint, so the two signs differ by text and a line, not by hue.
 */
import * as Plot from "@observablehq/plot";
import {palette} from "../runtime/palette.ts";
import {checkGrid, type Grid} from "./data.ts";

/** Options of `signMarks`. */
export interface SignMarksOptions {
  /** What the zero line is the zero of, drawn on the line (e.g. "log|det J| = 0"); none when empty. @defaultValue "0" */
  label?: string;
  /** |value| at which a glyph is drawn: glyphs only where |value| ≥ glyphAt. @defaultValue a third of the grid's largest |value| */
  glyphAt?: number;
  /** Glyphs per side of the grid (on a lattice of cells). @defaultValue 7 */
  glyphs?: number;
  /** |value| counted as 0 by the zero line (see `zeroCrossings`). @defaultValue 1e-9 × max(largest |value|, glyphAt) */
  tolerance?: number;
}

/**
 * The zero line of `grid.values` (values at cell centres) as segments [x₁, y₁, x₂, y₂, …]: marching squares on the
 * squares joining four neighbouring centres, crossing each edge whose ends differ in sign (v > 0 against v ≤ 0) where
 * linear interpolation is zero. Values within `tolerance` of 0 count as 0, and a square draws only if a value above
 * `tolerance` and one below −tolerance lie within one cell of it: a patch that is zero up to rounding draws no line,
 * and a line through a row of exact zeros is drawn once. Squares with a non-finite corner are skipped; a saddle is
 * split by its centre's mean.
 */
export function zeroCrossings(grid: Grid, tolerance = 0): Float64Array {
  checkGrid(grid, 1);
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new RangeError(`invalid tolerance: ${tolerance} (a finite number ≥ 0)`);
  }
  const {nx, ny, extent} = grid;
  const values = Float64Array.from(grid.values, (v) => (Math.abs(v) <= tolerance ? 0 : v));
  const dx = (extent[1] - extent[0]) / nx;
  const dy = (extent[3] - extent[2]) / ny;
  const out: number[] = [];
  for (let iy = 0; iy + 1 < ny; iy++) {
    for (let ix = 0; ix + 1 < nx; ix++) {
      // Corners counter-clockwise from the bottom left: a, b, c, d.
      const [a, b, c, d] = [
        values[iy * nx + ix]!,
        values[iy * nx + ix + 1]!,
        values[(iy + 1) * nx + ix + 1]!,
        values[(iy + 1) * nx + ix]!
      ];
      // Most squares lie on one side: skip them before any work (NaN compares false, so it is skipped below).
      const positive = (a > 0 ? 1 : 0) + (b > 0 ? 1 : 0) + (c > 0 ? 1 : 0) + (d > 0 ? 1 : 0);
      if (positive === 0 || positive === 4) continue;
      const v = [a, b, c, d];
      if (!v.every(Number.isFinite) || !straddles(values, nx, ny, ix, iy)) continue;
      const px = [0, 1, 1, 0].map((k) => extent[0] + (ix + k + 0.5) * dx);
      const py = [0, 0, 1, 1].map((k) => extent[2] + (iy + k + 0.5) * dy);
      // The crossing on edge e (from corner e to corner e + 1), if its ends differ in sign.
      const cross = (e: number): [number, number] | undefined => {
        const [p, q] = [e, (e + 1) % 4];
        if (v[p]! > 0 === v[q]! > 0) return undefined;
        const s = v[p]! / (v[p]! - v[q]!);
        return [px[p]! + s * (px[q]! - px[p]!), py[p]! + s * (py[q]! - py[p]!)];
      };
      const hits = [0, 1, 2, 3].map(cross);
      const edges = [0, 1, 2, 3].filter((e) => hits[e]);
      let pairs: [number, number][] = [];
      if (edges.length === 2) pairs = [[edges[0]!, edges[1]!]];
      else if (edges.length === 4) {
        // A saddle: corners a and c share a sign. If the centre has it too, a and c join and b and d are cut off.
        const joined = (v[0]! + v[1]! + v[2]! + v[3]!) / 4 > 0 === v[0]! > 0;
        pairs = joined
          ? [
              [0, 1],
              [2, 3]
            ]
          : [
              [3, 0],
              [1, 2]
            ];
      }
      for (const [e, f] of pairs) out.push(...hits[e]!, ...hits[f]!);
    }
  }
  return Float64Array.from(out);
}

/** Whether the centres within one cell of square (ix, iy) hold both a positive and a negative value (snapped). */
function straddles(values: Float64Array, nx: number, ny: number, ix: number, iy: number): boolean {
  let [positive, negative] = [false, false];
  for (let j = Math.max(0, iy - 1); j <= Math.min(ny - 1, iy + 2); j++) {
    for (let i = Math.max(0, ix - 1); i <= Math.min(nx - 1, ix + 2); i++) {
      const v = values[j * nx + i]!;
      if (v > 0) positive = true;
      else if (v < 0) negative = true;
    }
  }
  return positive && negative;
}

/**
 * The sign cues of a diverging map on a grid: its zero line (ink, solid, with `label` at the piece nearest the middle)
 * and "+" / "−" glyphs on a lattice of cells where |value| ≥ `glyphAt`. Non-finite cells get neither.
 */
export function signMarks(grid: Grid, options: SignMarksOptions = {}): Plot.Markish[] {
  checkGrid(grid, 1);
  const {label = "0", glyphs = 7} = options;
  if (!(Number.isInteger(glyphs) && glyphs >= 1)) throw new RangeError(`invalid glyphs: ${glyphs} (an integer ≥ 1)`);
  const {nx, ny, extent, values} = grid;
  let largest = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i]!)) largest = Math.max(largest, Math.abs(values[i]!));
  const glyphAt = options.glyphAt ?? largest / 3;
  if (!(glyphAt > 0)) throw new RangeError(`invalid glyphAt: ${glyphAt} (a number > 0)`);
  const segments = zeroCrossings(grid, options.tolerance ?? 1e-9 * Math.max(largest, glyphAt));
  const line: {x: number; y: number}[] = [];
  const middle = [(extent[0] + extent[1]) / 2, (extent[2] + extent[3]) / 2] as const;
  let nearest = -1;
  let best = Infinity;
  for (let i = 0; i < segments.length; i += 4) {
    // A NaN point after each segment breaks the line there: one path for every segment.
    line.push({x: segments[i]!, y: segments[i + 1]!}, {x: segments[i + 2]!, y: segments[i + 3]!}, {x: NaN, y: NaN});
    const d = Math.hypot(
      (segments[i]! + segments[i + 2]!) / 2 - middle[0],
      (segments[i + 1]! + segments[i + 3]!) / 2 - middle[1]
    );
    if (d < best) [best, nearest] = [d, i];
  }
  const signs: {x: number; y: number; text: string}[] = [];
  const [sx, sy] = [Math.max(1, Math.round(nx / glyphs)), Math.max(1, Math.round(ny / glyphs))];
  for (let iy = Math.floor(sy / 2); iy < ny; iy += sy) {
    for (let ix = Math.floor(sx / 2); ix < nx; ix += sx) {
      const v = values[iy * nx + ix]!;
      if (!(Math.abs(v) >= glyphAt)) continue;
      const x = extent[0] + ((ix + 0.5) * (extent[1] - extent[0])) / nx;
      const y = extent[2] + ((iy + 0.5) * (extent[3] - extent[2])) / ny;
      signs.push({x, y, text: v > 0 ? "+" : "−"});
    }
  }
  const marks: Plot.Markish[] = [
    Plot.line(line, {x: "x", y: "y", stroke: palette.ink, strokeWidth: 2, strokeOpacity: 0.85, pointerEvents: "none"}),
    Plot.text(signs, {
      x: "x",
      y: "y",
      text: "text",
      fill: palette.ink,
      fillOpacity: 0.8,
      fontSize: 22,
      fontWeight: "bold",
      // A halo in the background colour keeps a "−" apart from the grid lines it may sit on.
      stroke: palette.bg,
      strokeWidth: 4,
      paintOrder: "stroke",
      pointerEvents: "none"
    })
  ];
  if (label !== "" && nearest >= 0) {
    const at = {
      x: (segments[nearest]! + segments[nearest + 2]!) / 2,
      y: (segments[nearest + 1]! + segments[nearest + 3]!) / 2
    };
    marks.push(
      Plot.text([at], {
        x: "x",
        y: "y",
        text: () => label,
        fill: palette.ink,
        stroke: palette.bg,
        strokeWidth: 4,
        paintOrder: "stroke",
        fontSize: 18,
        textAnchor: "start",
        dx: 6,
        dy: -10,
        pointerEvents: "none"
      })
    );
  }
  return marks;
}

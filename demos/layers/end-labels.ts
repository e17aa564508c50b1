/**
 * Direct labels at the right-hand ends of a plot's curves: each curve named where it is drawn, in its colour, with the
 * labels dodged apart (demos/layers/label-dodge.ts) where curves end together, and a thin leader from a curve's end
 * to its label wherever the label had to move. For figures whose curves would otherwise be named only by a
 * colour-keyed readout.
 */
import * as Plot from "@observablehq/plot";
import {dodge} from "./label-dodge.ts";

/** One curve's label: its text, the y where the curve ends, and its colour (a CSS colour, e.g. `palette.model`). */
export interface EndLabel {
  text: string;
  y: number;
  color: string;
}

/** Options of `endLabels`. */
export interface EndLabelsOptions {
  /** The x where the curves end. */
  x: number;
  /** The y scale's domain [lo, hi]. */
  domain: readonly [number, number];
  /** The plot's inner height in pixels (the figure's height less its top and bottom margins). */
  height: number;
  /** Least distance between two labels, in pixels. @defaultValue 22 */
  gap?: number;
  /** @defaultValue 17 */
  fontSize?: number;
}

/** The labels' y after dodging (in data units), in the order of `labels`. */
export function endLabelPositions(labels: readonly EndLabel[], options: EndLabelsOptions): number[] {
  const {domain, height, gap = 22} = options;
  if (!(Number.isFinite(height) && height > 0)) throw new RangeError(`invalid height: ${height} (a number > 0)`);
  if (!(domain[0] < domain[1])) throw new RangeError(`invalid domain: [${domain.join(", ")}] (lo < hi)`);
  const perPixel = (domain[1] - domain[0]) / height;
  return dodge(
    labels.map((l) => l.y),
    gap * perPixel,
    [domain[0] + 8 * perPixel, domain[1] - 8 * perPixel]
  );
}

/** The labels as Plot marks (text with a halo, and leaders for the moved ones); put the figure's right margin to fit. */
export function endLabels(labels: readonly EndLabel[], options: EndLabelsOptions): Plot.Markish[] {
  const {x, fontSize = 17} = options;
  const placed = endLabelPositions(labels, options);
  const perPixel = (options.domain[1] - options.domain[0]) / options.height;
  const rows = labels.map((l, i) => ({...l, x, placed: placed[i]!}));
  return [
    Plot.link(
      rows.filter((d) => Math.abs(d.placed - d.y) > 4 * perPixel),
      {x1: "x", y1: "y", x2: "x", y2: "placed", dx: 5, stroke: "var(--fd-muted)", strokeWidth: 1}
    ),
    // One text mark per label: a constant fill stays a CSS colour (a channel of colours would go through a scale).
    ...rows.map((d) =>
      Plot.text([d], {
        x: "x",
        y: "placed",
        text: "text",
        fill: d.color,
        dx: 9,
        textAnchor: "start",
        fontSize,
        fontWeight: 600,
        // A halo in the background colour keeps a label readable where it crosses a curve.
        stroke: "var(--fd-bg)",
        strokeWidth: 4,
        paintOrder: "stroke"
      })
    )
  ];
}

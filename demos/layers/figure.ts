import * as Plot from "@observablehq/plot";
import {palette} from "../runtime/palette.ts";

/**
 * The house style around `Plot.plot`, shared by every demo of every deck: sizes for the 1280×720 slide (figures are
 * drawn at the size they are shown, so 22 px text is 22 px on the slide), the palette's ink, a transparent background,
 * equal units on both axes for 2D data, and a text alternative. The layers in demos/layers/ give the marks.
 */

/** Outer sizes in slide pixels, one per layout of slides/runtime/theme.css. */
export const figureSizes = {
  /** `layout-full`: the whole width under a heading. */
  full: [1200, 540],
  /** `layout-figure`: the figure column beside text. */
  column: [640, 540],
  /** A square panel (two side by side fill a slide). */
  square: [540, 540],
  /** A short strip under a figure or an equation: loss curves, histograms. */
  strip: [640, 260]
} as const satisfies Record<string, readonly [number, number]>;

export type FigureSize = keyof typeof figureSizes;

/** Text size of ticks and axis labels, in slide pixels (the visual language asks for 20 px at least). */
export const figureFontSize = 22;

/** Margins that fit 22 px ticks and the axis labels beside them. */
const margins = {marginTop: 24, marginRight: 24, marginBottom: 64, marginLeft: 76};

/** Space between the frame and the data, so the first ticks of x and y do not touch in the corner. */
const inset = 6;

export interface FigureOptions extends Omit<Plot.PlotOptions, "width" | "height" | "ariaLabel" | "ariaDescription"> {
  /** What the figure shows, in a few words (the SVG's aria-label). */
  label: string;
  /** A longer text alternative: what is drawn and its current numbers (the SVG's aria-description). */
  description?: string;
  /** A named size, or [width, height] in slide pixels. @defaultValue "column" */
  size?: FigureSize | readonly [number, number];
  /**
   * Equal units on x and y (2D data: a circle stays round). Needs numeric `x.domain` and `y.domain`; the frame
   * shrinks along one axis to fit the size. @defaultValue false
   */
  equal?: boolean;
}

/** A Plot figure in the house style; every other Plot option passes through (and wins over the house defaults). */
export function figure(options: FigureOptions): ReturnType<typeof Plot.plot> {
  const {label, description, size = "column", equal = false, x, y, style, ...rest} = options;
  const [width, height] = typeof size === "string" ? figureSizes[size] : size;
  const m = {...margins, ...pick(rest)};
  const fitted = equal ? fitEqual(width, height, m, x?.domain, y?.domain) : {width, height};
  return Plot.plot({
    ...m,
    inset,
    ...fitted,
    ariaLabel: label,
    ariaDescription: description,
    style: {
      color: palette.ink,
      background: "transparent",
      fontSize: `${figureFontSize}px`,
      fontFamily: "inherit",
      overflow: "visible",
      ...(typeof style === "object" ? style : {})
    },
    x: {ticks: 5, tickSize: 6, labelAnchor: "center", labelArrow: "none", labelOffset: 52, ...x},
    y: {ticks: 5, tickSize: 6, labelAnchor: "center", labelArrow: "none", labelOffset: 60, ...y},
    ...rest
  });
}

type Margins = typeof margins;

/** The margins the caller set, over the house ones. */
function pick(options: Partial<Margins>): Partial<Margins> {
  const out: Partial<Margins> = {};
  for (const key of Object.keys(margins) as (keyof Margins)[]) if (options[key] !== undefined) out[key] = options[key];
  return out;
}

/** The largest width × height within the given one whose frame has the aspect of the two domains. */
function fitEqual(width: number, height: number, m: Margins, xd: unknown, yd: unknown) {
  const sx = span(xd, "x");
  const sy = span(yd, "y");
  const innerW = width - m.marginLeft - m.marginRight - 2 * inset;
  const innerH = height - m.marginTop - m.marginBottom - 2 * inset;
  const scale = Math.min(innerW / sx, innerH / sy);
  return {
    width: Math.round(scale * sx + m.marginLeft + m.marginRight + 2 * inset),
    height: Math.round(scale * sy + m.marginTop + m.marginBottom + 2 * inset)
  };
}

function span(domain: unknown, axis: string): number {
  if (!Array.isArray(domain) || domain.length !== 2 || !domain.every((d) => typeof d === "number" && isFinite(d))) {
    throw new Error(`equal aspect needs a numeric ${axis} domain: [min, max]`);
  }
  const s = Math.abs(domain[1] - domain[0]);
  if (!(s > 0)) throw new RangeError(`invalid ${axis} domain: ${domain.join(", ")} (min and max must differ)`);
  return s;
}

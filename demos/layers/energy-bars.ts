import * as Plot from "@observablehq/plot";
import {palette} from "../runtime/palette.ts";

/**
 * Stacked bars of the path energy ℰ = E|Z₁ − Z₀|² + S (ot-batch, reflow): the squared displacement below, the
 * straightness S on top. The two segments differ by more than colour (colour is never the only cue): the displacement
 * is a light grey fill, S a dark red fill with an ink outline, and a key of swatches drawn the same way names them.
 */

/** One bar: its band on x, its squared displacement E|Z₁ − Z₀|² and its path energy ℰ. */
export interface EnergyBar {
  label: string;
  displacement: number;
  energy: number;
}

/**
 * A horizontal reference level, e.g. the exact W₂², drawn dotted across the bars and labelled past the frame's right
 * edge (clear of the bars: leave it room with the figure's marginRight).
 */
export interface EnergyReference {
  value: number;
  label: string;
}

/** Options of `energyBars`. */
export interface EnergyBarsOptions {
  /** Where the bars start: 0, or the first tick of a cut axis. @defaultValue 0 */
  base?: number;
  /** A reference level (dotted, labelled). */
  reference?: EnergyReference;
  /** A key of swatches naming the parts. @defaultValue no key */
  key?: EnergyKey;
}

/**
 * Where the key goes: its line's top-left, in pixels from the frame's top-left corner (negative dy: above the frame),
 * as a Plot.text at frameAnchor "top-left" with the same dx and dy would sit; and what follows it on the line.
 */
export interface EnergyKey {
  dx: number;
  dy: number;
  /** @defaultValue 15 */
  fontSize?: number;
  /** Text after the key on its line, e.g. " · dashed: pairs' cost". @defaultValue "" */
  suffix?: string;
}

/** One drawn rectangle: its bar, which part it is, and its ends on the y axis. */
export interface EnergySegment {
  label: string;
  part: "displacement" | "straightness";
  y1: number;
  y2: number;
}

/** How each part is drawn: a light fill for the displacement, a dark outlined fill for S. */
export const energyStyles = {
  displacement: {fill: palette.muted, fillOpacity: 0.3, stroke: palette.muted, strokeWidth: 1.5},
  straightness: {fill: palette.error, fillOpacity: 0.9, stroke: palette.ink, strokeWidth: 1.5}
} as const;

/** The parts' names, as the key writes them. */
export const energyNames = {displacement: "E|Z₁−Z₀|²", straightness: "S"} as const;

/**
 * The two segments of each bar: [base, E|Z₁ − Z₀|²] and [E|Z₁ − Z₀|², max(E|Z₁ − Z₀|², ℰ)]. A slightly negative S,
 * from rounding, draws as nothing; on a cut axis a displacement below the base (a barely trained flow) draws below
 * the axis; a bar with a non-finite number (a diverged run) is left out, so the rest of a live figure still draws.
 * Throws a RangeError on a non-finite base and on two bars with one label (they would share a band).
 */
export function energySegments(bars: readonly EnergyBar[], base = 0): EnergySegment[] {
  if (!Number.isFinite(base)) throw new RangeError(`invalid energy bars base: ${base}`);
  const labels = new Set<string>();
  return bars.flatMap(({label, displacement, energy}) => {
    if (labels.has(label)) throw new RangeError(`invalid energy bars: two bars labelled ${label}`);
    labels.add(label);
    if (!Number.isFinite(displacement) || !Number.isFinite(energy)) return [];
    return [
      {label, part: "displacement", y1: base, y2: displacement},
      {label, part: "straightness", y1: displacement, y2: Math.max(displacement, energy)}
    ] satisfies EnergySegment[];
  });
}

/**
 * Stacked energy bars on a band x scale (the bars' labels) and a linear y scale, with an optional dotted reference
 * line labelled in the right margin and an optional key of swatches. Returns Plot marks for `figure`.
 */
export function energyBars(bars: readonly EnergyBar[], options: EnergyBarsOptions = {}): Plot.Markish {
  const {base = 0, reference, key} = options;
  const segments = energySegments(bars, base);
  const marks: Plot.Markish[] = (["displacement", "straightness"] as const).map((part) =>
    Plot.rectY(
      segments.filter((s) => s.part === part),
      {x: "label", y1: "y1", y2: "y2", ...energyStyles[part]}
    )
  );
  if (reference) {
    if (!Number.isFinite(reference.value)) throw new RangeError(`invalid energy reference: ${reference.value}`);
    marks.push(
      Plot.ruleY([reference.value], {stroke: palette.ink, strokeWidth: 2, strokeDasharray: "2,3"}),
      Plot.text([reference.label], {
        y: () => reference.value,
        frameAnchor: "right",
        textAnchor: "start",
        dx: 6,
        fontSize: 15,
        fill: palette.ink
      })
    );
  }
  if (key) marks.push(energyKey(key));
  return marks;
}

/**
 * The key, one line of text: "ℰ = ■ E|Z₁−Z₀|² + ■ S" and the caller's suffix, each swatch a square glyph filled and
 * outlined as its part's bars are (one text element: it needs no measured widths).
 */
function energyKey({dx, dy, fontSize = 15, suffix = ""}: EnergyKey): Plot.RenderFunction {
  return (_index, _scales, _values, dimensions, context) => {
    const element = (name: string, attributes: Record<string, string | number>, content?: string) => {
      const e = context.document.createElementNS("http://www.w3.org/2000/svg", name);
      for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, `${v}`);
      if (content !== undefined) e.textContent = content;
      return e;
    };
    const swatch = (part: keyof typeof energyStyles) => {
      const {fill, fillOpacity, stroke, strokeWidth} = energyStyles[part];
      const attributes = {fill, "fill-opacity": fillOpacity, stroke, "stroke-width": strokeWidth};
      return element("tspan", {...attributes, "aria-hidden": "true"}, "■");
    };
    const text = element("text", {
      class: "energy-key",
      x: dimensions.marginLeft + dx,
      y: dimensions.marginTop + dy,
      // Top-anchored as Plot's text at a top frameAnchor: the line hangs below y.
      dy: "0.71em",
      "text-anchor": "start",
      "font-size": fontSize,
      fill: palette.ink
    });
    text.append(
      "ℰ = ",
      swatch("displacement"),
      ` ${energyNames.displacement} + `,
      swatch("straightness"),
      ` ${energyNames.straightness}${suffix}`
    );
    return text;
  };
}

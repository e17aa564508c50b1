import * as Plot from "@observablehq/plot";
import type {ColorName} from "../runtime/palette.ts";
import {svgColor} from "./conventions.ts";
import {range} from "./data.ts";

/** Options of `lossCurve`. */
export interface LossCurveOptions {
  /** @defaultValue "model" */
  color?: ColorName | string;
  /** The series' name, written at its last point (a direct label: no legend, no colour-only cue), e.g. "L_CFM". */
  label?: string;
  /** A floor the loss cannot go below (e.g. the constant C of CFM), drawn as a dashed grey line. */
  floor?: number;
  /** The floor's label, at its left end (a falling curve is far above it there). @defaultValue "C" */
  floorLabel?: string;
  /**
   * Leave out non-positive losses, for a log y scale (pass `y: {type: "log"}` to `figure`: scale types belong to the
   * figure, not to a mark). @defaultValue false
   */
  log?: boolean;
  /** @defaultValue 2.5 */
  strokeWidth?: number;
}

/** Loss against step: a line (NaN and infinite losses leave gaps), an optional labelled floor, a label at the end. */
export function lossCurve(
  steps: ArrayLike<number>,
  losses: ArrayLike<number>,
  options: LossCurveOptions = {}
): Plot.Markish {
  if (steps.length !== losses.length)
    throw new RangeError(`invalid loss curve: ${steps.length} steps and ${losses.length} losses`);
  const {color = "model", label, floor, floorLabel = "C", log = false, strokeWidth = 2.5} = options;
  const stroke = svgColor(color);
  const y = (i: number) => (log && !(losses[i]! > 0) ? NaN : losses[i]);
  const index = range(steps.length);
  const marks: Plot.Markish[] = [Plot.line(index, {x: (i: number) => steps[i], y, stroke, strokeWidth})];
  const last = lastFinite(losses, log);
  if (label !== undefined && last >= 0) {
    marks.push(
      Plot.text([last], {x: (i: number) => steps[i], y, text: () => label, fill: stroke, textAnchor: "start", dx: 8})
    );
  }
  if (floor !== undefined) {
    if (!isFinite(floor) || (log && floor <= 0)) throw new RangeError(`invalid floor: ${floor}`);
    marks.push(
      Plot.ruleY([floor], {stroke: svgColor("muted"), strokeWidth: 2, strokeDasharray: "10 6"}),
      Plot.text([floor], {
        y: (f: number) => f,
        text: () => floorLabel,
        frameAnchor: "left",
        fill: svgColor("muted"),
        dy: -16,
        dx: 8
      })
    );
  }
  return marks;
}

function lastFinite(losses: ArrayLike<number>, log: boolean): number {
  for (let i = losses.length - 1; i >= 0; i--) if (isFinite(losses[i]!) && (!log || losses[i]! > 0)) return i;
  return -1;
}

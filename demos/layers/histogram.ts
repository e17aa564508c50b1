import * as Plot from "@observablehq/plot";
import type {ColorName} from "../runtime/palette.ts";
import {svgColor} from "./conventions.ts";
import {range} from "./data.ts";

/** Options of `histogram`. */
export interface HistogramOptions {
  /** [min, max] of the bins. @defaultValue the samples' range */
  domain?: readonly [number, number];
  /** Number of equal bins. @defaultValue 30 */
  bins?: number;
  /** The samples' colour. @defaultValue "model" */
  color?: ColorName | string;
  /** The density to compare with: a function (sampled at 200 points) or its values at given x. */
  curve?: ((x: number) => number) | {readonly x: ArrayLike<number>; readonly y: ArrayLike<number>};
  /** @defaultValue "target" (the curve is usually the exact density of the data) */
  curveColor?: ColorName | string;
}

/** Bin i spans [x1[i], x2[i]) and has density y[i] = count / (n · width), so the bars' area is 1 when all fit. */
export interface Bins {
  x1: Float64Array;
  x2: Float64Array;
  y: Float64Array;
}

/** Normalized histogram of 1D samples (samples outside the domain count in n but in no bin). */
export function binsOf(samples: ArrayLike<number>, options: HistogramOptions = {}): Bins {
  const {bins = 30} = options;
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`invalid bins: ${bins} (an integer ≥ 1)`);
  const [lo, hi] = options.domain ?? extentOf(samples);
  if (!(hi > lo)) throw new RangeError(`invalid domain: ${lo}, ${hi} (min < max)`);
  const width = (hi - lo) / bins;
  const b: Bins = {x1: new Float64Array(bins), x2: new Float64Array(bins), y: new Float64Array(bins)};
  for (let i = 0; i < bins; i++) [b.x1[i], b.x2[i]] = [lo + i * width, lo + (i + 1) * width];
  for (let j = 0; j < samples.length; j++) {
    const v = samples[j]!;
    if (v >= lo && v <= hi) b.y[Math.min(Math.floor((v - lo) / width), bins - 1)]! += 1;
  }
  const n = samples.length;
  for (let i = 0; i < bins; i++) b.y[i] = n > 0 ? b.y[i]! / (n * width) : 0;
  return b;
}

/** 1D samples as a density histogram, with the density they should follow drawn over it as a curve. */
export function histogram(samples: ArrayLike<number>, options: HistogramOptions = {}): Plot.Markish {
  const {color = "model", curve, curveColor = "target"} = options;
  const {x1, x2, y} = binsOf(samples, options);
  const fill = svgColor(color);
  const marks: Plot.Markish[] = [
    Plot.rectY(range(y.length), {
      x1: (i: number) => x1[i],
      x2: (i: number) => x2[i],
      y: (i: number) => y[i],
      fill,
      fillOpacity: 0.35,
      stroke: fill,
      strokeWidth: 1.5,
      inset: 0.5
    }),
    Plot.ruleY([0], {stroke: "currentColor", strokeOpacity: 0.4})
  ];
  if (curve !== undefined) {
    const {x, y: cy} = typeof curve === "function" ? sample(curve, x1[0]!, x2[x2.length - 1]!) : curve;
    if (x.length !== cy.length) throw new RangeError(`invalid curve: ${x.length} x and ${cy.length} y values`);
    marks.push(
      Plot.line(range(x.length), {
        x: (i: number) => x[i],
        y: (i: number) => cy[i],
        stroke: svgColor(curveColor),
        strokeWidth: 3
      })
    );
  }
  return marks;
}

function sample(f: (x: number) => number, lo: number, hi: number, n = 200) {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = f((x[i] = lo + ((hi - lo) * i) / (n - 1)));
  return {x, y};
}

function extentOf(samples: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  return lo < hi ? [lo, hi] : [lo - 1 || -1, hi + 1 || 1];
}

import * as Plot from "@observablehq/plot";
import {densityRaster} from "../layers/index.ts";
import {palette} from "../runtime/palette.ts";
import {circles, dataPoints, fmt, pointLabels, readout} from "./marks.ts";
import type {Frame} from "./scene.ts";

/**
 * D4.4, conditional probability paths: the marginal density p_t as a tint, each conditional Gaussian
 * N(t x₁, σ_t² I) as a dashed circle of radius σ_t on the route of its mean (0 → x₁), the data points with q(x₁).
 */
export function densityView(frame: Frame): Plot.Markish[] {
  const m = frame.weights.length;
  const wmax = Math.max(...frame.weights);
  const means = Array.from(
    {length: m},
    (_, i) => [frame.t * frame.points[2 * i]!, frame.t * frame.points[2 * i + 1]!] as const
  );
  return [
    frame.density ? densityRaster(frame.density, {color: "marginal", opacity: 0.75}) : null,
    Plot.link(means, {
      x1: 0,
      y1: 0,
      x2: (_: unknown, i: number) => frame.points[2 * i],
      y2: (_: unknown, i: number) => frame.points[2 * i + 1],
      stroke: palette.muted,
      strokeOpacity: 0.6,
      strokeWidth: 1.5
    }),
    circles(means, frame.sigmaT, {opacity: (i) => 0.35 + (0.65 * frame.weights[i]!) / wmax}),
    Plot.dot(means, {x: "0", y: "1", r: 4, fill: palette.conditional, stroke: null}),
    dataPoints(frame),
    pointLabels(
      frame,
      Array.from(frame.weights, (w) => `q = ${w.toFixed(2)}`)
    ),
    readout([`t = ${frame.t.toFixed(2)}    σₜ = ${fmt(frame.sigmaT, 3)}`])
  ];
}

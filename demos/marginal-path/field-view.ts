import type * as Plot from "@observablehq/plot";
import {arrowField, paintParticles} from "../layers/index.ts";
import type {CanvasLayer} from "../runtime/spec.ts";
import {circles, dataPoints, fmt, readout} from "./marks.ts";
import type {Frame} from "./scene.ts";

/**
 * D4.5, the conditional velocity field of one data point: u_t(x | x₁) = (σ̇_t/σ_t)(x − t x₁) + x₁ as dashed arrows,
 * the circle of p_t(· | x₁), and (painted) particles x_t = σ_t x₀ + t x₁ that collapse onto x₁ as t → 1.
 */
export function fieldView(frame: Frame): Plot.Markish[] {
  const i = frame.selected;
  const [x, y] = [frame.points[2 * i]!, frame.points[2 * i + 1]!];
  return [
    frame.field ? arrowField(frame.field, {kind: "conditional", opacity: 0.75, strokeWidth: 2}) : null,
    circles([[frame.t * x, frame.t * y]], frame.sigmaT, {strokeWidth: 2.5}),
    dataPoints(frame, {muted: i}),
    readout([`t = ${frame.t.toFixed(2)}    σ̇ₜ / σₜ = ${fmt(frame.dlogs, 3)}`])
  ];
}

let scratch = new Float64Array(0);

/** The particles φ_t(x₀ | x₁) = σ_t x₀ + t x₁ of the selected data point (closed form, no ODE). */
export function paintFieldView(layer: CanvasLayer, frame: Frame): void {
  const noise = frame.noise;
  if (!noise) return;
  if (scratch.length !== noise.length) scratch = new Float64Array(noise.length);
  const i = frame.selected;
  const [x, y] = [frame.points[2 * i]!, frame.points[2 * i + 1]!];
  for (let k = 0; k < noise.length; k += 2) {
    scratch[k] = frame.sigmaT * noise[k]! + frame.t * x;
    scratch[k + 1] = frame.sigmaT * noise[k + 1]! + frame.t * y;
  }
  paintParticles(layer, scratch, {color: "source", r: 3, opacity: 0.7});
}

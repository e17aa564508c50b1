import type * as Plot from "@observablehq/plot";
import {arrowField, densityRaster} from "../layers/index.ts";
import {dataPoints, fmt, readout} from "./marks.ts";
import {probeHandle} from "./posterior-view.ts";
import type {Frame} from "./scene.ts";

/**
 * D4.7, the proof checked with numbers: the marginal density and field, and at the probe both sides of the continuity
 * equation by finite differences of the closed form (∂_t p_t in t, −∇·(p_t u_t) in x), with their difference.
 */
export function continuityView(frame: Frame, probe: readonly [number, number]): Plot.Markish[] {
  const c = frame.check;
  return [
    frame.density ? densityRaster(frame.density, {color: "marginal", opacity: 0.6}) : null,
    frame.field ? arrowField(frame.field, {kind: "marginal", opacity: 0.55, strokeWidth: 1.5}) : null,
    dataPoints(frame),
    probeHandle(probe[0], probe[1]),
    c
      ? readout([
          `∂ₜpₜ(x) = ${fmt(c.dpdt)}    −∇·(pₜuₜ)(x) = ${fmt(c.negDivFlux)}`,
          `difference ${c.residual.toExponential(1)} (finite differences)`
        ])
      : null
  ];
}

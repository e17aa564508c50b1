import * as Plot from "@observablehq/plot";
import {arrowField, handles} from "../layers/index.ts";
import {palette} from "../runtime/palette.ts";
import {arrowsFrom, dataPoints, fmt, pointLabels, readout} from "./marks.ts";
import type {Frame, Probe} from "./scene.ts";

/** The longest arrow at the probe, in data units. */
const LONGEST = 1.6;

/** One scale for every arrow at the probe (so the marginal one is visibly their weighted average). */
export function probeScale(probe: Probe): number {
  let speed = Math.hypot(...probe.marginal);
  for (let i = 0; i < probe.gamma.length; i++)
    speed = Math.max(speed, Math.hypot(probe.conditional[2 * i]!, probe.conditional[2 * i + 1]!));
  return speed > 0 ? Math.min(0.5, LONGEST / speed) : 0;
}

/** The probe as a draggable ring named `probe`. */
export function probeHandle(x: number, y: number): Plot.Markish {
  return handles([{name: "probe", x, y, label: "probe point x", color: "ink"}], {r: 12});
}

/**
 * D4.6, the marginalization trick: the full marginal field underneath; at the probe x, each conditional arrow
 * u_t(x | x₁ⁱ) with opacity γ_i = p(x₁ⁱ | x_t = x), the weights by the points, and the marginal arrow Σ γ_i u_t(x | x₁ⁱ).
 */
export function posteriorView(frame: Frame): Plot.Markish[] {
  const probe = frame.probe;
  if (!probe) return [];
  const m = frame.weights.length;
  const k = probeScale(probe);
  const conditional = Array.from({length: m}, (_, i) => ({
    x: probe.x,
    y: probe.y,
    u: probe.conditional[2 * i]!,
    v: probe.conditional[2 * i + 1]!,
    opacity: Math.max(0.08, probe.gamma[i]!)
  }));
  const [ux, uy] = probe.marginal;
  return [
    frame.field ? arrowField(frame.field, {kind: "marginal", opacity: 0.3, strokeWidth: 1.5}) : null,
    Plot.link(conditional, {
      x1: "x",
      y1: "y",
      x2: (_: unknown, i: number) => frame.points[2 * i],
      y2: (_: unknown, i: number) => frame.points[2 * i + 1],
      stroke: palette.muted,
      strokeOpacity: (_: unknown, i: number) => 0.15 + 0.5 * probe.gamma[i]!,
      strokeWidth: 1.5,
      pointerEvents: "none"
    }),
    arrowsFrom(conditional, k, "conditional", 3.5),
    arrowsFrom([{x: probe.x, y: probe.y, u: ux, v: uy, opacity: 1}], k, "marginal", 5),
    dataPoints(frame),
    pointLabels(
      frame,
      Array.from(probe.gamma, (g) => `γ = ${g.toFixed(2)}`)
    ),
    probeHandle(probe.x, probe.y),
    readout([`t = ${frame.t.toFixed(2)}`, `uₜ(x) = Σ γᵢ uₜ(x | x₁ⁱ) = (${fmt(ux, 3)}, ${fmt(uy, 3)})`])
  ];
}

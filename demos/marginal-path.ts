import type * as Plot from "@observablehq/plot";
import {figure} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";
import {continuityView} from "./marginal-path/continuity-view.ts";
import {densityView} from "./marginal-path/density-view.ts";
import {fieldView, paintFieldView} from "./marginal-path/field-view.ts";
import {posteriorView} from "./marginal-path/posterior-view.ts";
import {EXTENT, frameOf, MAX_POINTS, options, parseWeights, state, type Frame} from "./marginal-path/scene.ts";
import {fmt, READOUT_MARGIN} from "./marginal-path/marks.ts";
import {playClock} from "./runtime/clock.ts";

/** Seconds a played path takes from t = 0 to t = 1. */
const DURATION = 5;

const drag: Record<string, readonly [string, string]> = {probe: ["qx", "qy"]};
for (let i = 1; i <= MAX_POINTS; i++) drag[`p${i}`] = [`p${i}x`, `p${i}y`];

const labels = {
  density: "conditional Gaussians around draggable data points and the marginal density, their weighted sum",
  field: "the conditional velocity field of one data point, and particles that collapse onto it",
  posterior: "conditional arrows at a probe weighted by the posterior, and the marginal arrow, their average",
  continuity: "both sides of the continuity equation at a probe, by finite differences of the closed form"
} as const;

/**
 * The derivation of flow matching on a few draggable data points x₁ (slides D4.4-D4.7, one stage): conditional
 * Gaussian paths and their marginal (`view: density`), one conditional field with its particles (`field`), the
 * posterior-weighted marginal arrow at a probe (`posterior`), and the continuity equation checked at the probe
 * (`continuity`). Everything is closed form (Lipman's path, engine/fm), computed on the page.
 */
export const marginalPath: DemoSpec<typeof options, typeof state, Frame> = {
  id: "marginal-path",
  description: "conditional paths, conditional fields, the posterior-weighted marginal field and the continuity check",
  options,
  state,
  controls: ["t", "sigma", "count", "selected"],
  player: true,
  drag,
  check: ({weights}) => void parseWeights(weights),
  examples: [
    {name: "conditional field", state: {view: "field", t: "0.6", selected: "2"}},
    {name: "posterior at a probe", state: {view: "posterior", t: "0.7", count: "5"}},
    {name: "continuity check", state: {view: "continuity", t: "0.4"}}
  ],
  snapshot: (o, s) => frameOf(o, s),
  render(frame, _options, s) {
    const marks: Plot.Markish[] = !frame
      ? []
      : frame.view === "density"
        ? densityView(frame)
        : frame.view === "field"
          ? fieldView(frame)
          : frame.view === "posterior"
            ? posteriorView(frame)
            : continuityView(frame, [s.qx, s.qy]);
    return figure({
      label: labels[s.view],
      description: frame ? describeFrame(frame) : undefined,
      size: [600, 460],
      equal: true,
      // The readout sits above the frame; the axes have no labels, so the bottom needs only the ticks.
      marginTop: READOUT_MARGIN,
      marginBottom: 36,
      x: {domain: [EXTENT[0], EXTENT[1]], label: null},
      y: {domain: [EXTENT[2], EXTENT[3]], label: null},
      marks
    });
  },
  paint(layer, frame) {
    if (frame?.view === "field") paintFieldView(layer, frame);
  },
  advance: playClock(DURATION),
  describe: (frame) => (frame ? describeFrame(frame) : "conditional and marginal probability paths")
};

/** The text alternative with the frame's numbers. */
function describeFrame(f: Frame): string {
  const m = f.weights.length;
  const head = `${m} data points, t = ${f.t.toFixed(2)}, σ_t = ${fmt(f.sigmaT, 3)}`;
  if (f.view === "field") return `${head}: the conditional field of data point ${f.selected + 1}`;
  if (f.view === "posterior" && f.probe) {
    const g = Array.from(f.probe.gamma, (v) => v.toFixed(2)).join(", ");
    const [ux, uy] = f.probe.marginal;
    return `${head}: posterior weights ${g} at (${f.probe.x.toFixed(2)}, ${f.probe.y.toFixed(2)}); marginal velocity (${fmt(ux, 3)}, ${fmt(uy, 3)})`;
  }
  if (f.view === "continuity" && f.check) {
    const c = f.check;
    return `${head}: ∂t p = ${fmt(c.dpdt)} and −div(p u) = ${fmt(c.negDivFlux)}, difference ${c.residual.toExponential(1)}`;
  }
  return `${head}: each conditional Gaussian shrinks toward its data point; the marginal density is their weighted sum`;
}

export default marginalPath;

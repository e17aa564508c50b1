import {choice, number, type Values} from "../engine/options/schema.ts";
import {couplingPanels, couplingView, type CouplingView} from "./coupling/map-panels.ts";
import type {SliderCoupling} from "./coupling/slider-coupling.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {};

const state = {
  a: number(0.6, "amplitude a of the log-scale s(z_A) = a sin(ω z_A)", {min: 0, max: 1.5, step: 0.05}),
  omega: number(1.5, "frequency ω of the log-scale s(z_A) = a sin(ω z_A)", {min: 0.25, max: 3, step: 0.05}),
  b: number(0.25, "curvature b of the shift m(z_A) = b z_A²", {min: -0.5, max: 0.5, step: 0.05}),
  mask: choice(["keep-1", "keep-2"], "keep-1", "the mask: keep z₁ and transform z₂ (A = {1}), or the other way round")
};

/** State of `realnvp-layer`. */
export type RealNvpLayerState = Values<typeof state>;

/** The layer of a state: s(v) = a sin(ω v), m(v) = b v², v the kept coordinate. */
export function realNvpLayer(st: RealNvpLayerState): SliderCoupling {
  return {
    keep: st.mask === "keep-1" ? 0 : 1,
    s: (v) => st.a * Math.sin(st.omega * v),
    m: (v) => st.b * v * v
  };
}

/** The frame: the view of the layer and which coordinate it keeps. */
export interface RealNvpLayerFrame extends CouplingView {
  keep: 0 | 1;
}

/** The frame of a state, on the page. */
export function realNvpLayerFrame(st: RealNvpLayerState): RealNvpLayerFrame {
  const layer = realNvpLayer(st);
  return {...couplingView([layer]), keep: layer.keep};
}

/** The noise panel's readout: the range of log|det J| = s(z_A). */
export function logDetRange(f: RealNvpLayerFrame): string {
  const v = f.keep === 0 ? "z₁" : "z₂";
  return `log|det J| = s(${v}) ∈ [${f.logDetMin.toFixed(2)}, ${f.logDetMax.toFixed(2)}]`;
}

/**
 * One RealNVP affine coupling layer (slide D2.12) with closed-form s and m set by sliders, on the page. The noise
 * panel's log|det J_f(z)| map has stripes along the kept coordinate (vertical when z₁ is kept): it is s(z_A) and
 * depends on z_A alone, the picture of the triangular Jacobian. The data panel shows the grid pushed through f and
 * the density p_X by the exact inverse z_B = (x_B − m(x_A)) e^{−s(x_A)}.
 */
export const realNvpLayerDemo: DemoSpec<typeof options, typeof state, RealNvpLayerFrame> = {
  id: "realnvp-layer",
  description: "one RealNVP coupling layer by sliders: log|det J| = s(z_A) draws stripes along the kept coordinate",
  options,
  state,
  controls: ["a", "omega", "b", "mask"],
  examples: [
    {name: "mask flipped", state: {mask: "keep-2"}},
    {name: "scale only", state: {a: "1.2", omega: "2", b: "0"}}
  ],
  snapshot: (_o, st) => realNvpLayerFrame(st),
  render(frame, _o, st) {
    const f = frame ?? realNvpLayerFrame(st);
    return couplingPanels(f, {
      noiseTitle: "noise z, log|det J|",
      noiseFooter: logDetRange(f),
      dataTitle: "x = f(z), density p_X",
      dataFooter: `peak p_X ${f.pushedPeak.toFixed(3)} (p_Z ${f.priorPeak.toFixed(3)})`
    });
  },
  describe(frame, _o, st) {
    const f = frame ?? realNvpLayerFrame(st);
    const [kept, other] = f.keep === 0 ? ["z₁", "z₂"] : ["z₂", "z₁"];
    const stripes = f.keep === 0 ? "vertical" : "horizontal";
    return (
      `one RealNVP layer keeping ${kept}: ${other} is scaled by exp(${st.a} sin(${st.omega} ${kept})) and shifted by ` +
      `${st.b} ${kept}²; ${logDetRange(f)}, drawn as ${stripes} stripes (red and "+" grow area, blue and "−" shrink it); ` +
      `peak of the pushed density ${f.pushedPeak.toFixed(3)} against N(0, I)'s ${f.priorPeak.toFixed(3)}`
    );
  }
};

export default realNvpLayerDemo;

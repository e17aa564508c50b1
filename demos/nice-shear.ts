import {choice, integer, number, type Values} from "../engine/options/schema.ts";
import {couplingPanels, couplingView, type CouplingView} from "./coupling/map-panels.ts";
import type {CouplingStack} from "./coupling/slider-coupling.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {};

const state = {
  a: number(1, "amplitude a of the shift m(z_A) = a sin(ω z_A)", {min: 0, max: 2, step: 0.05}),
  omega: number(1.5, "frequency ω of the shift m(z_A) = a sin(ω z_A)", {min: 0.25, max: 3, step: 0.05}),
  mask: choice(["keep-1", "keep-2"], "keep-1", "the first layer's mask: keep z₁ and shift z₂, or the other way round"),
  layers: integer(1, "NICE layers stacked, masks alternating", {min: 1, max: 4})
};

/** State of `nice-shear`. */
export type NiceShearState = Values<typeof state>;

/** The NICE layers of a state: layer k keeps coordinate (first + k) mod 2 and shifts the other by a sin(ω z_A). */
export function niceStack(st: NiceShearState): CouplingStack {
  const first = st.mask === "keep-1" ? 0 : 1;
  const m = (v: number) => st.a * Math.sin(st.omega * v);
  return Array.from({length: st.layers}, (_, k) => ({keep: ((first + k) % 2) as 0 | 1, s: () => 0, m}));
}

/** The frame: the view of the stack and the state it is of. */
export interface NiceShearFrame extends CouplingView {
  layers: number;
}

/** The frame of a state, on the page. */
export function niceShearFrame(st: NiceShearState): NiceShearFrame {
  return {...couplingView(niceStack(st)), layers: st.layers};
}

const fmt = (v: number) => v.toFixed(3);

/** The data panel's readout: both peaks. */
export function peaks(f: CouplingView): string {
  return `peak p_X ${fmt(f.pushedPeak)}, peak p_Z ${fmt(f.priorPeak)}`;
}

/**
 * NICE, the additive coupling (slide D2.11): one to four layers x_B = z_B + a sin(ω z_A) with alternating masks, on
 * the page. The grid shears along one axis per layer; the pushed density p_X (by the exact inverse, per pixel) keeps
 * the peak of N(0, I), because det J = 1 everywhere (the log-det map stays clear).
 */
export const niceShear: DemoSpec<typeof options, typeof state, NiceShearFrame> = {
  id: "nice-shear",
  description: "NICE additive coupling layers: the grid shears, det J = 1, the pushed density keeps its peak",
  options,
  state,
  controls: ["a", "omega", "mask", "layers"],
  examples: [
    {name: "two layers", state: {layers: "2"}},
    {name: "keep z2, strong", state: {mask: "keep-2", a: "1.8", omega: "2"}}
  ],
  snapshot: (_o, st) => niceShearFrame(st),
  render(frame, _o, st) {
    const f = frame ?? niceShearFrame(st);
    const layers = f.layers === 1 ? "one layer" : `${f.layers} layers`;
    return couplingPanels(f, {
      noiseTitle: "noise z",
      noiseFooter: "log|det J| = 0 everywhere",
      dataTitle: `x = f(z), ${layers}`,
      dataFooter: peaks(f)
    });
  },
  describe(frame, _o, st) {
    const f = frame ?? niceShearFrame(st);
    const first = st.mask === "keep-1" ? "keeps z₁ and shifts z₂" : "keeps z₂ and shifts z₁";
    return (
      `${st.layers} NICE layer(s) with shift ${st.a} sin(${st.omega} z_A), masks alternating (the first ${first}): ` +
      `the grid shears; log|det J| lies in [${f.logDetMin.toFixed(3)}, ${f.logDetMax.toFixed(3)}] (0: area kept); ` +
      `${peaks(f)} on a ${f.density.nx}×${f.density.ny} grid`
    );
  }
};

export default niceShear;

import * as Plot from "@observablehq/plot";
import {maybeDataset} from "../engine/data/registry.ts";
import {choice, number} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {FAMILIES, familySamplersOptions, type Family} from "../engine/tasks/family-samplers-options.ts";
import type {FamilySamplersFrame} from "../engine/tasks/family-samplers.ts";
import {figure} from "./layers/figure.ts";
import {paintParticles, particles} from "./layers/particles.ts";
import type {DemoSpec} from "./runtime/spec.ts";

/** Seconds of one animation, then seconds it rests on its end before it plays again. */
export const PLAY_SECONDS = 2;
export const REST_SECONDS = 1.2;
const CYCLE = PLAY_SECONDS + REST_SECONDS;

const state = {
  family: choice(FAMILIES, "gan", "the family whose sampler plays (a row of the table)"),
  clock: number(0, "seconds into the animation's cycle (it plays, rests, then plays again)", {min: 0, max: CYCLE})
};

/** The family names as the table writes them. */
export const familyNames: Readonly<Record<Family, string>> = {
  gan: "GAN",
  vae: "VAE",
  autoregressive: "Autoregressive",
  flow: "Normalizing flow",
  energy: "Energy-based",
  diffusion: "Diffusion / score",
  cnf: "CNF",
  fm: "Flow matching"
};

/** What each animation really is: one honest line under the figure. */
export const captions: Readonly<Record<Family, string>> = {
  gan: "x = G(z) in one pass; G is the i-cfm flow's whole map (no GAN is trained here)",
  vae: "z, then a noisy decode x ~ N(μ(z), 0.15²I); μ is the i-cfm flow's map (no VAE trained)",
  autoregressive: "x₁ ~ p(x₁), then x₂ ~ p(x₂ | x₁): exact conditionals of the moons density",
  flow: "eight invertible layers in turn; here the 8 RK4 steps of the i-cfm flow's ODE",
  energy: "Langevin MCMC, 300 steps, on a known energy: the moons as 24 Gaussians",
  diffusion: "an SDE: the i-cfm field plus a score term and fresh noise at every step",
  cnf: "the ODE dx/dt = u(x, t), RK4 in 24 steps, with the i-cfm model as u",
  fm: "the same ODE, with the flow-matching model that `npm run weights` trains (i-cfm)"
};

/** Before the first frame, and in print (no worker): the data alone. */
export type FamilySamplersStill = {still: true; data: Float32Array};
type Frame = FamilySamplersFrame | FamilySamplersStill;
const isLive = (f: Frame | undefined): f is FamilySamplersFrame => f !== undefined && !("still" in f);

/** The panel's box (the moons, and the noise they start from). */
const BOX = [-4.6, 5.6, -3.2, 3.2] as const;
const SIZE: readonly [number, number] = [440, 340];

/** Where the animation is, 0 to 1, at `clock` seconds into its cycle. */
export const progressAt = (clock: number) => Math.min(1, Math.max(0, clock / PLAY_SECONDS));

/**
 * The particles of `family` at progress p: linear interpolation between the two key frames around p (held before the
 * first and after the last). Undefined while the worker has not computed that family yet.
 */
export function particlesAt(frame: FamilySamplersFrame, family: Family, p: number): Float32Array | undefined {
  const f = FAMILIES.indexOf(family);
  const start = frame.offsets[f]!;
  const end = frame.offsets[f + 1]!;
  if (f >= frame.ready || end <= start) return undefined;
  const size = 2 * frame.n;
  const key = (k: number) => frame.keys.subarray(k * size, (k + 1) * size);
  let k = start;
  while (k + 1 < end && frame.times[k + 1]! <= p) k++;
  if (k + 1 >= end) return key(end - 1).slice();
  const t0 = frame.times[k]!;
  const t1 = frame.times[k + 1]!;
  const w = t1 > t0 ? (p - t0) / (t1 - t0) : 1;
  const a = key(k);
  const b = key(k + 1);
  return Float32Array.from(a, (v, i) => v + w * (b[i]! - v));
}

/**
 * The sampler of each family of deep generative models, played on TorchCFM's moons by the engine (worker task
 * family-samplers): pick a family (a row of the taxonomy table, by fragment or by the control) and its ~2 s animation
 * loops, from noise (or nothing) to samples, with one honest line saying what was run.
 */
export const familySamplers: DemoSpec<typeof familySamplersOptions, typeof state, Frame> = {
  id: "family-samplers",
  description: "each generative family's sampler as a 2 s animation on moons, computed by the engine",
  options: familySamplersOptions,
  state,
  controls: ["family"],
  player: true,
  examples: [
    {name: "autoregressive", state: {family: "autoregressive"}},
    {name: "energy-based", state: {family: "energy"}}
  ],
  task: (options) => ({task: "family-samplers", options}),
  snapshot({n, seed}) {
    return {still: true, data: new Float32Array(maybeDataset("torchcfm-moons").sample(n, rng(seed + 1)))};
  },
  render(frame, _options, {family}) {
    const box = document.createElement("div");
    box.className = "demo-stack";
    const live = isLive(frame);
    const f = FAMILIES.indexOf(family);
    const waiting = live && f >= frame.ready;
    const plot = figure({
      label: `the ${familyNames[family]} sampler on moons`,
      size: SIZE,
      equal: true,
      marginTop: 36,
      marginBottom: 8,
      marginLeft: 8,
      marginRight: 8,
      x: {domain: [BOX[0], BOX[1]], axis: null},
      y: {domain: [BOX[2], BOX[3]], axis: null},
      marks: [
        Plot.frame({stroke: "var(--fd-muted)", strokeOpacity: 0.4}),
        frame ? particles(frame.data, {color: "target", symbol: "diamond", r: 2.2, opacity: 0.25}) : null,
        Plot.text([`${familyNames[family]}${waiting ? ": computing…" : ""}`], {
          frameAnchor: "top-left",
          dy: -22,
          fontSize: 24,
          fontWeight: 600
        })
      ]
    });
    const caption = document.createElement("p");
    caption.className = "readout";
    caption.textContent = captions[family];
    box.append(plot, caption);
    return box;
  },
  renderKeys: ["family"],
  paint(layer, frame, _options, {family, clock}) {
    layer.clear();
    if (!isLive(frame)) return;
    const points = particlesAt(frame, family, progressAt(clock));
    if (points) paintParticles(layer, points, {color: "model", r: 2.6, opacity: 0.85, method: "path"});
  },
  advance({clock}, dt) {
    return {clock: (clock + dt) % CYCLE};
  },
  describe(frame, _options, {family, clock}) {
    const head = `the ${familyNames[family]} sampler on TorchCFM's moons: ${captions[family]}`;
    if (!isLive(frame)) return `${head} (computed by the engine's worker when the slide is shown)`;
    const f = FAMILIES.indexOf(family);
    if (f >= frame.ready) return `${head}; computing`;
    const pct = Math.round(100 * progressAt(clock));
    return (
      `${head}; ${frame.n} particles, ${pct} % of the way; the end points are ${frame.w2[f]!.toFixed(2)} from ` +
      `held-out moons in W2 (two data samples: ${frame.floor.toFixed(2)})`
    );
  }
};

export default familySamplers;

import * as Plot from "@observablehq/plot";
import {noGrad, tensor} from "../engine/autodiff/tensor.ts";
import {dataset} from "../engine/data/registry.ts";
import type {Flow} from "../engine/flows/flow.ts";
import {meanLogDets, normalizeStates, sampleStates, type LayerStates} from "../engine/flows/layer-states.ts";
import {boolean, choice, integer, number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {svgColor} from "./layers/conventions.ts";
import {figure} from "./layers/figure.ts";
import {paintParticles} from "./layers/particles.ts";
import {LAYERS, recording, shippedFlow} from "./nf/recording.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  n: integer(500, "held-out data points (and as many noise samples) sent through the flow", {min: 50, max: 2000}),
  seed: seed(1, "seed of the held-out points and of the noise samples")
};

const state = {
  k: number(LAYERS, `the state z_k shown: k = ${LAYERS} is the data side x, k = 0 the noise side z`, {
    min: 0,
    max: LAYERS,
    step: 1
  }),
  direction: choice(
    ["normalize", "sample"],
    "normalize",
    "normalize: held-out data down through g = f⁻¹; sample: fresh noise up through f"
  ),
  bars: boolean(false, "the batch mean of log|det J_{f_k}| of each layer, as bars")
};

export type NormalizeLayersOptions = Values<typeof options>;
export type NormalizeLayersState = Values<typeof state>;

/** Both runs through the flow, layer by layer: held-out data down (normalizing), fresh noise up (sampling). */
export interface NormalizeLayersFrame {
  n: number;
  down: LayerStates;
  up: LayerStates;
  /** Batch means of log|det J_{f_k}(z_{k−1})|, k = 1 … K, for each run. */
  downBars: number[];
  upBars: number[];
  /** Batch mean of log|det J_f(z_0)| computed by one pass of the whole flow (f.normalize / f.generate). */
  downTotal: number;
  upTotal: number;
  /** Batch mean of log N(z_k; 0, I) for every state z_0 … z_K of each run. */
  downLogN: number[];
  upLogN: number[];
}

/** The plane of the points panel: it holds every intermediate state of the shipped flow, moons included. */
export const PLANE = [-4.5, 5.5, -5, 5] as const;

const LOG_2PI = Math.log(2 * Math.PI);

/** Mean of log N(z; 0, I₂) over flat n×2 points. */
export function meanLogNormal(z: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += -0.5 * (z[2 * i]! ** 2 + z[2 * i + 1]! ** 2) - LOG_2PI;
  return s / n;
}

function mean(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

/** Per-point log|det J_f(z_0)| by one pass of the whole flow, from the data side (normalize) or the noise side. */
function onePass(f: Flow, p: Float64Array, n: number, how: "normalize" | "generate"): Float64Array {
  return noGrad(() => {
    const t = tensor(p.slice(), n, 2);
    return how === "normalize" ? f.normalize(t).logDet.data.map((v) => -v) : f.generate(t).logDet.data.slice();
  });
}

let cached: {key: string; frame: NormalizeLayersFrame} | undefined;

/** The frame for these options, computed on the page once per options (2n points through K small layers). */
export function normalizeLayersFrame(o: NormalizeLayersOptions): NormalizeLayersFrame {
  const key = `${o.n}:${o.seed}`;
  if (cached?.key === key) return cached.frame;
  const f = shippedFlow();
  const random = rng(o.seed);
  const x = dataset(recording.dataset).sample(o.n, random);
  const z = random.fillNormal(new Float64Array(2 * o.n)) as Float64Array;
  const down = normalizeStates(f, x, o.n);
  const up = sampleStates(f, z, o.n);
  const frame: NormalizeLayersFrame = {
    n: o.n,
    down,
    up,
    downBars: meanLogDets(down),
    upBars: meanLogDets(up),
    downTotal: mean(onePass(f, x, o.n, "normalize")),
    upTotal: mean(onePass(f, z, o.n, "generate")),
    downLogN: down.states.map((s) => meanLogNormal(s, o.n)),
    upLogN: up.states.map((s) => meanLogNormal(s, o.n))
  };
  cached = {key, frame};
  return frame;
}

const SUB = "₀₁₂₃₄₅₆₇₈₉";
/** "z₁₂" for 12. */
export const sub = (k: number) => String(k).replace(/\d/g, (d) => SUB[Number(d)]!);
const fmt = (v: number) => (Math.abs(v) < 5e-4 ? "0.000" : v.toFixed(3)).replace("-", "−");

const stateIndex = (k: number) => Math.max(0, Math.min(LAYERS, Math.round(k)));

/** What the panel's state is called, in a few words. */
export function stateLabel(k: number, direction: NormalizeLayersState["direction"]): string {
  const K = LAYERS;
  if (direction === "normalize") {
    if (k === K) return `z${sub(K)} = x: data`;
    if (k === 0) return "z₀ = g(x)";
    return `z${sub(k)}: ${K - k} of ${K} layers of g`;
  }
  if (k === 0) return "z₀ ~ N(0, I): noise";
  if (k === K) return `x = f(z₀): samples`;
  return `z${sub(k)} = f${sub(k)}(z${sub(k - 1)})`;
}

/** Layers already crossed at state k, in the order they were applied (1-based generator indices). */
export function crossed(k: number, direction: NormalizeLayersState["direction"]): number[] {
  const K = LAYERS;
  return direction === "normalize"
    ? Array.from({length: K - k}, (_, i) => K - i)
    : Array.from({length: k}, (_, i) => i + 1);
}

/** The readout lines under the figure: the equation's terms at state k, computed. */
export function readouts(f: NormalizeLayersFrame, s: NormalizeLayersState): string[] {
  const k = stateIndex(s.k);
  const bars = s.direction === "normalize" ? f.downBars : f.upBars;
  const logN = (s.direction === "normalize" ? f.downLogN : f.upLogN)[k]!;
  const layers = crossed(k, s.direction);
  const partial = layers.reduce((a, j) => a + bars[j - 1]!, 0);
  if (s.direction === "normalize") {
    // log|det J_g| of the layers of g crossed so far = −Σ log|det J_{f_j}| over them.
    const lines = [`mean log N(z${sub(k)}; 0, I) = ${fmt(logN)} nats (${f.n} points)`];
    lines.push(
      k === 0
        ? `+ log|det J_g(x)| = ${fmt(-partial)} ⇒ log p_X(x) = ${fmt(logN - partial)}`
        : `log|det J_g| so far (${layers.length} layers) = ${fmt(-partial)}`
    );
    return lines;
  }
  return [
    `mean log N(z${sub(k)}; 0, I) = ${fmt(logN)} nats (${f.n} samples)`,
    `log|det J_f| so far (${layers.length} layers) = ${fmt(partial)}`
  ];
}

/** The bars' readout: their sum next to the one-pass total. */
export function barsReadout(f: NormalizeLayersFrame, s: NormalizeLayersState): string {
  const bars = s.direction === "normalize" ? f.downBars : f.upBars;
  const total = s.direction === "normalize" ? f.downTotal : f.upTotal;
  return `Σ of the ${bars.length} bars = ${fmt(bars.reduce((a, b) => a + b, 0))} · one pass of f: ${fmt(total)}`;
}

/** N(0, I)'s 1σ and 2σ circles, the shape the normalizing run should end in. */
function unitCircles(): Plot.Markish {
  const ring = (r: number) =>
    Array.from({length: 97}, (_, i) => [r * Math.cos((i * Math.PI) / 48), r * Math.sin((i * Math.PI) / 48)]);
  return [1, 2].map((r) =>
    Plot.line(ring(r), {x: "0", y: "1", stroke: svgColor("source"), strokeDasharray: "6 5", strokeWidth: 1.5})
  );
}

function pointsPanel(s: NormalizeLayersState, side: number): SVGSVGElement | HTMLElement {
  const k = stateIndex(s.k);
  return figure({
    label: `the state z${sub(k)} of the flow, ${s.direction === "normalize" ? "from data down" : "from noise up"}`,
    size: [side, side],
    equal: true,
    marginTop: 8,
    marginLeft: 8,
    marginRight: 8,
    marginBottom: 8,
    x: {domain: [PLANE[0], PLANE[1]], axis: null},
    y: {domain: [PLANE[2], PLANE[3]], axis: null},
    clip: true,
    marks: [
      Plot.frame({stroke: svgColor("muted"), strokeOpacity: 0.4}),
      unitCircles(),
      Plot.text([stateLabel(k, s.direction)], {
        frameAnchor: "top-left",
        dx: 10,
        dy: 10,
        fontSize: side < 400 ? 17 : 21,
        fill: svgColor("ink")
      }),
      Plot.text(["N(0, I): 1σ, 2σ"], {
        frameAnchor: "bottom-right",
        dx: -10,
        dy: -8,
        fontSize: 18,
        fill: svgColor("source")
      })
    ]
  }) as unknown as SVGSVGElement;
}

function barsPanel(f: NormalizeLayersFrame, s: NormalizeLayersState): Element {
  const k = stateIndex(s.k);
  const bars = s.direction === "normalize" ? f.downBars : f.upBars;
  const done = new Set(crossed(k, s.direction));
  const rows = bars.map((v, i) => ({layer: `f${sub(i + 1)}`, v, done: done.has(i + 1)}));
  const limit = Math.max(0.2, ...bars.map(Math.abs)) * 1.15;
  return figure({
    label: "batch mean of log|det J_{f_k}| per layer",
    size: [250, 240],
    marginLeft: 60,
    marginRight: 8,
    marginTop: 34,
    marginBottom: 34,
    x: {domain: rows.map((r) => r.layer), label: null, tickSize: 0, padding: 0.2},
    y: {domain: [-limit, limit], label: null, ticks: 5, grid: true},
    marks: [
      Plot.barY(rows, {
        x: "layer",
        y: "v",
        fill: (r: (typeof rows)[number]) => svgColor(r.v >= 0 ? "error" : "source"),
        fillOpacity: (r: (typeof rows)[number]) => (r.done ? 0.85 : 0.25)
      }),
      Plot.ruleY([0], {stroke: svgColor("ink")}),
      Plot.text(["mean log|det J_fₖ(zₖ₋₁)|"], {frameAnchor: "top-left", dy: -26, dx: -56, fontSize: 18})
    ]
  });
}

function line(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "readout";
  p.textContent = text;
  return p;
}

/**
 * D2.6-D2.7: the shipped flow (a flow trained on moons, engine/weights/realnvp-moons.json) run one layer at a time.
 * Held-out data go down through g = f⁻¹ until they are a round N(0, I) blob; "sample" sends fresh N(0, I) noise up
 * through f. The readout gives the terms of log p_X(x) = log N(g(x); 0, I) + log|det J_g(x)| at the state shown,
 * and with `bars` the batch mean of each layer's log|det J_{f_k}(z_{k−1})|, whose sum equals one pass of the flow.
 */
export const normalizeLayers: DemoSpec<typeof options, typeof state, NormalizeLayersFrame> = {
  id: "normalize-layers",
  description:
    "a trained flow run layer by layer: data to N(0, I) through g = f⁻¹, noise to data through f, log-dets per layer",
  options,
  state,
  controls: ["k", "direction"],
  renderKeys: ["k", "direction", "bars"],
  examples: [
    {name: "halfway down", state: {k: "3"}},
    {name: "sampling with bars", state: {direction: "sample", k: String(LAYERS), bars: "true"}}
  ],
  snapshot: (o) => normalizeLayersFrame(o),
  render(frame, _o, s) {
    const root = document.createElement("div");
    root.className = "demo-stack";
    if (!frame) return root;
    if (s.bars) {
      const panels = document.createElement("div");
      panels.className = "demo-panels panels-ltr";
      // The points panel first: it is the SVG the canvas layer covers (the first one in document order).
      panels.append(pointsPanel(s, 240), barsPanel(frame, s));
      root.append(panels, ...readouts(frame, s).map(line), line(barsReadout(frame, s)));
    } else {
      root.append(pointsPanel(s, 440), ...readouts(frame, s).map(line));
    }
    return root;
  },
  paint(layer, frame, _o, s) {
    if (!frame) return;
    const run = s.direction === "normalize" ? frame.down : frame.up;
    const k = Math.max(0, Math.min(LAYERS, s.k));
    const lo = Math.floor(k);
    const hi = Math.min(LAYERS, lo + 1);
    const w = k - lo;
    const a = run.states[lo]!;
    const b = run.states[hi]!;
    const pts = w === 0 ? a : a.map((v, i) => (1 - w) * v + w * b[i]!);
    const near = Math.round(k);
    const data = s.direction === "normalize" && near === LAYERS;
    const noise = s.direction === "sample" && near === 0;
    paintParticles(layer, pts, {
      color: data ? "target" : noise ? "source" : "model",
      symbol: data ? "diamond" : "circle",
      r: 2.2,
      opacity: 0.6
    });
  },
  describe(frame, o, s) {
    const k = stateIndex(s.k);
    const what =
      s.direction === "normalize"
        ? `${o.n} held-out moons points sent down through g = f⁻¹ of a trained ${LAYERS}-layer flow`
        : `${o.n} fresh N(0, I) samples sent up through f of a trained ${LAYERS}-layer flow`;
    if (!frame) return what;
    const parts = [what, `state shown: ${stateLabel(k, s.direction)}`, ...readouts(frame, s)];
    if (s.bars) {
      const bars = s.direction === "normalize" ? frame.downBars : frame.upBars;
      parts.push(`bars per layer: ${bars.map((v, i) => `f${sub(i + 1)} ${fmt(v)}`).join(", ")}`, barsReadout(frame, s));
    }
    return parts.join("; ");
  }
};

export default normalizeLayers;

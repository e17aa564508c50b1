import * as Plot from "@observablehq/plot";
import {powerIteration, powerState, singularValue2} from "../engine/flows/spectral.ts";
import {number, seed, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {figure, handles} from "./layers/index.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {
  seed: seed(3, "seed of the random unit start vectors a⁽⁰⁾, v⁽⁰⁾")
};

const entry = (value: number, name: string) =>
  number(value, `the entry ${name} of W (drag the column's handle)`, {min: -2, max: 2, step: 0.05});
/** The last iteration drawn. */
export const MAX_STEPS = 12;
const state = {
  w11: entry(1.3, "w₁₁"),
  w21: entry(-0.4, "w₂₁"),
  w12: entry(0.6, "w₁₂"),
  w22: entry(0.8, "w₂₂"),
  steps: number(0, "power-iteration steps taken", {min: 0, max: MAX_STEPS, step: 1}),
  c: number(0.9, "the per-layer cap c of W̃ = W / max(1, σ̂/c)", {min: 0.3, max: 1, step: 0.01})
};

/** Options of `power-iteration`. */
export type PowerIterationOptions = Values<typeof options>;
/** State of `power-iteration`. */
export type PowerIterationState = Values<typeof state>;

/** The plane drawn. */
export const EXTENT = [-2.2, 2.2, -2.2, 2.2] as const;
/** Points of the unit circle and of its image. */
const RING = 180;

/** Everything one setting of W shows. */
export interface PowerIterationFrame {
  /** Row-major [w₁₁, w₁₂, w₂₁, w₂₂]. */
  w: Float64Array;
  /** The exact largest singular value (engine singularValue2). */
  sigmaMax: number;
  /** σ̂ after k = 0 … MAX_STEPS steps (k = 0: the random start's aᵀWv). */
  estimates: number[];
  /** v⁽ᵏ⁾ for every k, [MAX_STEPS + 1, 2]. */
  vs: Float64Array;
  /** The image of the unit circle, [RING, 2]. */
  ellipse: Float64Array;
  /** The ellipse's longest semi-axis as a vector W v₁ (v₁ the top right-singular vector), length σ_max. */
  axis: [number, number];
  steps: number;
  c: number;
}

/** The power iteration from the seeded start, one engine call of one step at a time (the same persisted a, v). */
export function estimatesOf(w: Float64Array, seedValue: number): {estimates: number[]; vs: Float64Array} {
  const st = powerState(2, 2, rng(seedValue));
  const estimates = [powerIteration(w, 2, 2, st, 0)];
  const vs = new Float64Array(2 * (MAX_STEPS + 1));
  vs.set(st.v, 0);
  for (let k = 1; k <= MAX_STEPS; k++) {
    estimates.push(powerIteration(w, 2, 2, st, 1));
    vs.set(st.v, 2 * k);
  }
  return {estimates, vs};
}

/** The frame: a few dozen 2×2 products, on the page. */
export function computeFrame(o: PowerIterationOptions, s: PowerIterationState): PowerIterationFrame {
  const w = Float64Array.of(s.w11, s.w12, s.w21, s.w22);
  const sigmaMax = singularValue2(s.w11, s.w12, s.w21, s.w22);
  const {estimates, vs} = estimatesOf(w, o.seed);
  const ellipse = new Float64Array(2 * RING);
  let axis: [number, number] = [0, 0];
  let longest = -1;
  for (let i = 0; i < RING; i++) {
    const t = (2 * Math.PI * i) / RING;
    const [x, y] = [s.w11 * Math.cos(t) + s.w12 * Math.sin(t), s.w21 * Math.cos(t) + s.w22 * Math.sin(t)];
    ellipse[2 * i] = x;
    ellipse[2 * i + 1] = y;
  }
  // The longest semi-axis: the top eigenvector of WᵀW (closed form), mapped by W.
  const [p, q, r, t] = [s.w11, s.w12, s.w21, s.w22];
  const [m11, m12, m22] = [p * p + r * r, p * q + r * t, q * q + t * t];
  const angle = 0.5 * Math.atan2(2 * m12, m11 - m22);
  const v1: [number, number] = [Math.cos(angle), Math.sin(angle)];
  axis = [p * v1[0] + q * v1[1], r * v1[0] + t * v1[1]];
  longest = Math.hypot(...axis);
  if (!(Math.abs(longest - sigmaMax) <= 1e-9 * Math.max(1, sigmaMax))) {
    throw new Error(`power-iteration: semi-axis ${longest} disagrees with σ_max ${sigmaMax}`);
  }
  return {w, sigmaMax, estimates, vs, ellipse, axis, steps: Math.round(s.steps), c: s.c};
}

const sci = (v: number) => (v === 0 ? "0" : v.toExponential(1).replace("e-", "e−").replace("e+", "e"));

/** ">" while ‖W̃‖₂ is visibly above c (at the four decimals printed), "≈" once within them, "≤" when below. */
const relation = (normalised: number, c: number) => (normalised - c > 5e-5 ? ">" : normalised > c ? "≈" : "≤");

/** The readout: σ̂ after k steps against σ_max, and what the normalised W̃ really has. */
export function readoutLines(f: PowerIterationFrame): [string, string] {
  const k = f.steps;
  const est = f.estimates[k]!;
  const normalised = f.sigmaMax / Math.max(1, est / f.c);
  const gap = f.sigmaMax - est;
  return [
    `step ${k}: σ̂ = ${est.toFixed(4)} ≤ σ_max = ${f.sigmaMax.toFixed(4)} (gap ${sci(Math.max(0, gap))})`,
    `W̃ = W / max(1, σ̂/c): ‖W̃‖₂ = ${normalised.toFixed(4)} ${relation(normalised, f.c)} c = ${f.c.toFixed(2)}`
  ];
}

function describeFrame(f: PowerIterationFrame): string {
  const [a, b] = readoutLines(f);
  const [p, q, r, s] = f.w;
  return (
    `The unit circle and its image under W = [[${p!.toFixed(2)}, ${q!.toFixed(2)}], [${r!.toFixed(2)}, ${s!.toFixed(2)}]], ` +
    `an ellipse whose longest semi-axis is σ_max; the power iterate v and Wv after ${f.steps} steps, and σ̂ against the ` +
    `step number. ${a}. ${b}.`
  );
}

/**
 * D2.19: power iteration for the largest singular value of a 2×2 W. The unit circle's image W·S¹ is an ellipse whose
 * longest semi-axis is σ_max (exact, engine singularValue2); the iterate v⁽ᵏ⁾ on the circle and W v⁽ᵏ⁾ on the
 * ellipse climb towards it, and σ̂ = aᵀWv approaches σ_max from below. The columns of W (the images of e₁, e₂) are
 * draggable.
 */
export const powerIterationDemo: DemoSpec<typeof options, typeof state, PowerIterationFrame> = {
  id: "power-iteration",
  description: "Power iteration: σ̂ = aᵀWv climbs to σ_max, the longest semi-axis of the unit circle's image under W",
  options,
  state,
  controls: ["steps", "c", "seed"],
  player: true,
  drag: {e1: ["w11", "w21"], e2: ["w12", "w22"]},
  examples: [
    {name: "first step", state: {steps: "1"}},
    {name: "nearly equal singular values", state: {w11: "1", w21: "0.1", w12: "0.1", w22: "0.9", steps: "4"}}
  ],
  snapshot: (o, s) => computeFrame(o, s),
  advance: ({steps}, dt) => (steps >= MAX_STEPS ? undefined : {steps: Math.min(MAX_STEPS, steps + dt * 1.5)}),
  render(frame, o, s) {
    const f = frame ?? computeFrame(o, s);
    const description = describeFrame(f);
    const k = f.steps;
    const v = [f.vs[2 * k]!, f.vs[2 * k + 1]!];
    const wv = [f.w[0]! * v[0]! + f.w[1]! * v[1]!, f.w[2]! * v[0]! + f.w[3]! * v[1]!];
    const ring = Array.from({length: RING + 1}, (_, i) => i % RING);
    const plane = figure({
      label: "the unit circle, its image under W and the power iterate",
      description,
      size: [340, 340],
      equal: true,
      marginLeft: 46,
      marginBottom: 34,
      marginTop: 12,
      marginRight: 8,
      clip: true,
      x: {domain: [EXTENT[0], EXTENT[1]], label: null, ticks: 5},
      y: {domain: [EXTENT[2], EXTENT[3]], label: null, ticks: 5},
      marks: [
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        Plot.line(ring, {
          x: (i: number) => Math.cos((2 * Math.PI * i) / RING),
          y: (i: number) => Math.sin((2 * Math.PI * i) / RING),
          stroke: palette.muted,
          strokeWidth: 2
        }),
        Plot.line(ring, {
          x: (i: number) => f.ellipse[2 * i],
          y: (i: number) => f.ellipse[2 * i + 1],
          stroke: palette.model,
          strokeWidth: 2.5,
          fill: palette.model,
          fillOpacity: 0.08
        }),
        Plot.link([f.axis, [-f.axis[0], -f.axis[1]]], {
          x1: 0,
          y1: 0,
          x2: (d: number[]) => d[0],
          y2: (d: number[]) => d[1],
          stroke: palette.marginal,
          strokeWidth: 3
        }),
        Plot.arrow([wv], {
          x1: 0,
          y1: 0,
          x2: (d: number[]) => d[0],
          y2: (d: number[]) => d[1],
          stroke: palette.model,
          strokeWidth: 3,
          headLength: 12
        }),
        Plot.arrow([v], {
          x1: 0,
          y1: 0,
          x2: (d: number[]) => d[0],
          y2: (d: number[]) => d[1],
          stroke: palette.source,
          strokeWidth: 3,
          headLength: 12
        }),
        Plot.text([v], {
          x: (d: number[]) => d[0],
          y: (d: number[]) => d[1],
          text: () => "v",
          dx: 18 * Math.sign(v[0]! || 1),
          dy: -18 * Math.sign(v[1]! || 1),
          fill: palette.source,
          fontSize: 22,
          fontStyle: "italic"
        }),
        Plot.text([wv], {
          x: (d: number[]) => d[0],
          y: (d: number[]) => d[1],
          text: () => "Wv",
          dx: 22 * Math.sign(wv[0]! || 1),
          dy: -18 * Math.sign(wv[1]! || 1),
          fill: palette.model,
          fontSize: 22,
          fontStyle: "italic"
        }),
        handles([
          {name: "e1", x: f.w[0]!, y: f.w[2]!, label: "W e₁, the first column of W"},
          {name: "e2", x: f.w[1]!, y: f.w[3]!, label: "W e₂, the second column of W"}
        ])
      ]
    });
    const shown = f.estimates.map((e, i) => ({i, e})).slice(0, k + 1);
    const low = Math.min(0, ...f.estimates);
    const strip = figure({
      label: "σ̂ against the number of power-iteration steps",
      description,
      size: [250, 340],
      marginLeft: 58,
      marginBottom: 52,
      marginTop: 12,
      marginRight: 10,
      x: {domain: [0, MAX_STEPS], label: "step", ticks: 3},
      y: {domain: [low, f.sigmaMax * 1.08], label: null, ticks: 4},
      marks: [
        Plot.ruleY([f.sigmaMax], {stroke: palette.marginal, strokeWidth: 2.5, strokeDasharray: "7 5"}),
        Plot.text(["σ_max"], {
          x: MAX_STEPS,
          y: f.sigmaMax,
          textAnchor: "end",
          dy: -14,
          fill: palette.marginal,
          fontSize: 20
        }),
        Plot.line(shown, {x: "i", y: "e", stroke: palette.model, strokeWidth: 2.5}),
        Plot.dot(shown, {x: "i", y: "e", fill: palette.model, r: 4}),
        Plot.text([shown.at(-1)!], {x: "i", y: "e", text: () => "σ̂", dx: 14, dy: 14, fill: palette.model, fontSize: 22})
      ]
    });
    const root = document.createElement("div");
    root.className = "demo-stack";
    const readout = document.createElement("p");
    readout.className = "readout";
    const [a, b] = readoutLines(f);
    readout.append(a, document.createElement("br"), b);
    const row = document.createElement("div");
    row.className = "demo-panels panels-ltr panels-natural";
    row.append(plane, strip);
    root.append(readout, row);
    // The handles are dragged through the plane's scales (the runtime reads them from the root).
    return Object.assign(root, {scale: (name: string) => plane.scale(name as "x")});
  },
  describe: (frame, o, s) => describeFrame(frame ?? computeFrame(o, s))
};

export default powerIterationDemo;

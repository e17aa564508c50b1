import * as Plot from "@observablehq/plot";
import type {FieldPreset, FieldPresetName} from "../engine/fields/presets.ts";
import {rk4} from "../engine/ode/rk4.ts";
import {number, type Values} from "../engine/options/schema.ts";
import {FIELD_EXTENT, fieldGrid, presetField, presetOption, presetText} from "./fields/presets.ts";
import {densityRaster, figure, handles, paintArrowField, paintParticles, type Grid} from "./layers/index.ts";
import {signMarks, zeroCrossings} from "./layers/sign-map.ts";
import {palette} from "./runtime/palette.ts";
import type {CanvasLayer, DemoSpec} from "./runtime/spec.ts";
import {playClock} from "./runtime/clock.ts";

const options = {};

const state = {
  preset: presetOption<FieldPresetName>("two-well", "the velocity field u_t(x)"),
  strength: number(0.5, "the field's strength k", {min: 0.2, max: 2, step: 0.05}),
  px: number(0.3, "centre of the probe disk at t = 0, x", {min: -2.5, max: 2.5, step: 0.05}),
  py: number(1.2, "centre of the probe disk at t = 0, y", {min: -2.5, max: 2.5, step: 0.05}),
  r: number(0.2, "radius of the probe disk at t = 0", {min: 0.02, max: 0.6, step: 0.01}),
  t: number(0, "time t: the disk is carried by the flow from 0 to t", {min: 0, max: 1, step: 0.01})
};

export type DivergenceProbeState = Values<typeof state>;

/** Particles of the disk: BOUNDARY on its rim (in order, the polygon whose area we measure), then the inside. */
export const BOUNDARY = 60;
const RINGS = [8, 16, 24];
export const PARTICLES = BOUNDARY + 1 + RINGS.reduce((a, b) => a + b, 0);
/** Saved times t_k = k / STEPS, with SUBSTEPS RK4 steps between two of them. */
export const STEPS = 100;
const SUBSTEPS = 2;
const NGRID = 64;

/** The disk's particles at t = 0: the rim (counter-clockwise), the centre, then rings inside. */
export function diskParticles(cx: number, cy: number, r: number): Float64Array {
  const out = new Float64Array(2 * PARTICLES);
  let k = 0;
  const put = (x: number, y: number) => {
    out[k++] = x;
    out[k++] = y;
  };
  for (let i = 0; i < BOUNDARY; i++) {
    const a = (2 * Math.PI * i) / BOUNDARY;
    put(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  put(cx, cy);
  RINGS.forEach((count, ring) => {
    const rr = (r * (ring + 1)) / (RINGS.length + 1);
    for (let i = 0; i < count; i++) {
      const a = (2 * Math.PI * (i + 0.5 * ring)) / count;
      put(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
    }
  });
  return out;
}

/** The shoelace area of the rim polygon (the first BOUNDARY points of `xy`, starting at `offset`). */
export function rimArea(xy: Float64Array, offset = 0): number {
  let s = 0;
  for (let i = 0; i < BOUNDARY; i++) {
    const j = (i + 1) % BOUNDARY;
    s += xy[offset + 2 * i]! * xy[offset + 2 * j + 1]! - xy[offset + 2 * j]! * xy[offset + 2 * i + 1]!;
  }
  return s / 2;
}

/**
 * d/dt of the rim polygon's area when each vertex moves with its velocity v_i = u_t(x_i): the derivative of the
 * shoelace formula, ½ Σ (v_i × x_{i+1} + x_i × v_{i+1}). Divided by the area it is the measured d/dt log 𝒱.
 */
export function rimAreaRate(xy: Float64Array, v: Float64Array, offset = 0): number {
  let s = 0;
  for (let i = 0; i < BOUNDARY; i++) {
    const j = (i + 1) % BOUNDARY;
    const [xi, yi, xj, yj] = [
      xy[offset + 2 * i]!,
      xy[offset + 2 * i + 1]!,
      xy[offset + 2 * j]!,
      xy[offset + 2 * j + 1]!
    ];
    const [ui, vi, uj, vj] = [v[2 * i]!, v[2 * i + 1]!, v[2 * j]!, v[2 * j + 1]!];
    s += ui * yj + xi * vj - uj * yi - xj * vi;
  }
  return s / 2;
}

/** Everything the figure needs for one field and disk: the divergence heatmap and the disk at every saved time. */
export interface DivergenceProbeFrame {
  field: FieldPreset;
  /** ∇·u on the grid (cell centres) at t = 0; every preset's divergence is constant in time. */
  divergence: Grid;
  maxAbs: number;
  /** Particle positions at t_k = k / STEPS: STEPS + 1 blocks of 2 · PARTICLES numbers. */
  path: Float64Array;
  /** Per saved time: the rim's area, the measured d/dt log 𝒱 and ∇·u at the centre particle. */
  area: Float64Array;
  rate: Float64Array;
  centreDivergence: Float64Array;
}

/** Carries the disk through the preset with RK4 and measures it at every saved time. */
export function computeProbe(s: Omit<DivergenceProbeState, "t">): DivergenceProbeFrame {
  const field = presetField(s.preset, s.strength);
  const [x0, x1, y0, y1] = FIELD_EXTENT;
  const points = new Float64Array(2 * NGRID * NGRID);
  for (let j = 0; j < NGRID; j++)
    for (let i = 0; i < NGRID; i++) {
      points[2 * (j * NGRID + i)] = x0 + ((i + 0.5) * (x1 - x0)) / NGRID;
      points[2 * (j * NGRID + i) + 1] = y0 + ((j + 0.5) * (y1 - y0)) / NGRID;
    }
  const values = new Float64Array(NGRID * NGRID);
  field.divergence(values, points, NGRID * NGRID, 0);
  let maxAbs = 0;
  for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));

  const n = PARTICLES;
  const y = diskParticles(s.px, s.py, s.r);
  const path = new Float64Array((STEPS + 1) * 2 * n);
  const area = new Float64Array(STEPS + 1);
  const rate = new Float64Array(STEPS + 1);
  const centreDivergence = new Float64Array(STEPS + 1);
  const velocity = new Float64Array(2 * n);
  const div = new Float64Array(1);
  const stepper = rk4();
  const f = (out: Float64Array, state: Float64Array, t: number) => field.velocity(out, state, n, t);
  const dt = 1 / (STEPS * SUBSTEPS);
  for (let k = 0; k <= STEPS; k++) {
    const t = k / STEPS;
    if (k > 0) for (let m = 0; m < SUBSTEPS; m++) stepper.step(f, y, t - 1 / STEPS + m * dt, dt, y);
    path.set(y, k * 2 * n);
    field.velocity(velocity, y, n, t);
    area[k] = rimArea(y);
    rate[k] = rimAreaRate(y, velocity) / area[k]!;
    field.divergence(div, y.subarray(2 * BOUNDARY, 2 * BOUNDARY + 2), 1, t);
    centreDivergence[k] = div[0]!;
  }
  return {
    field,
    divergence: {nx: NGRID, ny: NGRID, extent: FIELD_EXTENT, values},
    maxAbs,
    path,
    area,
    rate,
    centreDivergence
  };
}

/** A saved quantity at time t, linearly interpolated between saved times. */
export function at(values: Float64Array, t: number): number {
  const x = Math.min(Math.max(t, 0), 1) * STEPS;
  const k = Math.min(Math.floor(x), STEPS - 1);
  return values[k]! + (x - k) * (values[k + 1]! - values[k]!);
}

/** The particles at time t (interpolated between saved times). */
export function particlesAt(f: DivergenceProbeFrame, t: number, out = new Float64Array(2 * PARTICLES)): Float64Array {
  const x = Math.min(Math.max(t, 0), 1) * STEPS;
  const k = Math.min(Math.floor(x), STEPS - 1);
  const w = x - k;
  const a = k * 2 * PARTICLES;
  const b = a + 2 * PARTICLES;
  for (let i = 0; i < 2 * PARTICLES; i++) out[i] = (1 - w) * f.path[a + i]! + w * f.path[b + i]!;
  return out;
}

const fmt = (v: number, digits = 3) => v.toFixed(digits).replace("-", "−");

/** The two readout lines at time t. */
export function readoutLines(f: DivergenceProbeFrame, t: number): [string, string] {
  const area = at(f.area, t);
  return [
    `area 𝒱 = ${area.toPrecision(3)} (×${(area / f.area[0]!).toPrecision(3)} since t = 0)`,
    `d/dt log 𝒱 = ${fmt(at(f.rate, t))} · ∇·u = ${fmt(at(f.centreDivergence, t))}`
  ];
}

const READOUT = 62;
/** Colours and arrow lengths saturate: tanh(|v| / SATURATION), so the small values near the disk stay visible. */
const SATURATION = 2;

/** The grid's velocities shortened to length SATURATION · tanh(|v| / SATURATION), directions kept. */
function saturated(grid: Grid): Grid {
  const values = Float64Array.from(grid.values);
  for (let i = 0; i < values.length; i += 2) {
    const speed = Math.hypot(values[i]!, values[i + 1]!);
    const k = speed > 0 ? (SATURATION * Math.tanh(speed / SATURATION)) / speed : 0;
    values[i]! *= k;
    values[i + 1]! *= k;
  }
  return {...grid, values};
}
const scratch = new Float64Array(2 * PARTICLES);

/**
 * Divergence as the local expansion rate (lecture D3.11): the exact divergence ∇·u of a preset as a heatmap (red
 * and "+" where it is positive, the flow spreads; blue and "−" where negative, it gathers; a labelled line where it
 * is 0) under the field's arrows, and a draggable
 * disk of ~100 particles carried by the flow (RK4): the rim polygon's area 𝒱, its measured rate d/dt log 𝒱 and ∇·u at
 * the disk's centre, which agree for a small disk. Computed on the page (109 particles × 200 RK4 steps).
 */
export const divergenceProbe: DemoSpec<typeof options, typeof state, DivergenceProbeFrame> = {
  id: "divergence-probe",
  description: "divergence as expansion rate: a disk of particles carried by a field grows or shrinks at the rate ∇·u",
  options,
  state,
  controls: ["preset", "strength", "r", "t"],
  player: true,
  drag: {probe: ["px", "py"]},
  renderKeys: ["preset", "strength", "px", "py", "r"],
  examples: [
    {name: "two-well at t = 0.5", state: {t: "0.5"}},
    {name: "rotation", state: {preset: "rotation", px: "1.2", py: "0.6", t: "0.6"}},
    {name: "spiral", state: {preset: "spiral", strength: "1", px: "1.5", py: "0", r: "0.4", t: "0.5"}}
  ],
  snapshot: (_o, s) => computeProbe(s),
  render(frame, _o, s) {
    const f = frame ?? computeProbe(s);
    const shade = (sign: number) => ({
      ...f.divergence,
      values: Float64Array.from(f.divergence.values, (v) => Math.max(0, Math.tanh((sign * v) / SATURATION)))
    });
    const circle = Array.from({length: 73}, (_, i) => ({
      x: s.px + s.r * Math.cos((2 * Math.PI * i) / 72),
      y: s.py + s.r * Math.sin((2 * Math.PI * i) / 72)
    }));
    return figure({
      label: "the divergence of a velocity field as a heatmap, with a disk of particles carried by the flow",
      description: describeProbe(f, s),
      size: [600, 460],
      equal: true,
      marginTop: READOUT,
      marginBottom: 64,
      marginLeft: 48,
      x: {domain: [FIELD_EXTENT[0], FIELD_EXTENT[1]], label: null},
      y: {domain: [FIELD_EXTENT[2], FIELD_EXTENT[3]], label: null},
      marks: [
        densityRaster(shade(1), {color: "error", opacity: 0.6, max: 1}),
        densityRaster(shade(-1), {color: "source", opacity: 0.6, max: 1}),
        ...divergenceSigns(f.divergence),
        Plot.frame({stroke: palette.muted, strokeOpacity: 0.5}),
        Plot.line(circle, {x: "x", y: "y", stroke: palette.muted, strokeWidth: 2, strokeDasharray: "5 4"}),
        Plot.text([`+ red: ∇·u > 0 spreads · − blue: < 0 gathers`], {
          frameAnchor: "bottom",
          dy: 58,
          fill: palette.ink,
          pointerEvents: "none"
        }),
        handles([{name: "probe", x: s.px, y: s.py, label: "centre of the probe disk at t = 0", color: "source"}])
      ]
    });
  },
  paint(layer: CanvasLayer, frame, _o, s) {
    if (!frame) return;
    paintArrowField(layer, saturated(fieldGrid(frame.field, s.t, 13)), {
      kind: "muted",
      opacity: 0.6,
      strokeWidth: 1.5,
      speed: SATURATION
    });
    const xy = particlesAt(frame, s.t, scratch);
    const c = layer.context;
    c.beginPath();
    for (let i = 0; i < BOUNDARY; i++) {
      const [x, y] = [layer.x(xy[2 * i]!), layer.y(xy[2 * i + 1]!)];
      if (i === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    }
    c.closePath();
    const color = s.t > 0 ? "model" : "source";
    c.fillStyle = layer.color(color);
    c.globalAlpha = 0.2;
    c.fill();
    c.globalAlpha = 1;
    c.strokeStyle = layer.color(color);
    c.lineWidth = 2.5;
    c.stroke();
    paintParticles(layer, xy, {color, r: 2.5, opacity: 0.9});
    const [first, second] = readoutLines(frame, s.t);
    c.font = "20px sans-serif";
    c.fillStyle = layer.color("ink");
    c.textBaseline = "top";
    const left = layer.x(FIELD_EXTENT[0]) - 6;
    const top = layer.y(FIELD_EXTENT[3]) - READOUT + 6;
    c.fillText(first, left, top);
    c.fillText(second, left, top + 26);
    c.textBaseline = "bottom";
    c.fillText(`t = ${s.t.toFixed(2)}`, layer.x(FIELD_EXTENT[0]) + 8, layer.y(FIELD_EXTENT[2]) - 8);
  },
  advance: playClock(5),
  describe(frame, _o, s) {
    return describeProbe(frame ?? computeProbe(s), s);
  }
};

function describeProbe(f: DivergenceProbeFrame, s: DivergenceProbeState): string {
  const [first, second] = readoutLines(f, s.t);
  return (
    `The divergence of ${presetText[s.preset]} (k = ${s.strength}) as a heatmap, red with "+" where ` +
    `positive, blue with "−" where negative${zeroText(f.divergence)}, and a disk of ${PARTICLES} particles of radius ${s.r} that started at ` +
    `(${s.px.toFixed(2)}, ${s.py.toFixed(2)}) carried by the flow. ${first}; ${second}.`
  );
}

export default divergenceProbe;

/** |∇·u| at which a sign glyph is drawn: where the tint is at least tanh(1/4) of full. */
const GLYPH_AT = SATURATION / 4;
/** |∇·u| counted as 0 by the zero line (a rotation's divergence is 0 up to rounding: no line). */
const ZERO = 1e-9 * GLYPH_AT;

/** The sign glyphs and the zero line of the divergence map. */
function divergenceSigns(divergence: Grid): Plot.Markish[] {
  return signMarks(divergence, {label: "∇·u = 0", glyphAt: GLYPH_AT, tolerance: ZERO});
}

/** " and a line where it is 0" when the map changes sign (as its zero line is then drawn). */
function zeroText(divergence: Grid): string {
  return zeroCrossings(divergence, ZERO).length > 0 ? " and a line where it is 0" : "";
}

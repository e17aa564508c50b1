import * as Plot from "@observablehq/plot";
import {traceCrossing, type TraceCrossing} from "../engine/fields/crossing.ts";
import {flowPaths, flowPoints} from "../engine/fields/flow-points.ts";
import type {FieldPresetName} from "../engine/fields/presets.ts";
import {boolean, number, type Values} from "../engine/options/schema.ts";
import {arrowField} from "./layers/arrows.ts";
import {range} from "./layers/data.ts";
import {figure} from "./layers/figure.ts";
import {gridLines, warpedGrid, type GridLines} from "./layers/warped-grid.ts";
import {FIELD_EXTENT, fieldGrid, presetField, presetOption, presetText} from "./fields/presets.ts";
import {palette} from "./runtime/palette.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const options = {};

const state = {
  preset: presetOption<FieldPresetName>("two-well"),
  t: number(0, "time t of the flow map φ_t", {min: 0, max: 1, step: 0.01}),
  reverse: boolean(false, "run the ODE backward from t to 0 and show where the grid lands")
};

/** State of `flow-map`. */
export type FlowMapState = Values<typeof state>;

/** RK4 steps per unit of time for a field without an exact flow map (every preset now has one). */
export const STEPS_PER_UNIT = 200;
/** Samples of the pair's paths over [0, 1]. */
const SAMPLES = 100;
/** The crossing test's pair: sent toward each other along x₁ = 0 (the drift preset starts them 0.3 apart instead). */
export function pairOf(preset: FieldPresetName): [[number, number], [number, number]] {
  return preset === "drift"
    ? [
        [0, 0],
        [0, 0.3]
      ]
    : [
        [0, 2.4],
        [0, -2.4]
      ];
}

/** The smiley: face, two eyes, mouth, as polylines [lines, points, 2] like grid lines. */
function smiley(): GridLines {
  const points = 41;
  const [cx, cy] = [1.2, -1.3];
  const parts: [number, number, number, number, number][] = [
    [cx, cy, 0.9, 0, 2 * Math.PI],
    [cx - 0.32, cy + 0.28, 0.13, 0, 2 * Math.PI],
    [cx + 0.32, cy + 0.28, 0.13, 0, 2 * Math.PI],
    [cx, cy + 0.05, 0.5, 1.15 * Math.PI, 1.85 * Math.PI]
  ];
  const values = new Float64Array(2 * parts.length * points);
  parts.forEach(([x, y, r, a0, a1], l) => {
    for (let j = 0; j < points; j++) {
      const a = a0 + ((a1 - a0) * j) / (points - 1);
      values[2 * (l * points + j)] = x + r * Math.cos(a);
      values[2 * (l * points + j) + 1] = y + r * Math.sin(a);
    }
  });
  return {values, lines: parts.length, points};
}

const GRID = gridLines(FIELD_EXTENT, 11, 41);
const SMILEY = smiley();

/** Everything drawn, computed on the page from the preset's exact flow map. */
export interface FlowMapFrame {
  preset: FieldPresetName;
  t: number;
  exact: boolean;
  grid: GridLines;
  smiley: GridLines;
  /** The warped grid carried back from t to 0 by the backward ODE (only with `reverse`). */
  back?: GridLines;
  /** max |φ_t⁻¹(φ_t(x)) − x| over the grid's points (only with `reverse`). */
  backError?: number;
  /** The pair's paths [SAMPLES + 1, 2] at t_k = k / SAMPLES, and their positions at t. */
  pathA: Float64Array;
  pathB: Float64Array;
  pairAt: Float64Array;
  /** The pair's closest approach over [0, t] and the time it happens. */
  gap: number;
  gapTime: number;
  /** Where the two planar traces over [0, 1] meet, if they do, and when each particle passes there. */
  crossing?: TraceCrossing;
}

/** The pair's paths over [0, 1] and the crossing of their traces do not depend on t: computed once per preset. */
const pairs = new Map<FieldPresetName, {pathA: Float64Array; pathB: Float64Array; crossing?: TraceCrossing}>();

function pairOfPreset(preset: FieldPresetName) {
  const known = pairs.get(preset);
  if (known) return known;
  const field = presetField(preset);
  const [a, b] = pairOf(preset);
  const paths = flowPaths(field, new Float64Array([...a, ...b]), 2, SAMPLES, {stepsPerUnit: STEPS_PER_UNIT});
  const pathA = Float64Array.from({length: 2 * (SAMPLES + 1)}, (_, i) => paths[4 * (i >> 1) + (i & 1)]!);
  const pathB = Float64Array.from({length: 2 * (SAMPLES + 1)}, (_, i) => paths[4 * (i >> 1) + 2 + (i & 1)]!);
  const crossing = traceCrossing(field, a, b, {stepsPerUnit: STEPS_PER_UNIT, samples: SAMPLES});
  const entry = {pathA, pathB, ...(crossing && {crossing})};
  pairs.set(preset, entry);
  return entry;
}

const carry = (g: GridLines, field: ReturnType<typeof presetField>, s: number, t: number): GridLines => ({
  ...g,
  values: flowPoints(field, g.values as Float64Array, g.values.length / 2, s, t, {stepsPerUnit: STEPS_PER_UNIT})
});

/** The frame for a state (a few thousand points carried by the flow map: a few milliseconds). */
export function flowMapFrame(s: FlowMapState): FlowMapFrame {
  const field = presetField(s.preset);
  const grid = carry(GRID, field, 0, s.t);
  const [a, b] = pairOf(s.preset);
  const {pathA, pathB, crossing} = pairOfPreset(s.preset);
  const pairAt = flowPoints(field, new Float64Array([...a, ...b]), 2, 0, s.t, {stepsPerUnit: STEPS_PER_UNIT});
  let gap = Math.hypot(a[0] - b[0], a[1] - b[1]);
  let gapTime = 0;
  for (let k = 1; k <= Math.round(s.t * SAMPLES); k++) {
    const d = Math.hypot(pathA[2 * k]! - pathB[2 * k]!, pathA[2 * k + 1]! - pathB[2 * k + 1]!);
    if (d < gap - 1e-9) [gap, gapTime] = [d, k / SAMPLES];
  }
  const frame: FlowMapFrame = {
    preset: s.preset,
    t: s.t,
    exact: field.flowMap !== undefined,
    grid,
    smiley: carry(SMILEY, field, 0, s.t),
    pathA,
    pathB,
    pairAt,
    gap,
    gapTime,
    ...(crossing && {crossing})
  };
  if (s.reverse) {
    const back = carry(grid, field, s.t, 0);
    let err = 0;
    for (let i = 0; i < back.values.length; i++) err = Math.max(err, Math.abs(back.values[i]! - GRID.values[i]!));
    frame.back = back;
    frame.backError = err;
  }
  return frame;
}

const fmt = (v: number, d = 2) => v.toFixed(d);

/** The readout lines under the figure. */
export function readouts(f: FlowMapFrame): string[] {
  const lines: string[] = [];
  if (f.crossing) {
    const c = f.crossing;
    lines.push(
      `traces cross at (${fmt(c.point[0])}, ${fmt(c.point[1])}): a passes at t = ${fmt(c.ta)}, b at t = ${fmt(c.tb)}`
    );
  } else {
    lines.push(`pair never meets: closest ${fmt(f.gap)} (at t = ${fmt(f.gapTime)})`);
  }
  if (f.backError !== undefined) {
    const how = f.exact ? "exact map" : `RK4, ${STEPS_PER_UNIT} steps per unit`;
    lines.push(`backward to t = 0: grid back within ${f.backError.toExponential(0)} (${how})`);
  }
  return lines;
}

const polyline = (values: Float64Array, n: number, options: Plot.LineOptions) =>
  Plot.line(range(n), {x: (i: number) => values[2 * i], y: (i: number) => values[2 * i + 1], ...options});

/** The plane: warped grid and smiley, the field's arrows at t, the pair's traces and the crossing point. */
function planePanel(f: FlowMapFrame): Element {
  const upTo = Math.round(f.t * SAMPLES) + 1;
  const [a, b] = pairOf(f.preset);
  return figure({
    label: `the plane at t = ${fmt(f.t)}: a grid and a smiley carried by φ_t`,
    size: [380, 380],
    equal: true,
    marginLeft: 8,
    marginRight: 8,
    marginTop: 8,
    marginBottom: 8,
    x: {domain: [FIELD_EXTENT[0], FIELD_EXTENT[1]], axis: null},
    y: {domain: [FIELD_EXTENT[2], FIELD_EXTENT[3]], axis: null},
    clip: true,
    marks: [
      Plot.frame({stroke: palette.muted, strokeOpacity: 0.4}),
      arrowField(fieldGrid(presetField(f.preset), f.t, 11), {kind: "marginal", opacity: 0.35, strokeWidth: 1.5}),
      f.back ? warpedGrid(f.back, {color: "source", strokeWidth: 2.5, opacity: 0.45}) : null,
      warpedGrid(f.grid, {color: "muted", strokeWidth: 1.1, opacity: 0.8}),
      warpedGrid(f.smiley, {color: "model", strokeWidth: 3, opacity: 0.95}),
      polyline(f.pathA, SAMPLES + 1, {stroke: palette.muted, strokeWidth: 1.5, strokeDasharray: "3 4"}),
      polyline(f.pathB, SAMPLES + 1, {stroke: palette.muted, strokeWidth: 1.5, strokeDasharray: "3 4"}),
      polyline(f.pathA, upTo, {stroke: palette.model, strokeWidth: 3}),
      polyline(f.pathB, upTo, {stroke: palette.model, strokeWidth: 3}),
      f.crossing
        ? Plot.dot([f.crossing.point], {x: "0", y: "1", r: 9, stroke: palette.error, strokeWidth: 3, fill: "none"})
        : null,
      Plot.dot([a, b], {x: "0", y: "1", r: 5, fill: palette.source}),
      Plot.dot([0, 1], {
        x: (i: number) => f.pairAt[2 * i],
        y: (i: number) => f.pairAt[2 * i + 1],
        r: 7,
        fill: palette.model,
        stroke: palette.bg,
        strokeWidth: 1.5
      }),
      Plot.text(["a", "b"], {
        x: (_: string, i: number) => [a, b][i]![0],
        y: (_: string, i: number) => [a, b][i]![1],
        dx: -16,
        fontSize: 22,
        fill: palette.ink
      })
    ]
  });
}

/** The pair's two paths, farther (larger mean x₂, deeper in the oblique view) first. */
function depthOrder(f: FlowMapFrame): Float64Array[] {
  const depth = (p: Float64Array) => p.reduce((sum, v, i) => (i % 2 === 1 ? sum + v : sum), 0);
  return depth(f.pathA) >= depth(f.pathB) ? [f.pathA, f.pathB] : [f.pathB, f.pathA];
}

/**
 * The pair in space–time: (x₁, x₂, t) in an oblique projection, t upward, the plane receding. The two curves never
 * touch; their shadows on the floor (the planar traces) may.
 */
function spaceTimePanel(f: FlowMapFrame): Element {
  const all = [...f.pathA, ...f.pathB];
  const xs = all.filter((_, i) => i % 2 === 0);
  const ys = all.filter((_, i) => i % 2 === 1);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(x1 - x0, y1 - y0, 0.5) * 1.1;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const X = (x: number, y: number) => (x - cx) / span + 0.45 * ((y - cy) / span);
  const Y = (y: number, t: number) => 1.7 * t + 0.35 * ((y - cy) / span);
  const at = (p: Float64Array, k: number, t: number) => [X(p[2 * k]!, p[2 * k + 1]!), Y(p[2 * k + 1]!, t)];
  const curve = (p: Float64Array, upTo: number, floor: boolean) =>
    range(upTo).map((k) => at(p, k, floor ? 0 : k / SAMPLES));
  const upTo = Math.round(f.t * SAMPLES) + 1;
  const corners = [
    [-0.5, -0.5],
    [0.5, -0.5],
    [0.5, 0.5],
    [-0.5, 0.5],
    [-0.5, -0.5]
  ].map(([u, v]) => [u! + 0.45 * v!, 0.35 * v!]);
  const line = (pts: number[][], o: Plot.LineOptions) => Plot.line(pts, {x: "0", y: "1", ...o});
  const c = f.crossing;
  const cross = c ? [X(c.point[0], c.point[1]), Y(c.point[1], 0)] : undefined;
  return figure({
    label: "the pair in space–time (x, t): the curves never touch",
    size: [220, 380],
    marginLeft: 8,
    marginRight: 8,
    marginTop: 34,
    marginBottom: 8,
    x: {domain: [-0.8, 0.8], axis: null},
    y: {domain: [-0.3, 1.95], axis: null},
    marks: [
      line(corners, {stroke: palette.muted, strokeOpacity: 0.6}),
      line(
        [
          [-0.725, -0.175],
          [-0.725, 1.75]
        ],
        {stroke: palette.ink, strokeWidth: 1.5, markerEnd: "arrow"}
      ),
      Plot.text(["t"], {x: [-0.725], y: [1.75], dx: 14, dy: 4, fontSize: 22, fontStyle: "italic", fill: palette.ink}),
      Plot.text(["space–time"], {frameAnchor: "top", dy: -22, fontSize: 20, fill: palette.ink}),
      line(curve(f.pathA, SAMPLES + 1, true), {stroke: palette.muted, strokeWidth: 1.5, strokeDasharray: "3 4"}),
      line(curve(f.pathB, SAMPLES + 1, true), {stroke: palette.muted, strokeWidth: 1.5, strokeDasharray: "3 4"}),
      // Farther curve first, the nearer one over it with a halo: where the drawing crosses, the near one passes in front.
      ...depthOrder(f).flatMap((p) => [
        line(curve(p, SAMPLES + 1, false), {stroke: palette.bg, strokeWidth: 8}),
        line(curve(p, SAMPLES + 1, false), {stroke: palette.model, strokeOpacity: 0.3, strokeWidth: 2}),
        line(curve(p, upTo, false), {stroke: palette.model, strokeWidth: 3})
      ]),
      c && cross
        ? [
            line([cross, [cross[0]!, cross[1]! + 1.7 * Math.max(c.ta, c.tb)]], {
              stroke: palette.error,
              strokeWidth: 2,
              strokeDasharray: "4 4"
            }),
            Plot.dot([0, c.ta, c.tb], {
              x: () => cross[0],
              y: (s: number) => cross[1]! + 1.7 * s,
              r: 6,
              fill: palette.error
            })
          ]
        : null,
      Plot.text(["a", "b"], {
        x: (_: string, i: number) => at(i === 0 ? f.pathA : f.pathB, SAMPLES, 1)[0],
        y: (_: string, i: number) => at(i === 0 ? f.pathA : f.pathB, SAMPLES, 1)[1],
        dy: -16,
        fontSize: 22,
        fill: palette.ink
      })
    ]
  });
}

/**
 * The flow map φ_t of a preset field: a grid and a smiley carried to time t (exact maps), with a
 * reverse toggle that runs the ODE backward and prints how exactly the grid returns; a pair of particles sent toward
 * each other that never meet, and for the time-varying drift two planar traces that cross at different times, with a
 * space–time view in which the curves never touch. Computed on the page.
 */
export const flowMap: DemoSpec<typeof options, typeof state, FlowMapFrame> = {
  id: "flow-map",
  description: "a grid and a smiley carried by the flow map φ_t of a preset field, run backward, and a crossing test",
  options,
  state,
  controls: ["preset", "t", "reverse"],
  examples: [
    {name: "two-well at t 1 reversed", state: {preset: "two-well", t: "1", reverse: "true"}},
    {name: "drift crossing", state: {preset: "drift", t: "1"}},
    {name: "spiral at t 0.6", state: {preset: "spiral", t: "0.6"}}
  ],
  snapshot: (_o, s) => flowMapFrame(s),
  render(frame, _o, s) {
    const f = frame ?? flowMapFrame(s);
    const root = document.createElement("div");
    root.className = "demo-stack";
    const panels = document.createElement("div");
    panels.className = "demo-panels panels-natural panels-ltr";
    panels.append(planePanel(f), spaceTimePanel(f));
    root.append(panels);
    for (const text of readouts(f)) {
      const p = document.createElement("p");
      p.className = "readout";
      p.textContent = text;
      root.append(p);
    }
    return root;
  },
  describe(frame, _o, s) {
    const f = frame ?? flowMapFrame(s);
    return (
      `the field ${presetText[f.preset]} (k = 1) carries a square grid and a smiley to t = ${fmt(f.t)}; ` +
      `two particles a and b start at (${pairOf(f.preset).flat().join(", ")}) and are shown in the plane and in ` +
      `space–time: ${readouts(f).join("; ")}`
    );
  }
};

export default flowMap;

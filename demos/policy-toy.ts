import * as Plot from "@observablehq/plot";
import type {MlpJson} from "../engine/nn/json.ts";
import {mlpFromJSON} from "../engine/nn/serialize.ts";
import type {Mlp} from "../engine/nn/mlp.ts";
import {hitsObstacle, meanAction, policyScene, sampleDemonstrations} from "../engine/policy/demonstrations.ts";
import {eulerActions} from "../engine/policy/sample.ts";
import {integer, number, type Values} from "../engine/options/schema.ts";
import {rng} from "../engine/random.ts";
import {policyToyOptions, type PolicyToyOptions} from "../engine/tasks/policy-toy-options.ts";
import type {PolicyToyFrame} from "../engine/tasks/policy-toy.ts";
import {figure, particles} from "./layers/index.ts";
import type {DemoSpec} from "./runtime/spec.ts";

const state = {
  observation: number(0, "where the obstacle stands (its lateral position o)", {
    min: -policyScene.range,
    max: policyScene.range,
    step: 0.01
  }),
  samples: integer(40, "actions sampled from the flow-matching policy", {min: 1, max: 100}),
  steps: integer(10, "Euler steps of each flow-matching sample (π0 uses about 10)", {min: 1, max: 50})
};

type State = Values<typeof state>;

/** What a static view shows before anything trained (no worker there): the demonstrations only. */
export type PolicyToyStill = Pick<PolicyToyFrame, "observations" | "actions"> & {still: true};
type Frame = PolicyToyFrame | PolicyToyStill;

/** The two panels: the scene seen from above, and the (observation, action) plane. */
const SCENE: readonly [number, number] = [540, 360];
const PLANE: readonly [number, number] = [600, 360];
/** Lateral extent of the scene and of the action axis. */
const LATERAL = 1.9;
/** Demonstrations drawn in the (o, a) plane. */
const SHOWN = 700;
/** Observations at which the regressor's curve is drawn. */
const CURVE_POINTS = 81;

/** What the slide reads off the trained networks for the observation the viewer set (all computed on the page). */
export interface PolicyReadout {
  observation: number;
  /** The regressor's action f(o), and whether it hits the obstacle. */
  regressorAction: number;
  regressorHits: boolean;
  /** The regressor's curve over [−range, range]. */
  curve: {o: Float64Array; a: Float64Array};
  /** Flow-matching actions for o (Euler from seeded noise) and their counts by outcome. */
  actions: Float64Array;
  left: number;
  right: number;
  hits: number;
}

// Networks rebuilt from a frame's JSON once per JSON object (a frame's weights never change).
const networks = new WeakMap<MlpJson, Mlp>();
function networkOf(json: MlpJson): Mlp {
  let net = networks.get(json);
  if (!net) {
    net = mlpFromJSON(json);
    networks.set(json, net);
  }
  return net;
}

/** The noise a₀ of the viewer's samples: the same for every observation, so samples move smoothly with o. */
function noiseOf(options: PolicyToyOptions, n: number): Float64Array {
  return rng(options.seed + 99).fillNormal(new Float64Array(n)) as Float64Array;
}

/**
 * The readout for the state's observation: the regressor's action and curve, and `samples` actions of the
 * flow-matching policy after `steps` Euler steps; undefined before the first weights arrive.
 */
export function policyReadout(
  frame: Frame | undefined,
  options: PolicyToyOptions,
  s: State
): PolicyReadout | undefined {
  if (!frame || "still" in frame || !frame.policy || !frame.regressor) return undefined;
  const policy = networkOf(frame.policy);
  const regressor = networkOf(frame.regressor);
  const o = s.observation;
  const curveO = Float64Array.from(
    {length: CURVE_POINTS},
    (_, i) => policyScene.range * (-1 + (2 * i) / (CURVE_POINTS - 1))
  );
  const curveA = new Float64Array(CURVE_POINTS);
  regressor.evaluate(curveA, curveO, CURVE_POINTS);
  const at = new Float64Array(1);
  regressor.evaluate(at, Float64Array.of(o), 1);
  const {actions} = eulerActions((u, x, n, t) => policy.evaluate(u, x, n, t), o, noiseOf(options, s.samples), s.steps);
  let left = 0;
  let right = 0;
  let hits = 0;
  for (const a of actions) {
    if (hitsObstacle(a, o)) hits++;
    else if (a < o) left++;
    else right++;
  }
  const regressorAction = at[0]!;
  return {
    observation: o,
    regressorAction,
    regressorHits: hitsObstacle(regressorAction, o),
    curve: {o: curveO, a: curveA},
    actions,
    left,
    right,
    hits
  };
}

/** The robot's route for action a: from (0, 0) to (0, 2), crossing the obstacle's row y = 1 at x = a. */
function route(a: number): [number, number][] {
  return Array.from({length: 21}, (_, i) => {
    const y = i / 10;
    return [a * y * (2 - y), y];
  });
}

/** The outline of the obstacle at observation o. */
function obstacle(o: number): [number, number][] {
  return Array.from({length: 49}, (_, i) => {
    const phi = (2 * Math.PI * i) / 48;
    return [o + policyScene.radius * Math.cos(phi), 1 + policyScene.radius * Math.sin(phi)];
  });
}

const segments = (routes: [number, number][][]) => routes.flatMap((r, k) => r.map(([x, y]) => ({x, y, k})));

/** Demonstrations whose observation is within 0.08 of o, at most 12 (their routes are drawn in the scene). */
function nearbyDemonstrations(frame: Frame, o: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < frame.observations.length && out.length < 12; i++) {
    if (Math.abs(frame.observations[i]! - o) < 0.08) out.push(frame.actions[i]!);
  }
  return out;
}

function scenePanel(frame: Frame | undefined, o: number, readout: PolicyReadout | undefined): Element {
  const marks: Plot.Markish[] = [
    Plot.line(obstacle(o), {fill: "var(--fd-muted)", fillOpacity: 0.35, stroke: "var(--fd-muted)", strokeWidth: 2}),
    Plot.text(["grey: the obstacle at o"], {frameAnchor: "top-left", fontSize: 20, fill: "var(--fd-muted)"})
  ];
  if (frame) {
    const demos = nearbyDemonstrations(frame, o).map(route);
    marks.push(
      Plot.line(segments(demos), {
        x: "x",
        y: "y",
        z: "k",
        stroke: "var(--fd-target)",
        strokeOpacity: 0.5,
        strokeDasharray: "6 4"
      })
    );
  }
  if (readout) {
    const samples = Array.from(readout.actions, route);
    marks.push(Plot.line(segments(samples), {x: "x", y: "y", z: "k", stroke: "var(--fd-model)", strokeOpacity: 0.55}));
    marks.push(
      Plot.line(route(readout.regressorAction), {
        stroke: readout.regressorHits ? "var(--fd-error)" : "var(--fd-ink)",
        strokeWidth: 4
      })
    );
  }
  marks.push(
    Plot.dot([[0, 0]], {r: 7, fill: "var(--fd-ink)"}),
    Plot.dot([[0, 2]], {r: 7, symbol: "star", fill: "var(--fd-ink)"})
  );
  return figure({
    label: "the scene from above: the robot's routes past the obstacle",
    size: SCENE,
    equal: true,
    marginLeft: 12,
    marginRight: 12,
    marginBottom: 12,
    marginTop: 12,
    x: {domain: [-LATERAL, LATERAL], axis: null},
    y: {domain: [-0.12, 2.12], axis: null},
    marks
  });
}

function planePanel(frame: Frame | undefined, o: number, readout: PolicyReadout | undefined, live: boolean): Element {
  const r = policyScene.radius;
  const R = policyScene.range;
  const band = [-R, R].map((x) => ({x, lo: x - r, hi: x + r}));
  const marks: Plot.Markish[] = [
    Plot.areaY(band, {x: "x", y1: "lo", y2: "hi", fill: "var(--fd-muted)", fillOpacity: 0.25}),
    Plot.ruleX([o], {stroke: "var(--fd-muted)", strokeWidth: 2})
  ];
  if (frame) {
    // The first SHOWN demonstrations (a random sample of them): enough to see both modes, few enough SVG dots to
    // redraw several times a second while training.
    const shown = Math.min(SHOWN, frame.observations.length);
    const points = new Float32Array(2 * shown);
    for (let i = 0; i < shown; i++) {
      points[2 * i] = frame.observations[i]!;
      points[2 * i + 1] = frame.actions[i]!;
    }
    marks.push(particles(points, {color: "target", symbol: "diamond", r: 2.5, opacity: 0.4}));
  }
  if (frame && !live) {
    // A still (print, previews) trained nothing: it shows where squared error ends, the exact mean action.
    const exact = Array.from({length: CURVE_POINTS}, (_, i) => R * (-1 + (2 * i) / (CURVE_POINTS - 1)));
    marks.push(
      Plot.line(
        exact.map((x) => [x, meanAction(x)]),
        {stroke: "var(--fd-ink)", strokeWidth: 3, strokeDasharray: "8 6"}
      )
    );
  }
  if (readout) {
    marks.push(
      Plot.line(
        Array.from(readout.curve.o, (x, i) => [x, readout.curve.a[i]!]),
        {stroke: "var(--fd-ink)", strokeWidth: 4}
      )
    );
    const jitter = rng(5);
    const dots = new Float32Array(2 * readout.actions.length);
    readout.actions.forEach((a, i) => {
      dots[2 * i] = o + 0.04 * (jitter.uniform() - 0.5);
      dots[2 * i + 1] = a;
    });
    marks.push(particles(dots, {color: "model", r: 4, opacity: 0.85}));
    marks.push(
      Plot.dot([[o, readout.regressorAction]], {
        r: 8,
        fill: readout.regressorHits ? "var(--fd-error)" : "var(--fd-ink)",
        stroke: "var(--fd-bg)"
      })
    );
  }
  const lines = readout
    ? [
        `regressor: a = ${readout.regressorAction.toFixed(2)}, ${readout.regressorHits ? "hits the obstacle" : "clear"}`,
        `flow matching: ${readout.left} left · ${readout.right} right · ${readout.hits} hit`
      ]
    : live
      ? ["training both policies…", ""]
      : ["dashed: the mean action E[a | o]", "both policies train live on the slide"];
  marks.push(Plot.text([lines.join("\n")], {frameAnchor: "top-left", dy: -66, lineAnchor: "top", fontSize: 22}));
  return figure({
    label: "demonstrations and both policies' actions against the observation",
    size: PLANE,
    marginTop: 74,
    x: {domain: [-R, R], label: "observation o (obstacle position)"},
    y: {domain: [-LATERAL, LATERAL], label: "action a"},
    marks
  });
}

/**
 * Why robots use generative policies (lecture D4.27): demonstrations pass an obstacle on the left or on the right; a
 * regressor trained with squared error learns their mean, which drives into the obstacle where both modes are
 * common, while a flow-matching policy u^θ_t(a | o), trained live in the worker on the same demonstrations with a
 * network of the same size, samples actions that pick one mode or the other.
 */
export const policyToy: DemoSpec<typeof policyToyOptions, typeof state, Frame> = {
  id: "policy-toy",
  description:
    "multimodal demonstrations: a squared-error policy averages them into the obstacle, flow matching picks a side",
  options: policyToyOptions,
  state,
  controls: ["observation", "samples", "steps"],
  player: true,
  task: (options) => ({task: "policy-toy", options}),
  snapshot(options) {
    const {observations, actions} = sampleDemonstrations(options.demonstrations, rng(options.seed + 777));
    return {still: true, observations: new Float32Array(observations), actions: new Float32Array(actions)};
  },
  render(frame, options, s) {
    const readout = policyReadout(frame, options, s);
    const panels = document.createElement("div");
    panels.className = "demo-panels";
    const live = frame !== undefined && !("still" in frame);
    // .demo-panels shows its children right to left: the scene comes first on the slide.
    panels.append(planePanel(frame, s.observation, readout, live), scenePanel(frame, s.observation, readout));
    return panels;
  },
  describe(frame, options, s) {
    const o = s.observation.toFixed(2);
    const readout = policyReadout(frame, options, s);
    if (!readout)
      return `demonstrations that pass an obstacle at o = ${o} on the left or the right; both policies train live`;
    const steps =
      frame && !("still" in frame) ? `, after ${frame.progress.steps} of ${frame.progress.total} training steps` : "";
    return (
      `obstacle at o = ${o}${steps}: the squared-error regressor's action is ${readout.regressorAction.toFixed(2)} ` +
      `(${readout.regressorHits ? "it hits the obstacle" : "clear of the obstacle"}); of ${readout.actions.length} ` +
      `flow-matching samples (${s.steps} Euler steps) ${readout.left} pass left, ${readout.right} pass right and ` +
      `${readout.hits} hit`
    );
  },
  examples: [
    {name: "obstacle ahead", state: {observation: "0"}},
    {name: "obstacle on the right", state: {observation: "0.5", samples: "60"}}
  ]
};

export default policyToy;

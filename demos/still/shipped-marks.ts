/**
 * The Plot marks of a shipped model's still (demos/still/shipped-flow.ts): held-out data faint behind, a few paths
 * from x₀ to x₁, and the model's samples. SVG, not canvas: a still is printed and never animates.
 */
import type * as Plot from "@observablehq/plot";
import {particles, trajectories} from "../layers/index.ts";
import type {ShippedFlowStill} from "./shipped-flow.ts";

/** What a training demo's static view draws of a shipped model; `paths` false leaves the paths out. */
export function shippedMarks(still: ShippedFlowStill, {paths = true, data = true} = {}): Plot.Markish[] {
  return [
    data ? particles(still.heldOut, {color: "target", symbol: "diamond", r: 2, opacity: 0.35}) : null,
    paths ? trajectories(still.trajectories, still.pathCount, {kind: "model", ends: true, opacity: 0.5}) : null,
    particles(still.samples, {color: "model", r: 2})
  ];
}

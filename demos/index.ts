import type {DemoSpec} from "./runtime/spec.ts";

/**
 * Every demo a deck can embed, by id, each loaded only when a slide needs it: a demo and the engine code it uses are
 * their own chunk, so a deck's first load does not grow with the number of demos. The only module that knows them
 * all; a new demo `demos/<id>.ts` (default export: its spec) gets one line here.
 */
const loaders: Readonly<Record<string, () => Promise<{default: DemoSpec}>>> = {
  "gaussian-samples": () => import("./gaussian-samples.ts"),
  "logdet-series": () => import("./logdet-series.ts"),
  "neural-ode": () => import("./neural-ode.ts"),
  "flow-hero": () => import("./flow-hero.ts"),
  "fm-train": () => import("./fm-train.ts"),
  "fm-regression": () => import("./fm-regression.ts"),
  "path-choice": () => import("./path-choice.ts"),
  "velocity-score": () => import("./velocity-score.ts"),
  "time-conventions": () => import("./time-conventions.ts"),
  "time-samplers": () => import("./time-samplers.ts"),
  "cfm-step": () => import("./cfm-step.ts"),
  "cfm-floor": () => import("./cfm-floor.ts"),
  "policy-toy": () => import("./policy-toy.ts"),
  schedules: () => import("./schedules.ts"),
  "diffusion-paths": () => import("./diffusion-paths.ts"),
  "few-step": () => import("./few-step.ts"),
  pairs: () => import("./pairs.ts"),
  bridge: () => import("./bridge.ts"),
  reflow: () => import("./reflow.ts"),
  "ot-batch": () => import("./ot-batch.ts"),
  "marginal-path": () => import("./marginal-path.ts"),
  "nfe-quality": () => import("./nfe-quality.ts"),
  "fm-likelihood": () => import("./fm-likelihood.ts"),
  "cnf-1d-examples": () => import("./cnf-1d-examples.ts"),
  "point-likelihood": () => import("./point-likelihood.ts"),
  "density-1d": () => import("./density-1d.ts"),
  "gaussian-2d": () => import("./gaussian-2d.ts"),
  "field-editor": () => import("./field-editor.ts"),
  "two-probes": () => import("./two-probes.ts"),
  "log-density-check": () => import("./log-density-check.ts"),
  "jacobi-ellipse": () => import("./jacobi-ellipse.ts"),
  "sampling-transform": () => import("./sampling-transform.ts"),
  "monte-carlo": () => import("./monte-carlo.ts"),
  "data-gallery": () => import("./data-gallery.ts"),
  "time-mirror": () => import("./time-mirror.ts"),
  "three-views": () => import("./three-views.ts"),
  "fm-preview": () => import("./fm-preview.ts"),
  "generator-warp": () => import("./generator-warp.ts"),
  "flow-map": () => import("./flow-map.ts"),
  "push-forward": () => import("./push-forward.ts"),
  "family-samplers": () => import("./family-samplers.ts"),
  "change-of-variables": () => import("./change-of-variables.ts"),
  folds: () => import("./folds.ts"),
  responsibilities: () => import("./responsibilities.ts"),
  "max-likelihood": () => import("./max-likelihood.ts"),
  "euler-circles": () => import("./euler-circles.ts"),
  "ode-solvers": () => import("./ode-solvers.ts"),
  "box-flux": () => import("./box-flux.ts"),
  continuity: () => import("./continuity.ts"),
  "divergence-probe": () => import("./divergence-probe.ts"),
  "cnf-train": () => import("./cnf-train.ts"),
  "cnf-cost": () => import("./cnf-cost.ts"),
  hutchinson: () => import("./hutchinson.ts"),
  ffjord: () => import("./ffjord.ts"),
  "curvature-pair": () => import("./curvature-pair.ts"),
  "residual-to-ode": () => import("./residual-to-ode.ts"),
  "equal-mass-cells": () => import("./equal-mass-cells.ts"),
  "linear-map": () => import("./linear-map.ts"),
  "nice-shear": () => import("./nice-shear.ts"),
  "realnvp-layer": () => import("./realnvp-layer.ts"),
  "build-a-flow": () => import("./build-a-flow.ts"),
  "normalize-layers": () => import("./normalize-layers.ts"),
  "nf-playback": () => import("./nf-playback.ts"),
  "jacobian-probe": () => import("./jacobian-probe.ts"),
  "density-two-ways": () => import("./density-two-ways.ts"),
  "autoregressive-steps": () => import("./autoregressive-steps.ts"),
  "maf-iaf": () => import("./maf-iaf.ts"),
  "made-masks": () => import("./made-masks.ts"),
  "jacobian-sparsity": () => import("./jacobian-sparsity.ts"),
  "planar-flow": () => import("./planar-flow.ts"),
  "residual-block": () => import("./residual-block.ts"),
  "power-iteration": () => import("./power-iteration.ts"),
  "fixed-point": () => import("./fixed-point.ts")
};

/** The ids of every demo, in registry order (the gallery lists them; tests walk them). */
export const demoIds: readonly string[] = Object.freeze(Object.keys(loaders));

/** Loads a demo's spec by id; rejects with `unknown demo: <id>` for an id the registry does not have. */
export async function loadDemo(id: string): Promise<DemoSpec> {
  const loader = Object.hasOwn(loaders, id) ? loaders[id] : undefined;
  if (!loader) throw new Error(`unknown demo: ${id}`);
  const spec = (await loader()).default;
  if (spec.id !== id) throw new Error(`demo ${id}: its module exports the spec of ${spec.id}`);
  return spec;
}

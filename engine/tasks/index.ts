/**
 * The engine's tasks by name, each loaded only when a demo first asks for it (its own chunk in the built site), so a
 * page's worker holds the engine code its demos use and no more. A new task is a file `engine/tasks/<name>.ts`
 * exporting an `EngineTask` and one line here.
 */
import type {EngineTask} from "./task.ts";

const loaders: Readonly<Record<string, () => Promise<EngineTask>>> = {
  "gaussian-samples": () => import("./gaussian-samples.ts").then((m) => m.gaussianSamples),
  "neural-ode": () => import("./neural-ode.ts").then((m) => m.neuralOde as unknown as EngineTask),
  "fm-train": () => import("./fm-train.ts").then((m) => m.fmTrain as unknown as EngineTask),
  "flow-hero": () => import("./flow-hero.ts").then((m) => m.flowHero as unknown as EngineTask),
  "fm-regression": () => import("./fm-regression.ts").then((m) => m.fmRegression as unknown as EngineTask),
  "cfm-step": () => import("./cfm-step.ts").then((m) => m.cfmStep as unknown as EngineTask),
  "cfm-floor": () => import("./cfm-floor.ts").then((m) => m.cfmFloorTask as unknown as EngineTask),
  "policy-toy": () => import("./policy-toy.ts").then((m) => m.policyToy as unknown as EngineTask),
  "diffusion-paths": () => import("./diffusion-paths.ts").then((m) => m.diffusionPaths as unknown as EngineTask),
  "few-step": () => import("./few-step.ts").then((m) => m.fewStep as unknown as EngineTask),
  reflow: () => import("./reflow.ts").then((m) => m.reflow as unknown as EngineTask),
  "nfe-quality": () => import("./nfe-quality.ts").then((m) => m.nfeQuality as unknown as EngineTask),
  "fm-likelihood": () => import("./fm-likelihood.ts").then((m) => m.fmLikelihood as unknown as EngineTask),
  "data-gallery": () => import("./data-gallery.ts").then((m) => m.dataGallery as unknown as EngineTask),
  "fm-preview": () => import("./fm-preview.ts").then((m) => m.fmPreview as unknown as EngineTask),
  "family-samplers": () => import("./family-samplers.ts").then((m) => m.familySamplers as unknown as EngineTask),
  "max-likelihood": () => import("./max-likelihood.ts").then((m) => m.maxLikelihood as unknown as EngineTask),
  "push-forward": () => import("./push-forward.ts").then((m) => m.pushForward as unknown as EngineTask),
  "cnf-train": () => import("./cnf-train.ts").then((m) => m.cnfTrain as unknown as EngineTask),
  ffjord: () => import("./ffjord.ts").then((m) => m.ffjord as unknown as EngineTask),
  "curvature-pair": () => import("./curvature-pair.ts").then((m) => m.curvaturePair as unknown as EngineTask),
  "nf-train": () => import("./nf-train.ts").then((m) => m.nfTrain as unknown as EngineTask),
  "density-two-ways": () => import("./density-two-ways.ts").then((m) => m.densityTwoWays as unknown as EngineTask),
  pairs: () => import("./pairs.ts").then((m) => m.pairsTask as unknown as EngineTask),
  "ot-batch": () => import("./ot-batch.ts").then((m) => m.otBatch as unknown as EngineTask)
};

/** The names of every task, in the order they are declared. */
export const taskNames: readonly string[] = Object.keys(loaders);

/** The task of a name, loaded on first use; rejects with `unknown task: <name>` for a name not in the registry. */
export async function loadTask(name: string): Promise<EngineTask> {
  const loader = Object.hasOwn(loaders, name) ? loaders[name] : undefined;
  if (!loader) throw new RangeError(`unknown task: ${name}`);
  return loader();
}

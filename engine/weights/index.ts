/**
 * The weights shipped with deck 4, loaded by name. Each file is a lazy `import()` of its own JSON, so a task chunk
 * that loads one model pulls only that file; `npm run weights` writes them (engine/cli/commands/weights.ts).
 */
import {checkShipped, shippedNames, type ShippedName, type ShippedWeights} from "./shipped.ts";

export {
  evaluateShipped,
  evaluationData,
  EVAL,
  shippedModels,
  shippedNames,
  SHIPPED_SOURCE,
  SHIPPED_TARGET,
  shippedTarget,
  type ShippedEvaluation,
  type ShippedName,
  type ShippedWeights
} from "./shipped.ts";

const files: Record<ShippedName, () => Promise<{default: unknown}>> = {
  "vp-diffusion": () => import("./vp-diffusion.json"),
  lipman: () => import("./lipman.json"),
  "i-cfm": () => import("./i-cfm.json"),
  "ot-cfm": () => import("./ot-cfm.json"),
  rf2: () => import("./rf2.json")
};

const cache = new Map<ShippedName, Promise<ShippedWeights>>();

/** The shipped model `name`, validated (loaded once per name); RangeError naming the choices for an unknown name. */
export function loadWeights(name: ShippedName): Promise<ShippedWeights> {
  if (!shippedNames.includes(name)) {
    throw new RangeError(`unknown weights: ${JSON.stringify(name)} (one of ${shippedNames.join(", ")})`);
  }
  let w = cache.get(name);
  if (!w) {
    w = files[name]().then((m) => checkShipped(m.default));
    cache.set(name, w);
  }
  return w;
}

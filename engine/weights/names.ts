/**
 * The names of the models deck 4 ships (engine/weights/<name>.json), with the method each was trained by and a short
 * label, in a module of its own so that an options schema can list them without loading any engine code.
 */
export const shippedModels = [
  {name: "vp-diffusion", method: "vp-diffusion", label: "VP path"},
  {name: "lipman", method: "lipman", label: "OT path"},
  {name: "i-cfm", method: "i-cfm", label: "I-CFM"},
  {name: "ot-cfm", method: "ot-cfm", label: "OT-CFM"},
  {name: "rf2", method: "rf", label: "2-RF"}
] as const;

export type ShippedName = (typeof shippedModels)[number]["name"];

export const shippedNames: readonly ShippedName[] = shippedModels.map((m) => m.name);

/** The label of a shipped model ("OT-CFM"). */
export function shippedLabel(name: ShippedName): string {
  return shippedModels.find((m) => m.name === name)!.label;
}

/** Paths by name, for the CLI and the demos. */
import {iCfmPath, lipmanPath, sbPath, vpCfmPath} from "./cfm.ts";
import {veDiffusionPath, vpDiffusionPath} from "./diffusion.ts";
import type {ProbabilityPath} from "./path.ts";

/** `sigma` is σ of I-CFM / VP / SB, σ_min of Lipman; diffusion paths use their own defaults. */
const makers: Record<string, (sigma: number) => ProbabilityPath> = {
  "i-cfm": iCfmPath,
  lipman: lipmanPath,
  vp: vpCfmPath,
  sb: sbPath,
  "vp-diffusion": () => vpDiffusionPath(),
  "ve-diffusion": () => veDiffusionPath()
};

export const pathNames: readonly string[] = Object.keys(makers);

/** The path registered under `name` with parameter sigma; RangeError listing the names otherwise. */
export function pathByName(name: string, sigma: number): ProbabilityPath {
  const make = Object.hasOwn(makers, name) ? makers[name] : undefined;
  if (!make) throw new RangeError(`unknown path: ${name} (known: ${pathNames.join(", ")})`);
  return make(sigma);
}

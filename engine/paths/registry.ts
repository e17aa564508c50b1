/** Paths by name, for the CLI and the demos. */
import {iCfmPath, lipmanPath, sbPath, vpCfmPath} from "./cfm.ts";
import {veDiffusionPath, vpDiffusionPath} from "./diffusion.ts";
import {registry} from "../registry.ts";
import type {ProbabilityPath} from "./path.ts";

/** Path makers by name. `sigma` is σ of I-CFM / VP / SB, σ_min of Lipman; diffusion paths use their own defaults. */
export const paths = registry<string, (sigma: number) => ProbabilityPath>("path", {
  "i-cfm": iCfmPath,
  lipman: lipmanPath,
  vp: vpCfmPath,
  sb: sbPath,
  "vp-diffusion": () => vpDiffusionPath(),
  "ve-diffusion": () => veDiffusionPath()
});

export const pathNames: readonly string[] = paths.names;

/** The path registered under `name` with parameter sigma; RangeError listing the names otherwise. */
export function pathByName(name: string, sigma: number): ProbabilityPath {
  return paths.get(name)(sigma);
}

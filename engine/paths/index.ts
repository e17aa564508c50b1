export {affinePath, type PathCoefficients, type PathSpec, type ProbabilityPath} from "./path.ts";
export {iCfmPath, lipmanPath, sbPath, vpCfmPath} from "./cfm.ts";
export {veDiffusionPath, vpDiffusionPath, type VeDiffusionOptions, type VpDiffusionOptions} from "./diffusion.ts";
export {pathByName, pathNames, paths} from "./registry.ts";
export {cosinePath, logSnr, polynomialPath} from "./schedules.ts";

export {
  logitNormalTime,
  shiftedTime,
  shiftTime,
  timeSamplerByName,
  timeSamplerNames,
  timeSamplers,
  uniformTime,
  type LogitNormalOptions,
  type TimeSampler
} from "./samplers.ts";
export {betaTime, gammaDraw, logGamma, pi0Time, type BetaTimeOptions} from "./beta.ts";

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

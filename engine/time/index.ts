export {
  logitNormalTime,
  shiftedTime,
  shiftTime,
  timeSamplerByName,
  timeSamplerNames,
  uniformTime,
  type LogitNormalOptions,
  type TimeSampler
} from "./samplers.ts";

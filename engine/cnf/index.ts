export {augment, augmentedDeriv} from "./augmented.ts";
export {normalBase, type BaseDensity} from "./base.ts";
export {
  divergenceFn,
  drawProbes,
  type DivergenceFn,
  type DivergenceMethod,
  type DivergenceOptions,
  type ProbeKind
} from "./divergence.ts";
export {logDensity, type LogDensityOptions, type LogDensityResult} from "./log-density.ts";
export {pushForward, type PushForwardResult} from "./push-forward.ts";
export {densityGrid, type DensityGrid, type DensityGridOptions} from "./grid.ts";
export {mlpField} from "./mlp-field.ts";
export {unrolledLogLikelihood, type UnrollOptions, type UnrolledLikelihood} from "./unroll.ts";
export {cnfTrainer, type CnfStepReport, type CnfTrainer, type CnfTrainerOptions} from "./train.ts";
export {randomNeuralField, RANDOM_FIELD_WIDTH, type RandomFieldOptions} from "./random-field.ts";
export {
  pushedDensity,
  pushedLogDensity,
  type PushedDensity,
  type PushedDensityOptions,
  type PushedLogDensity
} from "./pushed-density.ts";
export {cnfStepCost, divergencePasses, type TrainingCostInput} from "./cost.ts";

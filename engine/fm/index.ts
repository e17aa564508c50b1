export {autodiffModel, fastModel, type ModelOptions, type VelocityModel} from "./model.ts";
export {fmTrainer, trainFor, type FmStepReport, type FmTrainer, type FmTrainerOptions} from "./trainer.ts";
export {evaluateModel, priorDensity, type EvaluateOptions, type Evaluation} from "./evaluate.ts";
export {
  flowPaths,
  normalisedPathEnergy,
  sampleFlow,
  type FlowOptions,
  type FlowPaths,
  type FlowSample
} from "./flow.ts";
export {float64Field, logLikelihood, logLikelihoodGrid} from "./likelihood.ts";
export {marginalField, pointMixture, type MarginalField, type Mixture} from "./marginal.ts";
export {oneStepError, reflowTrainer, type ReflowStageOptions} from "./reflow.ts";
export {fmMethod, fmMethodNames, fmMethods, type FmMethod} from "./methods.ts";
export {checkWeights, fmWeights, type FmWeights} from "./weights.ts";
export {cloudField} from "./cloud-field.ts";
export {posteriorWeights} from "./posterior.ts";
export {continuityCheck, type ContinuityCheck} from "./continuity.ts";

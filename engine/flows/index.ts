export {inverted, type Bijector, type Inverted} from "./bijector.ts";
export {affineLayer, type AffineLayer, type AffineOptions} from "./affine.ts";
export {planarLayer, type PlanarLayer, type PlanarOptions} from "./planar.ts";
export {radialLayer, type RadialOptions} from "./radial.ts";
export {additiveCoupling, affineCoupling, type CouplingOptions} from "./coupling.ts";
export {zeroOutputMlp, type ConditionerOptions} from "./conditioner.ts";
export {permute} from "./permute.ts";
export {actNorm, type ActNorm} from "./actnorm.ts";
export {made, type Made, type MadeOptions} from "./made.ts";
export {mafLayer, iafLayer, type AutoregressiveLayer, type AutoregressiveOptions} from "./autoregressive.ts";
export {powerIteration, powerState, spectralNormalised, singularValue2, type PowerState} from "./spectral.ts";
export {lipschitzMlp, type LipschitzMlp, type LipschitzMlpOptions} from "./lipschitz-mlp.ts";
export {fixedPointInverse, type FixedPointOptions, type FixedPointResult} from "./fixed-point.ts";
export {
  logDetExact,
  logDetSeries,
  logDetRoulette,
  geometric,
  type Mat2,
  type RouletteOptions
} from "./residual-logdet.ts";
export {residualBlock, type ResidualBlock, type ResidualOptions, type LogDetMode} from "./residual.ts";
export {flow, standardNormalLogProb, type Flow} from "./flow.ts";
export {densityGrid, gridMass, type DensityGrid} from "./grid.ts";
export {maximumLikelihood, reverseKl, type FlowStepReport, type FlowTrainer, type TrainOptions} from "./train.ts";
export {twoMoonsTarget, diagonalGaussianTarget, type TargetLogDensity} from "./targets.ts";
export {flowKinds, flowPreset, flowPresets, presetDefaults, type FlowKind, type PresetOptions} from "./presets.ts";
export {
  type Map1D,
  type Curve,
  pushSamples,
  pushLogDensity,
  pushCurve,
  linspace,
  standardNormalLogPdf
} from "./1d/map.ts";
export {affine1d, sinh1d, cubic1d, logistic1d} from "./1d/elementary.ts";
export {rqSpline, IDENTITY_DERIVATIVE, type SplineOptions} from "./1d/spline.ts";
export {normalizeSteps, generateSteps, type FlowSteps} from "./steps.ts";
export {stackFlow, block, blockNames, isBlockName, type BlockName, type StackOptions} from "./stack.ts";
export {
  planeMap,
  planeMapNames,
  pushedLogDensity,
  det2,
  type PlaneMap,
  type PlaneMapName,
  type Matrix2,
  type ChangeOfVariables
} from "./plane-maps.ts";
export {madeDegrees, madeMasks, madePaths, type DegreeOrder, type MadeDegreesOptions} from "./made-masks.ts";
export {
  autoregressiveNd,
  type AutoregressiveNd,
  type AutoregressiveNdOptions,
  type AutoregressiveRun,
  type AutoregressiveVariant
} from "./autoregressive-nd.ts";

export {fieldDeriv, type VelocityField} from "./field.ts";
export {affineField, type AffineCoefficients, type AffineField} from "./affine.ts";
export {linearField, type LinearField, type LinearFieldOptions} from "./linear.ts";
export {rotationField, type RotationField, type RotationFieldOptions} from "./rotation.ts";
export {
  gaussianPathField,
  type GaussianMarginalField,
  type GaussianPathField,
  type GaussianPathOptions
} from "./gaussian-path.ts";
export {gaussianOtField, type GaussianOtField, type GaussianOtOptions} from "./gaussian-ot.ts";
export {normalLogDensity} from "./normal.ts";
export {expm} from "./expm.ts";
export type {Mat2, Vec2} from "./mat2.ts";
export {steppedFlow, type SteppedFlow, type SteppedFlowOptions} from "./stepped-flow.ts";
export {
  fieldPreset,
  fieldPresetNames,
  type FieldPreset,
  type FieldPresetName,
  type FieldPresetOptions
} from "./presets.ts";
export {expressionField, parseExpression, type Expression, type ExpressionField} from "./expression.ts";
export {traceParticles, type TraceParticlesOptions, type TracedParticles} from "./trace-particles.ts";
export {flowPaths, flowPoints, type FlowPointsOptions} from "./flow-points.ts";
export {traceCrossing, type TraceCrossing, type TraceCrossingOptions} from "./crossing.ts";
export {linearGaussianPath, type LinearGaussianPath} from "./linear-gaussian.ts";

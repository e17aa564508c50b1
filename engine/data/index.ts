export type {Dataset2D, Extent} from "./dataset.ts";
export {
  dataset,
  datasetAliases,
  datasetNames,
  datasets,
  maybeDataset,
  fmCheckerboard,
  sklearnMoons,
  standardNormal
} from "./registry.ts";
export {
  C8,
  gaussianMixture,
  type Covariance2,
  type GaussianMixture,
  type GaussianMixtureOptions
} from "./gaussian-mixture.ts";
export {checkerboard} from "./checkerboard.ts";
export {makeCircles, makeMoons, makeSCurve, makeSwissRoll, pickColumns} from "./sklearn.ts";
export {pointCloud, type PointCloudOptions} from "./point-cloud.ts";
export {rasterise, textCloud, type TextCloudOptions} from "./text-cloud.ts";
export {stratifiedCounts, stratifiedSample} from "./stratified.ts";
export {affineEntropy, affineLogDensity, type LogDensityFn} from "./affine-density.ts";
export {curveEntropy, curveLogDensity, type CurvePiece, type NoisyCurve} from "./curve-density.ts";
export {mixtureEntropy} from "./mixture-entropy.ts";
export {besselI0Scaled, ringsEntropy, ringsLogDensity, type Rings} from "./ring-density.ts";
export {CURVE_ENTROPY, moonsCurve, sCurveCurve, swissRollCurve} from "./sklearn-curves.ts";
export {TORCHCFM_MOONS_ENTROPY, torchcfmMoons, torchcfmMoonsEntropy} from "./torchcfm-moons.ts";
export {composite, gaussHermite, gaussLegendre, type QuadratureRule} from "./quadrature.ts";

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

export {w2, w2Squared} from "./w2.ts";
export {entropyFloor, w2Floor, type EntropyFloor, type W2Floor} from "./floor.ts";
export {medianDistance, mmd2, type MmdOptions} from "./mmd.ts";
export {meanNll, type LogDensity} from "./nll.ts";
export {meanSquaredNorm, pathEnergy} from "./path-energy.ts";
export {digamma, knnEntropy} from "./knn-entropy.ts";
export {gaussianW2Squared, type Gaussian2} from "./gaussian-w2.ts";
export {nearestPoints, type Nearest} from "./nearest.ts";

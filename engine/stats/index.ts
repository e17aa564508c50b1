// Probability on the line: the standard normal (Φ, Φ⁻¹, erf) and 1D Gaussian mixtures, exact.
export {erf, erfc, normalCdf, normalPdf, normalQuantile} from "./normal.ts";
export {mixture1d, type Mixture1D, type Mixture1DOptions} from "./mixture-1d.ts";
export {exponential} from "./exponential.ts";

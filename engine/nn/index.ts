export type {Module} from "./module.ts";
export {mlp, type Mlp, type MlpOptions, type MlpJson} from "./mlp.ts";
export {mlpFromJSON} from "./serialize.ts";
export {activations, activation, type Activation, type ActivationName} from "./activation.ts";
export {timeFeatures, fillTimeFeatures, timeWidth, type TimeMode} from "./time.ts";
export {adam, adamw, sgd, clipGradNorm, type Optimizer, type AdamOptions, type SgdOptions} from "./optim.ts";

export {
  independentCoupling,
  otCoupling,
  sbCoupling,
  sinkhornCoupling,
  type CoupledBatch,
  type Coupling,
  type OtCouplingOptions
} from "./coupling.ts";
export {poolCoupling, pushForward, reflowCoupling, type ReflowOptions} from "./reflow.ts";
export {minibatchCost, pairCost, type MinibatchCost, type Sampler} from "./minibatch-cost.ts";

export {assignmentSolver, linearAssignment, type Assignment, type AssignmentSolver} from "./assignment.ts";
export {sqCostMatrix} from "./cost.ts";
export {gaussianDualGuess} from "./dual-guess.ts";
export {gatherRows, otPairing, sampleAssignment, samplePlan, type PlanSample} from "./plan.ts";
export {otPlanSampler, type OtPlanSampler, type OtPlanSamplerOptions} from "./sampler.ts";
export {sinkhorn, type SinkhornOptions, type SinkhornResult} from "./sinkhorn.ts";
export {wasmAssignmentSolver, wasmSolverIfReady} from "./wasm-assignment.ts";
export {assignmentKernels, loadAssignmentKernels, type AssignmentKernels} from "./wasm-kernels.ts";

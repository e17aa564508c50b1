/**
 * The engine's public surface, one namespace per folder, so that the architecture reads from the imports:
 * `import {ode, fm} from "../engine/index.ts"; ode.integrate(...)`. Folders stay importable directly as well.
 * Everything here is plain numerics: no DOM, no host access (the CLI and the wasm loader are the host edges).
 */
export {rng, Rng} from "./random.ts";
export * as autodiff from "./autodiff/index.ts";
export * as nn from "./nn/index.ts";
export * as kernels from "./kernels/index.ts";
export * as fast from "./fast/index.ts";
export * as data from "./data/index.ts";
export * as ot from "./ot/index.ts";
export * as metrics from "./metrics/index.ts";
export * as ode from "./ode/index.ts";
export * as fields from "./fields/index.ts";
export * as cnf from "./cnf/index.ts";
export * as flows from "./flows/index.ts";
export * as paths from "./paths/index.ts";
export * as couplings from "./couplings/index.ts";
export * as time from "./time/index.ts";
export * as fm from "./fm/index.ts";
export * as stats from "./stats/index.ts";

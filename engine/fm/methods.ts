/**
 * The named flow-matching recipes of the CLI and the demos: a path and a coupling, as TorchCFM pairs them
 * (engine-reference §1.1). `rf` (2-rectified flow) is I-CFM followed by a reflow stage (reflow.ts). SB-CFM pairs by
 * the exact minibatch plan unless asked for Sinkhorn (reg 2σ²), like TorchCFM's `SchrodingerBridgeConditionalFlowMatcher`
 * (default `ot_method="exact"`; the runner's sbcfm config uses Sinkhorn).
 */
import {independentCoupling, otCoupling, sbCoupling, type Coupling} from "../couplings/coupling.ts";
import {iCfmPath, lipmanPath, sbPath, vpCfmPath} from "../paths/cfm.ts";
import {veDiffusionPath, vpDiffusionPath} from "../paths/diffusion.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import {registry} from "../registry.ts";

export interface FmMethod {
  readonly name: string;
  readonly describe: string;
  /** σ when none is given: 0.01 as in the TorchCFM tutorials, 1 for SB-CFM (its class default). */
  readonly defaultSigma: number;
  /** A second (reflow) stage follows the first. */
  readonly reflow: boolean;
  make(sigma: number, plan?: "exact" | "sinkhorn"): {path: ProbabilityPath; coupling: Coupling};
}

const methods: readonly FmMethod[] = [
  method("i-cfm", "I-CFM: independent pairs, straight conditional paths", (s) => [iCfmPath(s), independentCoupling()]),
  method("ot-cfm", "OT-CFM: I-CFM on minibatch exact-OT pairs", (s) => [iCfmPath(s), otCoupling()]),
  method("lipman", "Lipman FM (conditional OT, σ_min); needs an N(0, I) source", (s) => [
    lipmanPath(s),
    independentCoupling()
  ]),
  method("vp", "VP-CFM: trigonometric interpolant", (s) => [vpCfmPath(s), independentCoupling()]),
  method(
    "sb",
    "SB-CFM: Brownian-bridge path on minibatch OT pairs (exact, or Sinkhorn with reg 2σ²)",
    (s, plan) => [sbPath(s), plan === "sinkhorn" ? sbCoupling(s) : otCoupling()],
    1
  ),
  method("rf", "2-rectified flow: I-CFM, then reflow on its own ODE pairs", (s) => [
    iCfmPath(s),
    independentCoupling()
  ]),
  method("vp-diffusion", "VP diffusion as flow matching; needs an N(0, I) source", () => [
    vpDiffusionPath(),
    independentCoupling()
  ]),
  method("ve-diffusion", "VE diffusion (σmax 5) as flow matching; needs an N(0, I) source", () => [
    veDiffusionPath(),
    independentCoupling()
  ])
];

function method(
  name: string,
  describe: string,
  make: (sigma: number, plan: "exact" | "sinkhorn") => [ProbabilityPath, Coupling],
  defaultSigma = 0.01
): FmMethod {
  return {
    name,
    describe,
    defaultSigma,
    reflow: name === "rf",
    make(sigma, plan = "exact") {
      const [path, coupling] = make(sigma, plan);
      return {path, coupling};
    }
  };
}

/** The methods by name. */
export const fmMethods = registry(
  "method",
  methods.map((m) => [m.name, m] as const)
);

export const fmMethodNames: readonly string[] = fmMethods.names;

/** The method registered under `name`; RangeError listing the names otherwise. */
export function fmMethod(name: string): FmMethod {
  return fmMethods.get(name);
}

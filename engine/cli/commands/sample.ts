import {readFileSync} from "node:fs";
import {fastMlpFromJSON} from "../../fast/json.ts";
import type {VelocityField} from "../../fields/field.ts";
import {sampleFlow, type FlowOptions} from "../../fm/flow.ts";
import {float64Field} from "../../fm/likelihood.ts";
import {checkWeights, type FmWeights} from "../../fm/weights.ts";
import {kernels} from "../../kernels/index.ts";
import {w2} from "../../metrics/w2.ts";
import {solverNames, type SolverName} from "../../ode/solvers.ts";
import {rng} from "../../random.ts";
import {PATH_LENGTH, required, UsageError} from "../args.ts";
import {command} from "../command.ts";
import {choice, integer, number, seed, text} from "../../options/schema.ts";
import {resolveDataset} from "./datasets.ts";

/** Field evaluations per step of each fixed-step solver. */
const stages: Record<string, number> = {euler: 1, midpoint: 2, heun: 2, rk4: 4, rk38: 4};

/** Solver settings from an NFE budget (fixed-step solvers: ⌊nfe / stages⌋ steps, at least 1) or a dopri5 tolerance. */
export function evaluationOptions(solver: SolverName, nfe: number, tol: number): FlowOptions {
  if (solver === "dopri5") return {solver, rtol: tol, atol: tol};
  return {solver, steps: Math.max(1, Math.floor(nfe / stages[solver]!))};
}

export function round(v: number, digits = 4): number {
  return +v.toFixed(digits);
}

/** `sample`: reads weights written by `train --out` and pushes source points through the learned field. */
export const sampleCommand = command({
  name: "sample",
  summary: "sample a trained flow-matching model (weights from `train --out`); print samples or their summary",
  options: {
    weights: required(text("", "weights JSON written by `train --out`", PATH_LENGTH)),
    n: integer(1000, "number of samples", {min: 1, max: 1_000_000}),
    solver: choice(solverNames, "dopri5", "ODE solver"),
    nfe: integer(100, "evaluations budget of a fixed-step solver", {min: 1, max: 100_000}),
    tol: number(1e-4, "dopri5 rtol = atol", {min: 0}),
    seed: seed(0, "seed of the source points"),
    model: choice(["fast", "autodiff"], "fast", "float32 wasm MLP or float64"),
    format: choice(["text", "csv"], "text", "text summary or x,y rows")
  },
  async run(o) {
    const weights = load(o.weights);
    const n = o.n;
    const source = resolveDataset(weights.source);
    const random = rng(o.seed);
    const x0 = source.sample(n, random).map((v) => v * weights.priorStd);
    const field = await fieldOf(weights, o.model);
    const options = evaluationOptions(o.solver, o.nfe, o.tol);
    const {x1, nfe} = sampleFlow(field, x0, n, options);
    const target = resolveDataset(weights.target);
    const test = target.sample(n, random);
    const json = {
      weights: o.weights,
      method: weights.method,
      source: weights.source,
      target: weights.target,
      n,
      solver: o.solver,
      nfe,
      mean: [0, 1].map((c) => round(mean(x1, c))),
      w2: round(w2(x1, test, n)),
      w2_floor: round(w2(target.sample(n, random), target.sample(n, random), n)),
      samples: Array.from({length: n}, (_, i) => [round(x1[2 * i]!, 6), round(x1[2 * i + 1]!, 6)])
    };
    const text =
      o.format === "csv"
        ? ["x,y", ...json.samples.map(([x, y]) => `${x},${y}`)].join("\n")
        : `sample ${json.method} ${json.source} → ${json.target}: n ${n}, ${String(o.solver)} NFE ${nfe}, mean [${json.mean.join(", ")}], W2 ${json.w2} (floor ${json.w2_floor})`;
    return {json, text};
  }
});

function load(file: string): FmWeights {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read weights: ${file}`);
  }
  try {
    return checkWeights(JSON.parse(text));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function fieldOf(weights: FmWeights, kind: string): Promise<VelocityField> {
  if (kind === "autodiff") return float64Field(weights.model);
  const net = fastMlpFromJSON(weights.model, await kernels());
  return {dim: 2, velocity: (out, x, n, t) => net.forward(out, x, n, t)};
}

function mean(x: Float64Array, c: number): number {
  let s = 0;
  for (let i = c; i < x.length; i += 2) s += x[i]!;
  return s / (x.length / 2);
}

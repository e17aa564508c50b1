import {fieldDeriv, type VelocityField} from "../../fields/field.ts";
import {gaussianOtField} from "../../fields/gaussian-ot.ts";
import {gaussianPathField} from "../../fields/gaussian-path.ts";
import {linearField} from "../../fields/linear.ts";
import {rotationField} from "../../fields/rotation.ts";
import {integrate as solve} from "../../ode/integrate.ts";
import {solverNames} from "../../ode/solvers.ts";
import {rng} from "../../random.ts";
import type {ParsedOptions} from "../args.ts";
import {command} from "../command.ts";
import {choice, integer, number, seed} from "../../options/schema.ts";

/** The analytic fields the command offers, each with a closed-form flow map to measure the error against. */
const fields: Record<string, {describe: string; make: () => VelocityField}> = {
  rotation: {describe: "rigid rotation, one full turn per unit time", make: () => rotationField({omega: 2 * Math.PI})},
  linear: {
    describe: "spiral sink u = A x + b, A = [[-0.5, -2], [2, -0.5]], b = (0.5, 0)",
    make: () => linearField({a: [-0.5, -2, 2, -0.5], b: [0.5, 0]})
  },
  gaussian: {
    describe: "I-CFM marginal field N(0, I) → N((2, -1), diag(0.25, 4))",
    make: () => gaussianPathField({mu1: [2, -1], cov1: [0.25, 0, 0, 4]})
  },
  ot: {
    describe: "Gaussian OT (straight-line) field N(0, I) → N((2, -1), diag(0.25, 4))",
    make: () => gaussianOtField({mu1: [2, -1], cov1: [0.25, 0, 0, 4]})
  }
};

const fieldNames = Object.keys(fields);

const options = {
  field: choice(fieldNames, "rotation", "velocity field"),
  solver: choice(solverNames, "rk4", "ODE solver"),
  steps: integer(20, "steps of a fixed-step solver", {min: 1, max: 1_000_000}),
  rtol: number(1e-5, "dopri5 relative tolerance", {min: 0}),
  atol: number(1e-5, "dopri5 absolute tolerance", {min: 0}),
  t0: number(0, "start time"),
  t1: number(1, "end time (t1 < t0 integrates backward)"),
  n: integer(1000, "number of points, drawn from N(0, I)", {min: 1, max: 10_000_000}),
  seed: seed(0, "seed of the starting points")
};

/** `integrate`: moves n standard-normal points through an analytic field and reports cost and error. */
export const integrateCommand = command({
  name: "integrate",
  summary: "integrate n points through an analytic field; report NFE and the error against the exact flow",
  options,
  run(o) {
    const field = fields[o.field]!.make();
    const n = o.n;
    const x0 = rng(o.seed).fillNormal(new Float64Array(2 * n)) as Float64Array;
    const start = performance.now();
    const r = solve(fieldDeriv(field, n), x0, {
      solver: o.solver,
      steps: o.steps,
      rtol: o.rtol,
      atol: o.atol,
      t0: o.t0,
      t1: o.t1
    });
    const ms = performance.now() - start;
    const exact = new Float64Array(2 * n);
    field.flowMap!(exact, x0, n, o.t0, o.t1);
    const json = {...settings(o), nfe: r.nfe, steps: r.steps, rejected: r.rejected, ms: round(ms, 3)};
    Object.assign(json, summary(r.y, n), errors(r.y, exact));
    return {json, text: format(json)};
  }
});

function settings(o: ParsedOptions<typeof options>) {
  const adaptive = o.solver === "dopri5";
  return {
    field: o.field,
    solver: o.solver,
    ...(adaptive ? {rtol: o.rtol, atol: o.atol} : {}),
    t0: o.t0,
    t1: o.t1,
    n: o.n,
    seed: o.seed
  };
}

/** Mean and standard deviation of each coordinate of the final state. */
function summary(y: Float64Array, n: number) {
  const mean = [0, 0];
  const sq = [0, 0];
  for (let i = 0; i < n; i++) {
    for (const k of [0, 1]) {
      mean[k]! += y[2 * i + k]! / n;
      sq[k]! += y[2 * i + k]! ** 2 / n;
    }
  }
  const std = [0, 1].map((k) => Math.sqrt(Math.max(0, sq[k]! - mean[k]! ** 2)));
  return {mean: mean.map((v) => round(v, 6)), std: std.map((v) => round(v, 6))};
}

/** Max and RMS Euclidean distance between the solved and the exact end points. */
function errors(y: Float64Array, exact: Float64Array) {
  let max = 0;
  let sum = 0;
  for (let i = 0; i < y.length; i += 2) {
    const e = Math.hypot(y[i]! - exact[i]!, y[i + 1]! - exact[i + 1]!);
    max = Math.max(max, e);
    sum += e * e;
  }
  return {maxError: +max.toPrecision(4), rmsError: +Math.sqrt(sum / (y.length / 2)).toPrecision(4)};
}

function round(v: number, digits: number): number {
  return +v.toFixed(digits);
}

function format(j: Record<string, unknown>): string {
  const tol = j.solver === "dopri5" ? ` rtol ${String(j.rtol)} atol ${String(j.atol)}` : ` ${String(j.steps)} steps`;
  return [
    `integrate ${String(j.field)} with ${String(j.solver)}${tol}, ${String(j.n)} points, t ${String(j.t0)} → ${String(j.t1)}`,
    `  nfe ${String(j.nfe)}  steps ${String(j.steps)}  rejected ${String(j.rejected)}  ${String(j.ms)} ms`,
    `  final mean ${JSON.stringify(j.mean)}  std ${JSON.stringify(j.std)}`,
    `  error vs exact flow: max ${String(j.maxError)}  rms ${String(j.rmsError)}`
  ].join("\n");
}

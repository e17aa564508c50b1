/**
 * few-step: the OT path of Lipman et al. (σ_min) against the VP diffusion path (β ∈ [0.1, 20]) to the same
 * Gaussian-mixture target (path-target.ts), both sampled through their closed-form marginal fields (fm/marginal.ts, no training). For each
 * path the same particles, drawn from its exact t = 0 marginal, are carried to t = 1 by the "exact" ODE solution
 * (midpoint, 200 steps) and by Euler with 1, 2, 4, 8 and 16 steps; the quality of an Euler run is the W2 between its
 * end points and the exact ones (0 when Euler is exact; metrics/w2 on all n points). Frames also carry the straight
 * conditional lines x₀ → x₁ + σ_min x₀ of a few pairs and the curved marginal trajectories of a few particles.
 */
import {closedFormFlow, exactStart, type ClosedFormFlow} from "../fm/closed-form-flow.ts";
import {w2} from "../metrics/w2.ts";
import {lipmanPath} from "../paths/cfm.ts";
import {vpDiffusionPath} from "../paths/diffusion.ts";
import type {ProbabilityPath} from "../paths/path.ts";
import {rng} from "../random.ts";
import {fewStepOptions, type FewStepOptions} from "./few-step-options.ts";
import {pathTargets} from "./path-target.ts";
import type {Progress} from "./stepping.ts";
import type {EngineTask, Job} from "./task.ts";

/** The two paths, in the order of every array of a frame. */
export const FEW_STEP_PATHS = ["ot", "vp"] as const;
/** Euler step counts compared. */
export const EULER_STEPS = [1, 2, 4, 8, 16] as const;
/** Midpoint steps of the reference solution, and the rows of it kept (every REF / ROWS steps). */
export const REFERENCE_STEPS = 200;
const ROWS = 50;
/** Particles whose paths a frame carries, and target points for display. */
const KEEP = 40;
const SHOWN = 150;

export type FewStepFrame = {
  progress: Progress;
  keep: number;
  /** [KEEP, 4]: conditional OT lines, x₀ then x₁ + σ_min x₀ (x₀ the OT particles' own starts). */
  conditional: Float32Array;
  /** [2, ROWS + 1, KEEP, 2]: the exact marginal trajectories of the first KEEP particles of each path. */
  reference: Float32Array;
  rows: number;
  /** Steps of the reference flows taken so far (of REFERENCE_STEPS). */
  referenceTaken: number;
  /** [2, Σ_K (K + 1), KEEP, 2]: Euler paths of each path, step counts in the order of EULER_STEPS. */
  euler: Float32Array;
  /** [2, |EULER_STEPS|, n, 2]: Euler end points. */
  ends: Float32Array;
  n: number;
  /** [2, |EULER_STEPS|]: W2 of the Euler ends to the exact ends (NaN until computed). */
  w2: Float64Array;
  /** Fresh target points [SHOWN, 2], for display. */
  target: Float32Array;
};

export const fewStep: EngineTask<typeof fewStepOptions, FewStepFrame> = {
  name: "few-step",
  options: fewStepOptions,
  start: (options) => fewStepJob(options)
};

/** The OT path with σ_min and the VP path, in the order of FEW_STEP_PATHS. */
export function fewStepPaths(o: FewStepOptions): ProbabilityPath[] {
  return [lipmanPath(o.sigmaMin), vpDiffusionPath()];
}

/** Offset of step count K's rows in a path's block of `euler` (in rows of KEEP points). */
export function eulerRowOffset(index: number): number {
  let rows = 0;
  for (let j = 0; j < index; j++) rows += EULER_STEPS[j]! + 1;
  return rows;
}

export function fewStepJob(o: FewStepOptions): Job<FewStepFrame> {
  const paths = fewStepPaths(o);
  const pathTarget = pathTargets[o.target];
  const keep = Math.min(KEEP, o.n);
  const starts = paths.map((path) => exactStart(path, pathTarget, o.n, rng(o.seed)));
  const every = REFERENCE_STEPS / ROWS;
  const references: ClosedFormFlow[] = paths.map((path, p) =>
    closedFormFlow(path, pathTarget, starts[p]!, {solver: "midpoint", steps: REFERENCE_STEPS, keep, every})
  );
  const rowsPerPath = eulerRowOffset(EULER_STEPS.length);
  const euler = new Float32Array(2 * rowsPerPath * keep * 2);
  const ends = new Float32Array(2 * EULER_STEPS.length * o.n * 2);
  const w2s = new Float64Array(2 * EULER_STEPS.length).fill(NaN);
  const target = new Float32Array(pathTarget.sample(SHOWN, rng(o.seed + 7)));
  const conditional = conditionalLines(starts[0]!, pathTarget.sample(keep, rng(o.seed + 3)), o);

  // The work, in order: the reference flows a few steps at a time, then each Euler run with its W2.
  const work: (() => boolean)[] = [];
  for (const flow of references) work.push(() => (flow.step(10), flow.done));
  paths.forEach((path, p) =>
    EULER_STEPS.forEach((K, j) =>
      work.push(() => {
        const flow = closedFormFlow(path, pathTarget, starts[p]!, {solver: "euler", steps: K, keep});
        flow.step(K);
        euler.set(flow.trajectories, (p * rowsPerPath + eulerRowOffset(j)) * keep * 2);
        ends.set(flow.state, (p * EULER_STEPS.length + j) * o.n * 2);
        w2s[p * EULER_STEPS.length + j] = w2(flow.state, references[p]!.state, o.n);
        return true;
      })
    )
  );
  const total = work.length;
  let next = 0;
  let itemsPerSecond = 0;

  const frame = (): FewStepFrame => ({
    progress: {steps: next, total, stepsPerSecond: itemsPerSecond},
    keep,
    conditional: conditional.slice(),
    reference: Float32Array.from([...references[0]!.trajectories, ...references[1]!.trajectories]),
    rows: ROWS + 1,
    referenceTaken: Math.min(references[0]!.taken, references[1]!.taken),
    euler: euler.slice(),
    ends: ends.slice(),
    n: o.n,
    w2: w2s.slice(),
    target: target.slice()
  });

  return {
    run(budgetMs) {
      if (next >= total) return {done: true};
      const start = performance.now();
      const before = next;
      do if (work[next]!()) next++;
      while (next < total && performance.now() - start < budgetMs);
      itemsPerSecond = (next - before) / Math.max((performance.now() - start) / 1000, 1e-6);
      return {frame: frame(), done: next >= total};
    }
  };
}

/** Straight conditional OT lines for the first `keep` particles: x₀ → x₁ + σ_min x₀ with x₁ drawn from the target. */
function conditionalLines(x0: Float64Array, x1: Float64Array, o: FewStepOptions): Float32Array {
  const keep = x1.length / 2;
  const out = new Float32Array(4 * keep);
  for (let i = 0; i < keep; i++) {
    out[4 * i] = x0[2 * i]!;
    out[4 * i + 1] = x0[2 * i + 1]!;
    out[4 * i + 2] = x1[2 * i]! + o.sigmaMin * x0[2 * i]!;
    out[4 * i + 3] = x1[2 * i + 1]! + o.sigmaMin * x0[2 * i + 1]!;
  }
  return out;
}

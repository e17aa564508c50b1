import {kernels} from "../kernels/index.ts";
import {engineSubject} from "./engine-subject.ts";
import {matmulPeak} from "./matmul-peak.ts";
import {median, pairedRatio, sampleFor} from "./measure.ts";
import {benchShape, forwardFlops, trainFlops, type BenchSubject} from "./subject.ts";
import {loadTfjs, tfjsSubject} from "./tfjs-subject.ts";

export interface BenchOptions {
  /** Time budget of each measurement in each round, in seconds. @defaultValue 0.5 */
  seconds?: number;
  /** Interleaved rounds; results are medians over rounds. @defaultValue 5 */
  rounds?: number;
  /** Include TF.js (wasm and cpu backends). @defaultValue true */
  tfjs?: boolean;
  /** Include TF.js' cpu backend (its forward of 10k points takes seconds). @defaultValue true */
  cpu?: boolean;
  /** Called with a line of progress (the CLI prints it on stderr). */
  progress?: (line: string) => void;
}

const defaults = {seconds: 0.5, rounds: 5, tfjs: true, cpu: true} as const;

export interface SubjectResult {
  /** Median over rounds of training steps per second (batch 256, Adam, sampling included; 1000 / median step ms). */
  trainStepsPerSecond: number;
  /** Median over rounds of the time of one forward pass of 10,000 points, ms. */
  forward10kMs: number;
  /** Matmul FLOPs per second implied by the medians (3× forward FLOPs for a train step), GFLOP/s. */
  trainGflops: number;
  forwardGflops: number;
  rounds: {trainStepsPerSecond: number; forward10kMs: number}[];
}

export interface BenchReport {
  config: {sizes: number[]; activation: string; batch: number; forwardPoints: number; seconds: number; rounds: number};
  host: {node: string | undefined; tfjsWasmSimd: boolean | undefined};
  subjects: Record<string, SubjectResult>;
  /**
   * engine-wasm vs tfjs-wasm: train steps/s ratio (goal ≥ 5) and forward time ratio (goal ≤ 0.8), from the medians
   * above; `paired`: the same ratios from calls of the two alternated back to back (median over rounds), which a
   * shared machine's changing load moves less.
   */
  ratios: {
    trainVsTfjsWasm: number | null;
    forwardTimeVsTfjsWasm: number | null;
    paired: {trainVsTfjsWasm: number; forwardTimeVsTfjsWasm: number} | null;
  };
  /** The kernels' own matmul on 128×128×128, best round, GFLOP/s. */
  matmulPeakGflops: Record<string, number>;
}

/** Warm-up, then `rounds` interleaved rounds over every contender; medians and ratios. Asserts nothing about time. */
export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const {seconds, rounds, tfjs, cpu} = {...defaults, ...options};
  const progress = options.progress ?? (() => {});
  const wasm = await kernels({use: "wasm"});
  const reference = await kernels({use: "reference"});
  const subjects: BenchSubject[] = [engineSubject(wasm, 1), engineSubject(reference, 1)];
  let simd: boolean | undefined;
  if (tfjs) {
    const loaded = await loadTfjs();
    simd = loaded.simd;
    subjects.push(await tfjsSubject(loaded.tf, "wasm", 1));
    if (cpu) subjects.push(await tfjsSubject(loaded.tf, "cpu", 1));
  }
  const results: Record<string, SubjectResult["rounds"]> = {};
  for (const s of subjects) {
    await s.activate?.();
    progress(`warming up ${s.name}`);
    sampleFor(() => s.trainStep(), seconds / 2, 3);
    s.forward();
    results[s.name] = [];
  }
  const peaks: Record<string, number[]> = {wasm: [], reference: []};
  const engine = subjects.find((s) => s.name === "engine-wasm")!;
  const tf = subjects.find((s) => s.name === "tfjs-wasm");
  const paired = {train: [] as number[], forward: [] as number[]};
  for (let r = 0; r < rounds; r++) {
    progress(`round ${r + 1} of ${rounds}`);
    for (const s of subjects) {
      await s.activate?.();
      s.trainStep(); // a TF.js backend switch moves the variables on first use: keep that out of the timing
      const stepMs = median(sampleFor(() => s.trainStep(), seconds, 3));
      const forwardMs = median(sampleFor(() => s.forward(), seconds, 1));
      results[s.name]!.push({trainStepsPerSecond: 1000 / stepMs, forward10kMs: forwardMs});
    }
    if (tf) {
      await tf.activate?.();
      const [engineStep, tfStep] = [() => engine.trainStep(), () => tf.trainStep()];
      const [engineForward, tfForward] = [() => engine.forward(), () => tf.forward()];
      // steps/s ratio = TF.js step time / engine step time
      paired.train.push(1 / pairedRatio(engineStep, tfStep, seconds / 2));
      paired.forward.push(pairedRatio(engineForward, tfForward, seconds / 2));
    }
    peaks.wasm!.push(matmulPeak(wasm, seconds / 4));
    peaks.reference!.push(matmulPeak(reference, seconds / 4));
  }
  for (const s of subjects) s.dispose();

  const summary: Record<string, SubjectResult> = {};
  for (const [name, rs] of Object.entries(results)) summary[name] = summarize(rs);
  const e = summary["engine-wasm"];
  const t = summary["tfjs-wasm"];
  return {
    config: {...benchShape, sizes: benchShape.sizes.slice(), seconds, rounds},
    host: {node: typeof process !== "undefined" ? process.versions?.node : undefined, tfjsWasmSimd: simd},
    subjects: summary,
    ratios: {
      trainVsTfjsWasm: e && t ? e.trainStepsPerSecond / t.trainStepsPerSecond : null,
      forwardTimeVsTfjsWasm: e && t ? e.forward10kMs / t.forward10kMs : null,
      paired: tf ? {trainVsTfjsWasm: median(paired.train), forwardTimeVsTfjsWasm: median(paired.forward)} : null
    },
    matmulPeakGflops: {wasm: Math.max(...peaks.wasm!), reference: Math.max(...peaks.reference!)}
  };
}

/** Medians over rounds, and the matmul FLOP rates they imply for the benchmark's network. */
function summarize(rounds: SubjectResult["rounds"]): SubjectResult {
  const widths = [benchShape.sizes[0] + 1, ...benchShape.sizes.slice(1)];
  const steps = median(rounds.map((x) => x.trainStepsPerSecond));
  const ms = median(rounds.map((x) => x.forward10kMs));
  return {
    trainStepsPerSecond: steps,
    forward10kMs: ms,
    trainGflops: (steps * trainFlops(widths, benchShape.batch)) / 1e9,
    forwardGflops: forwardFlops(widths, benchShape.forwardPoints) / (ms * 1e6),
    rounds
  };
}

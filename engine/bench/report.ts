import type {BenchReport} from "./run.ts";

/** The benchmark as a plain-text table with the goals of architecture.md §7 next to the ratios. */
export function formatBench(report: BenchReport): string {
  const {config, subjects, ratios, matmulPeakGflops: peak} = report;
  const header = ["subject", "train steps/s", "train GFLOP/s", "forward 10k ms", "forward GFLOP/s"];
  const rows = Object.entries(subjects).map(([name, s]) => [
    name,
    s.trainStepsPerSecond.toFixed(1),
    s.trainGflops.toFixed(2),
    s.forward10kMs.toFixed(1),
    s.forwardGflops.toFixed(2)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const ratio = (x: number | null, goal: string, paired: number | undefined) =>
    x === null
      ? "n/a (TF.js skipped)"
      : `${x.toFixed(2)}× (goal ${goal}); calls alternated back to back: ${paired?.toFixed(2)}×`;
  return [
    `MLP ${[config.sizes[0]! + 1, ...config.sizes.slice(1)].join("→")} (${config.activation}), batch ${config.batch}, ` +
      `Adam; forward of ${config.forwardPoints} points. Medians of ${config.rounds} interleaved rounds of ${config.seconds} s.`,
    `node ${report.host.node ?? "?"}; TF.js wasm SIMD: ${report.host.tfjsWasmSimd ?? "n/a"}`,
    "",
    line(header),
    ...rows.map(line),
    "",
    `engine-wasm train steps/s vs tfjs-wasm: ${ratio(ratios.trainVsTfjsWasm, "≥ 5×", ratios.paired?.trainVsTfjsWasm)}`,
    `engine-wasm forward time vs tfjs-wasm:  ${ratio(ratios.forwardTimeVsTfjsWasm, "≤ 0.8×", ratios.paired?.forwardTimeVsTfjsWasm)}`,
    `matmul kernel peak, 128×128×128: wasm ${peak.wasm!.toFixed(1)} GFLOP/s, reference ${peak.reference!.toFixed(2)} GFLOP/s`,
    "(GFLOP/s count matmul FLOPs only: 2 per multiply-add; a train step counts 3× its forward.)"
  ].join("\n");
}

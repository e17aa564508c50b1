import {loadavg} from "node:os";
import {command} from "../command.ts";
import {boolean, integer, number} from "../../options/schema.ts";
import {benchAssignment, formatAssignmentBench} from "../../bench/assignment.ts";
import {formatBench} from "../../bench/report.ts";
import {runBench} from "../../bench/run.ts";

/** `npm run bench` / `npm run flow -- bench`: the engine against TF.js, side by side in one process. */
export const benchCommand = command({
  name: "bench",
  summary: "train steps/s and forward time of the fast MLP vs TF.js (wasm, cpu), with the matmul kernel's peak",
  options: {
    seconds: number(0.5, "time budget of each measurement per round", {min: 0.05, max: 60}),
    rounds: integer(5, "interleaved rounds (medians are reported)", {min: 1, max: 50}),
    tfjs: boolean(true, "include TF.js"),
    cpu: boolean(true, "include TF.js' cpu backend (slow)"),
    assignment: boolean(false, "only time the exact 256×256 OT assignment (ts vs wasm)")
  },
  async run(options) {
    if (options.assignment) {
      const load = loadavg()[0];
      const report = await benchAssignment();
      const json = {...report, loadAverage: load} as unknown as Record<string, unknown>;
      return {json, text: formatAssignmentBench(report, load)};
    }
    const report = await runBench({
      seconds: options.seconds,
      rounds: options.rounds,
      tfjs: options.tfjs,
      cpu: options.cpu,
      progress: options.json ? undefined : (line) => console.error(line)
    });
    return {json: report as unknown as Record<string, unknown>, text: formatBench(report)};
  }
});

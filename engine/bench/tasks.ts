/**
 * Times the two reference tasks headless, the way the worker drives them (slices of 20 ms): fm-train to its W2 and
 * floor, flow-hero to its whole path. Prints one line per run, with wall and CPU seconds (on a shared machine the
 * CPU time is the steadier figure). Run: `npx tsx engine/bench/tasks.ts fm-train '{"seed": 1}'`.
 */
import {kernels} from "../kernels/index.ts";
import {checkValues} from "../options/schema.ts";
import {flowHero} from "../tasks/flow-hero.ts";
import {fmTrain} from "../tasks/fm-train.ts";
import type {EngineTask, Frame} from "../tasks/task.ts";

async function drive<F extends Frame>(task: EngineTask, json: string, isTraining: (f: F) => boolean) {
  const options = checkValues(task.options, JSON.parse(json) as Record<string, unknown>);
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const job = await task.start(options, {kernels: await kernels()});
  let [slices, firstFrame, trained, trainedCpu] = [0, NaN, NaN, NaN];
  let last: F | undefined;
  for (;;) {
    const slice = job.run(20);
    slices++;
    const frame = slice.frame as F | undefined;
    if (frame) last = frame;
    if (frame && Number.isNaN(firstFrame)) firstFrame = performance.now() - t0;
    if (frame && !isTraining(frame) && Number.isNaN(trained)) {
      [trained, trainedCpu] = [performance.now() - t0, process.cpuUsage(c0).user / 1000];
    }
    if (slice.done) break;
  }
  job.dispose?.();
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const timing = `work ${seconds(trained)} s (cpu ${seconds(trainedCpu)} s), first frame ${firstFrame.toFixed(0)} ms, ${slices} slices`;
  return {options, last: last!, timing, total: seconds(performance.now() - t0)};
}

const [name = "fm-train", json = "{}"] = process.argv.slice(2);
if (name === "fm-train") {
  const r = await drive<{phase: string; w2?: number; w2Floor?: number}>(fmTrain, json, (f) => f.phase === "training");
  const {w2 = NaN, w2Floor = NaN} = r.last;
  console.log(
    JSON.stringify(r.options),
    `${r.timing}, W2 ${w2.toFixed(3)}, floor ${w2Floor.toFixed(3)}, gap ${(w2 - w2Floor).toFixed(3)}`
  );
} else if (name === "flow-hero") {
  const r = await drive<{computedUpTo: number; steps: number}>(flowHero, json, (f) => f.computedUpTo < f.steps);
  console.log(JSON.stringify({...r.options, points: String(r.options.points ?? "").length}), r.timing);
} else throw new Error(`unknown task: ${name} (fm-train or flow-hero)`);

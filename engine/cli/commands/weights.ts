import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {kernels} from "../../kernels/index.ts";
import {loadAssignmentKernels} from "../../ot/wasm-kernels.ts";
import {integer, seed, text} from "../../options/schema.ts";
import {shippedNames, type ShippedName} from "../../weights/shipped.ts";
import {trainShipped} from "../../weights/train.ts";
import {PATH_LENGTH, UsageError} from "../args.ts";
import {command} from "../command.ts";
import {round} from "./sample.ts";

/**
 * `weights`: trains the models deck 4 ships (engine/weights/shipped.ts: VP-path FM, OT-path FM, I-CFM, OT-CFM and
 * 2-rectified flow, all N(0, I) → TorchCFM moons) with the live demos' fast recipe, and writes each one, with its
 * seed, steps and the W2 measured at creation next to the floor, to engine/weights/<name>.json (`npm run weights`).
 */
export const weightsCommand = command({
  name: "weights",
  summary: "train and write the models deck 4 ships (engine/weights/*.json), each with the W2 measured at creation",
  options: {
    only: text("all", `comma-separated models to train (${shippedNames.join(", ")}), or all`, 200),
    steps: integer(3000, "training steps per stage (2-RF has two stages)", {min: 10, max: 1_000_000}),
    seed: seed(0, "seed of the weights and batches (the evaluation has its own fixed seed)"),
    "out-dir": text("engine/weights", "folder the JSON files go to", PATH_LENGTH)
  },
  async run(o) {
    const names = o.only === "all" ? shippedNames : (o.only.split(",").map((s) => s.trim()) as ShippedName[]);
    for (const name of names) {
      if (!shippedNames.includes(name))
        throw new UsageError(`unknown model: ${name} (one of ${shippedNames.join(", ")})`);
    }
    const k = await kernels();
    await loadAssignmentKernels();
    mkdirSync(o["out-dir"], {recursive: true});
    const rows = [];
    const started = performance.now();
    for (const name of names) {
      const t0 = performance.now();
      const w = trainShipped(name, k, {steps: o.steps, seed: o.seed});
      const file = join(o["out-dir"], `${name}.json`);
      const body = JSON.stringify(w);
      writeFileSync(file, await formatted(body, file));
      const e = w.evaluation;
      rows.push({
        name,
        method: w.method,
        path: w.path,
        file,
        kb: round(body.length / 1024, 1),
        w2: round(e.w2),
        w2_floor: round(e.w2Floor),
        seconds: round((performance.now() - t0) / 1000, 1)
      });
    }
    const seconds = round((performance.now() - started) / 1000, 1);
    const text = [
      `weights: ${names.length} models, ${o.steps} steps per stage, seed ${o.seed}, kernels ${k.name}: ${seconds} s`,
      ...rows.map(
        (r) => `  ${r.name.padEnd(13)} W2 ${r.w2} (floor ${r.w2_floor})  ${r.kb} kB  ${r.seconds} s  → ${r.file}`
      )
    ].join("\n");
    return {json: {models: rows, steps: o.steps, seed: o.seed, seconds}, text};
  }
});

/** The JSON as the repository's Prettier settings print it, so that `npm run format:check` passes on fresh files. */
async function formatted(json: string, file: string): Promise<string> {
  const prettier = await import("prettier");
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(json, {...config, parser: "json"});
}

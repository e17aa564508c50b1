import {writeFileSync} from "node:fs";
import {integer, seed, text} from "../../options/schema.ts";
import {recordNfRun} from "../../weights/nf-record-train.ts";
import {PATH_LENGTH} from "../args.ts";
import {command} from "../command.ts";
import {round} from "./sample.ts";

/**
 * `weights-nf`: trains the flow deck 2 plays back (D2.6-D2.8: ActNorm + 6 alternating affine couplings of width 32
 * on sklearn moons, by maximum likelihood) and writes the recorded run, its final weights and its test NLL next to
 * the entropy floor to engine/weights/realnvp-moons.json (`npx tsx engine/cli/main.ts weights-nf` reruns it: same seed, same file).
 */
export const weightsNfCommand = command({
  name: "weights-nf",
  summary: "train the flow deck 2 plays back and write its recorded run (engine/weights/realnvp-moons.json)",
  options: {
    steps: integer(3000, "training steps", {min: 1, max: 1_000_000}),
    seed: seed(0, "seed of the weights, batches and recorded points (the test points have their own)"),
    grid: integer(40, "cells per side of each checkpoint's density grid", {min: 4, max: 256}),
    points: integer(300, "held-out points whose latent images are recorded", {min: 1, max: 10_000}),
    out: text("engine/weights/realnvp-moons.json", "file the recording goes to", PATH_LENGTH)
  },
  async run(o) {
    const t0 = performance.now();
    const r = recordNfRun({steps: o.steps, seed: o.seed, grid: o.grid, points: o.points});
    const seconds = round((performance.now() - t0) / 1000, 1);
    const body = JSON.stringify(r);
    writeFileSync(o.out, await formatted(body, o.out));
    const e = r.evaluation;
    const summary = {
      file: o.out,
      kb: round(body.length / 1024, 1),
      steps: o.steps,
      seed: o.seed,
      nll: round(e.nll),
      initial_nll: round(e.initialNll),
      entropy: round(e.entropy),
      checkpoints: r.checkpoints.map((c) => c.step),
      seconds
    };
    const text =
      `weights-nf: ${r.recipe.blocks.join(" ")} (width ${r.recipe.width}) on ${r.dataset}, ${o.steps} steps, ` +
      `seed ${o.seed}: test NLL ${summary.nll} nats (entropy ${summary.entropy}, initial ${summary.initial_nll}), ` +
      `${summary.kb} kB, ${seconds} s → ${o.out}`;
    return {json: summary, text};
  }
});

/** The JSON as the repository's Prettier settings print it, so that `npm run format:check` passes on a fresh file. */
async function formatted(json: string, file: string): Promise<string> {
  const prettier = await import("prettier");
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(json, {...config, parser: "json"});
}

import {describe, expect, it} from "vitest";
import {parseOptions, UsageError} from "../../../engine/cli/args.ts";
import {trainNfCommand} from "../../../engine/cli/commands/train-nf.ts";
import {flowKinds} from "../../../engine/flows/presets.ts";

async function run(argv: string[]) {
  return (await trainNfCommand.run(parseOptions(argv, trainNfCommand.options))).json as Record<string, unknown>;
}

describe("train-nf command", () => {
  it("train-nf trains every flow kind on moons: test NLL falls, gap = NLL − 1.008 (its exact floor), timing reported", async () => {
    for (const flow of flowKinds) {
      const r = await run([
        "--flow",
        flow,
        "--steps",
        "40",
        "--layers",
        "2",
        "--width",
        "8",
        "--lr",
        "1e-2",
        "--test",
        "400"
      ]);
      expect(r, flow).toMatchObject({flow, dataset: "sklearn-moons", entropy_floor: 1.0075848, steps: 40, layers: 2});
      expect(r.nll as number, flow).toBeLessThan((r.initial_nll as number) - 0.05);
      expect(r.gap as number).toBeCloseTo((r.nll as number) - 1.0075848, 3);
      expect(r.train_seconds as number).toBeGreaterThan(0);
      expect(r.steps_per_second as number).toBeGreaterThan(0);
    }
  });

  it("train-nf takes each kind's defaults for --layers, --width and --lr at 0", async () => {
    const r = await run(["--flow", "planar", "--steps", "1", "--test", "10"]);
    expect(r).toMatchObject({layers: 32, lr: 1e-2});
    const text = (await trainNfCommand.run(parseOptions(["--steps", "0", "--test", "10"], trainNfCommand.options)))
      .text;
    expect(text).toMatch(/^train-nf realnvp on sklearn-moons: 8 layers, width 64/);
  });

  it("train-nf rejects an unknown flow or dataset with a UsageError", async () => {
    expect(() => parseOptions(["--flow", "glow"], trainNfCommand.options)).toThrow(UsageError);
    await expect(run(["--dataset", "nope", "--steps", "0"])).rejects.toThrow(UsageError);
  });
});

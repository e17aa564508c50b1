import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {parseOptions, UsageError} from "../../../engine/cli/args.ts";
import {sampleCommand} from "../../../engine/cli/commands/sample.ts";
import {trainCommand} from "../../../engine/cli/commands/train.ts";
import {fmMethodNames} from "../../../engine/fm/methods.ts";

const dir = mkdtempSync(join(tmpdir(), "flowdeck-train-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const tiny = ["--steps", "40", "--batch", "64", "--eval-n", "100", "--solver", "rk4", "--nfe", "20", "--width", "16"];

async function train(argv: string[]) {
  return (await trainCommand.run(parseOptions([...tiny, ...argv], trainCommand.options))).json;
}

describe("train and sample commands", () => {
  it("trains every method and reports the required fields", {timeout: 60_000}, async () => {
    for (const method of fmMethodNames) {
      const j = await train(["--method", method, "--nll=false"]);
      for (const key of ["method", "steps", "train_seconds", "steps_per_second", "final_loss", "w2", "w2_floor"]) {
        expect(j, `${method} ${key}`).toHaveProperty(key);
      }
      expect(j.method).toBe(method);
      expect(j.nfe).toBe(20);
      expect(j.steps).toBe(method === "rf" ? 80 : 40);
      expect(Number.isFinite(j.path_energy) && Number.isFinite(j.final_loss)).toBe(true);
      expect(j.w2 as number).toBeGreaterThan(0);
    }
    // SB-CFM pairs by the exact plan by default (TorchCFM's class default) and by Sinkhorn (reg 2σ²) on request.
    expect((await train(["--method", "sb", "--nll=false"])).coupling).toBe("ot");
    expect((await train(["--method", "sb", "--plan", "sinkhorn", "--nll=false", "--steps", "5"])).coupling).toBe(
      "sinkhorn"
    );
  });

  it(
    "reports the NLL next to the entropy floor and writes weights that `sample` reads back",
    {timeout: 30_000},
    async () => {
      const out = join(dir, "w.json");
      const j = await train(["--method", "ot-cfm", "--target", "moons", "--out", out]);
      expect(j.entropy_floor).toBe(1.0075848);
      expect(j.nll as number).toBeGreaterThan(0.5);
      expect(j.nll_gap).toBeCloseTo((j.nll as number) - 1.0075848, 3);
      expect(JSON.parse(readFileSync(out, "utf8")).kind).toBe("flowdeck-fm");
      const argv = ["--weights", out, "--n", "100", "--solver", "rk4", "--nfe", "20"];
      const s = await sampleCommand.run(parseOptions(argv, sampleCommand.options));
      expect(s.json.nfe).toBe(20);
      expect(s.json.samples).toHaveLength(100);
      // Same weights and solver as the evaluation inside `train` (other source and test draws): similar sample quality.
      expect(s.json.w2 as number).toBeLessThan((j.w2 as number) * 1.5 + 0.2);
      const csv = await sampleCommand.run(
        parseOptions([...argv, "--format", "csv", "--n", "3"], sampleCommand.options)
      );
      expect(csv.text.split("\n")).toHaveLength(4);
    }
  );

  it("rejects bad input with a UsageError", async () => {
    await expect(train(["--method", "lipman", "--source", "8gaussians"])).rejects.toThrow(UsageError);
    await expect(train(["--target", "nope"])).rejects.toThrow(UsageError);
    // Only −1 means "the method's default σ"; any other negative σ is rejected before training starts.
    await expect(train(["--method", "i-cfm", "--sigma", "-0.5"])).rejects.toThrow("invalid sigma: -0.5");
    await expect(train(["--method", "sb", "--sigma", "0"])).rejects.toThrow("invalid sigma: 0");
    expect(() => parseOptions(["--method", "ddpm"], trainCommand.options)).toThrow(UsageError);
    const missing = parseOptions(["--weights", join(dir, "missing.json")], sampleCommand.options);
    await expect(Promise.resolve().then(() => sampleCommand.run(missing))).rejects.toThrow(UsageError);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({kind: "mlp"}));
    const malformed = parseOptions(["--weights", bad], sampleCommand.options);
    await expect(Promise.resolve().then(() => sampleCommand.run(malformed))).rejects.toThrow("invalid weights: kind");
  });
});

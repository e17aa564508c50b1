import {describe, expect, it} from "vitest";
import {parseOptions, UsageError} from "../../../engine/cli/args.ts";
import {trainCnfCommand} from "../../../engine/cli/commands/train-cnf.ts";

async function run(argv: string[]) {
  return (await trainCnfCommand.run(parseOptions(argv, trainCnfCommand.options))).json as Record<string, unknown>;
}

describe("train-cnf command", () => {
  it("train-cnf lowers the test NLL on moons and reports it against the 1.008-nat entropy floor", async () => {
    const r = await run(["--steps", "25", "--hidden", "16,16", "--batch", "64", "--nsteps", "5", "--test", "300"]);
    expect(r).toMatchObject({dataset: "sklearn-moons", entropy_floor: 1.0075848, nfe: 20, nfe_total: 500});
    expect(r.nll as number).toBeLessThan((r.initial_nll as number) - 0.3);
    expect(r.gap as number).toBeCloseTo((r.nll as number) - 1.0075848, 3);
    expect(r.nll as number).toBeGreaterThan(1.0075848 - 0.1); // a test NLL cannot beat the entropy by much
    expect(r.train_seconds as number).toBeGreaterThan(0);
    // The same model solved adaptively: dopri5 costs 2 + 6 per attempt, and agrees with the 5-step RK4 likelihood.
    expect(((r.dopri5_nfe as number) - 2) % 6).toBe(0);
    expect(Math.abs((r.dopri5_nll as number) - (r.nll as number))).toBeLessThan(0.05);
  });

  it("train-cnf --steps 0 only evaluates, and its text names the cost", async () => {
    const out = await trainCnfCommand.run(
      parseOptions(["--steps", "0", "--hidden", "8", "--test", "50", "--solver", "euler"], trainCnfCommand.options)
    );
    expect(out.json.nll).toBe(out.json.initial_nll);
    expect(out.text).toMatch(/^train-cnf on sklearn-moons: 0 steps of euler × 10/);
  });

  it("train-cnf turns an unknown dataset or malformed widths into a UsageError", async () => {
    await expect(run(["--dataset", "nope"])).rejects.toThrow(UsageError);
    await expect(run(["--hidden", "64,x"])).rejects.toThrow("invalid --hidden: 64,x");
    expect(() => parseOptions(["--solver", "dopri5"], trainCnfCommand.options)).toThrow(UsageError);
  });
});

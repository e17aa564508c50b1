import {describe, expect, it} from "vitest";
import {parseOptions, UsageError} from "../../../engine/cli/args.ts";
import {integrateCommand} from "../../../engine/cli/commands/integrate.ts";

async function run(argv: string[]) {
  return (await integrateCommand.run(parseOptions(argv, integrateCommand.options))).json as Record<string, number>;
}

describe("integrate command", () => {
  it("integrate reports NFE and an error against the exact flow that shrinks at rk4's order 4", async () => {
    const coarse = await run(["--field", "linear", "--solver", "rk4", "--steps", "10", "--n", "50"]);
    const fine = await run(["--field", "linear", "--solver", "rk4", "--steps", "20", "--n", "50"]);
    expect(coarse.nfe).toBe(40);
    expect(Math.log2(coarse.maxError! / fine.maxError!)).toBeCloseTo(4, 0);
  });

  it("integrate --solver dopri5 meets its tolerance on every field, forward and backward", async () => {
    for (const field of ["rotation", "linear", "gaussian", "ot"]) {
      const r = await run(["--field", field, "--solver", "dopri5", "--rtol", "1e-8", "--atol", "1e-8", "--n", "100"]);
      expect(r.maxError, field).toBeLessThan(1e-6);
      expect(r.nfe).toBe(2 + 6 * (r.steps! + r.rejected!));
    }
    const back = await run(["--field", "gaussian", "--solver", "dopri5", "--t0", "1", "--t1", "0", "--n", "100"]);
    expect(back.maxError).toBeLessThan(1e-4);
  });

  it("integrate prints a readable summary and rejects bad options with a UsageError", async () => {
    const out = await integrateCommand.run(parseOptions(["--n", "10"], integrateCommand.options));
    expect(out.text).toMatch(/^integrate rotation with rk4 20 steps, 10 points/);
    expect(out.json).toHaveProperty("mean");
    expect(() => parseOptions(["--field", "spiral"], integrateCommand.options)).toThrow(UsageError);
    expect(() => parseOptions(["--solver", "rk45"], integrateCommand.options)).toThrow(UsageError);
  });
});

import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseOptions, UsageError} from "../../../engine/cli/args.ts";
import {commands} from "../../../engine/cli/commands.ts";
import {datasetsCommand} from "../../../engine/cli/commands/datasets.ts";
import {parseCsv, parseJson} from "../../../engine/cli/commands/w2.ts";
import {dataset, datasetNames} from "../../../engine/data/registry.ts";
import {rng} from "../../../engine/random.ts";

async function run(argv: string[]) {
  return datasetsCommand.run(parseOptions(argv, datasetsCommand.options));
}

describe("datasets command", () => {
  it("is registered and lists every dataset with its floor, plus the aliases", async () => {
    expect(commands).toContain(datasetsCommand);
    const out = await run([]);
    const rows = out.json.datasets as {name: string; entropy: number | null}[];
    expect(rows.map((r) => r.name)).toEqual(datasetNames());
    expect(rows.find((r) => r.name === "sklearn-moons")!.entropy).toBe(1.0075848);
    expect(out.text).toMatch(/^sklearn-moons +1\.008 /m);
    expect(out.text).toMatch(/^ffjord-checkerboard +3\.466 exact +p /m);
    // the corrected floors, each from the recipe's exact density, with its error; k-NN only where marked
    expect(out.text).toMatch(/^torchcfm-moons +2\.048 ±1e-6 +p /m);
    expect(out.text).toMatch(/^torchcfm-8gaussians +3\.764 ±1e-8 +p /m);
    expect(out.text).toMatch(/^ffjord-8gaussians +2\.832 ±1e-8 +p /m);
    expect(out.text).toMatch(/^dsb-8gaussians +5\.722 ±1e-8 +p /m);
    expect(out.text).toMatch(/^runner-gaussians +4\.771 ±1e-8 +p /m);
    expect(out.text).toMatch(/^ffjord-pinwheel +2\.316 ±2e-2 {5}[^p]/m);
    const torchcfm = rows.find((r) => r.name === "torchcfm-moons") as Record<string, unknown>;
    expect(torchcfm).toMatchObject({entropy_error: 1e-6, density: true});
    expect(torchcfm.entropy_method).toMatch(/exact density/);
    expect(out.text).toMatch(/aliases: moons = sklearn-moons, 8gaussians = torchcfm-8gaussians/);
  });

  it("samples as CSV that parses back to the same float64 points as the engine's sampler", async () => {
    const out = await run(["--name", "moons", "--n", "50", "--seed", "7"]);
    expect(out.text.split("\n")[0]).toBe("x,y");
    expect(Array.from(parseCsv(out.text))).toEqual(Array.from(dataset("sklearn-moons").sample(50, rng(7))));
  });

  it("samples as JSON to a file, and --json prints one object with the points", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "flow-datasets-")), "pts.json");
    const out = await run(["--name", "8gaussians", "--n", "20", "--format", "json", "--out", file]);
    expect(out.json).toEqual({name: "torchcfm-8gaussians", n: 20, seed: 1, format: "json", out: file});
    expect(out.text).toMatch(/^wrote 20 points of torchcfm-8gaussians \(seed 1\) to /);
    const written = JSON.parse(readFileSync(file, "utf8")) as {points: number[][]};
    expect(written.points.length).toBe(20);
    expect(Array.from(parseJson(readFileSync(file, "utf8")))).toEqual(
      Array.from(dataset("8gaussians").sample(20, rng(1)))
    );
    const printed = await run(["--name", "normal", "--n", "3", "--json"]);
    expect(JSON.parse(JSON.stringify(printed.json)).points).toHaveLength(3);
  });

  it("rejects an unknown dataset, a bad format and an unwritable file with a UsageError", async () => {
    await expect(async () => run(["--name", "spirals"])).rejects.toThrow(UsageError);
    await expect(async () => run(["--name", "spirals"])).rejects.toThrow(/unknown dataset: spirals/);
    expect(() => parseOptions(["--format", "xml"], datasetsCommand.options)).toThrow(UsageError);
    expect(() => parseOptions(["--n", "0"], datasetsCommand.options)).toThrow(
      /invalid --n: "0" \(an integer from 1 to 10000000\)/
    );
    await expect(async () => run(["--name", "moons", "--out", "/nonexistent-dir/x.csv"])).rejects.toThrow(
      /cannot write \/nonexistent-dir\/x.csv/
    );
  });
});

import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseOptions, UsageError} from "../../../engine/cli/args.ts";
import {commands} from "../../../engine/cli/commands.ts";
import {parseCsv, parseJson, w2Command} from "../../../engine/cli/commands/w2.ts";
import {dataset} from "../../../engine/data/registry.ts";
import {w2} from "../../../engine/metrics/w2.ts";
import {rng} from "../../../engine/random.ts";

async function run(argv: string[]) {
  return w2Command.run(parseOptions(argv, w2Command.options));
}

const dir = mkdtempSync(join(tmpdir(), "flow-w2-"));

describe("w2 command", () => {
  it("between two datasets reports W2, W2² and the floor of --a, matching the engine with the same seed", async () => {
    expect(commands).toContain(w2Command);
    const out = await run(["--a", "moons", "--b", "normal", "--n", "200", "--seed", "3"]);
    const root = rng(3);
    const [ra, rb] = [rng(root.uint32()), rng(root.uint32())];
    const expected = w2(dataset("moons").sample(200, ra), dataset("normal").sample(200, rb), 200);
    expect(out.json.w2).toBeCloseTo(expected, 12);
    expect(out.json.w2Squared).toBeCloseTo(expected ** 2, 12);
    const floor = out.json.floor as {mean: number; sd: number; reps: number};
    expect(floor.reps).toBe(3);
    expect(floor.mean).toBeGreaterThan(0.05);
    expect(floor.mean).toBeLessThan(0.2);
    expect(out.text).toMatch(
      /^W2\(moons, normal\) at n=200: \d\.\d{4} {2}\(W2² \d\.\d{4}\)\nfloor of moons at n=200: /
    );
  });

  it("never compares a file made by `datasets --seed s` with the identical sample of `w2 --seed s`", async () => {
    const file = join(dir, "moons.csv");
    const pts = dataset("moons").sample(100, rng(1)); // what `datasets --name moons --n 100` writes (seed 1)
    writeFileSync(file, Array.from({length: 100}, (_, i) => `${pts[2 * i]},${pts[2 * i + 1]}`).join("\n") + "\n");
    const out = await run(["--a", file, "--b", "moons", "--n", "100"]);
    expect(out.json.w2).toBeGreaterThan(0.05);
  });

  it("reads CSV and JSON files; a file identical to the other sample gives W2 = 0 and no floor", async () => {
    const pts = dataset("normal").sample(40, rng(1));
    const csv = join(dir, "a.csv");
    const json = join(dir, "b.json");
    writeFileSync(
      csv,
      "x,y\n" + Array.from({length: 40}, (_, i) => `${pts[2 * i]},${pts[2 * i + 1]}`).join("\n") + "\n"
    );
    writeFileSync(json, JSON.stringify(Array.from({length: 40}, (_, i) => [pts[2 * i + 1], pts[2 * i]])));
    const same = await run(["--a", csv, "--b", csv, "--n", "40"]);
    expect(same.json.w2).toBe(0);
    expect(same.json.floor).toBeNull();
    expect(same.text).toMatch(/floor: n\/a/);
    const swapped = await run(["--a", csv, "--b", json, "--n", "1000", "--json"]);
    expect(swapped.json.n).toBe(40); // n shrinks to the smallest file
    expect(swapped.json.w2).toBeGreaterThan(0);
  });

  it("rejects unknown datasets, missing files and malformed CSV/JSON with a UsageError naming the problem", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "x,y\n1,2\n3,abc\n");
    const cases: [string[], RegExp][] = [
      [["--a", "moonz", "--b", "normal"], /unknown dataset: moonz/],
      [["--a", "moons", "--b", join(dir, "missing.csv")], /cannot read .*missing\.csv: ENOENT/],
      [["--a", bad, "--b", "normal"], /malformed CSV: .*bad\.csv line 3: "3,abc"/]
    ];
    for (const [argv, message] of cases) {
      await expect(async () => run(argv)).rejects.toThrow(UsageError);
      await expect(async () => run(argv)).rejects.toThrow(message);
    }
    await expect(async () => run(["--b", "normal"])).rejects.toThrow(/missing option: --a/);
    expect(parseOptions(["--help"], w2Command.options).help).toBe(true);
  });

  it("parses CSV with headers, semicolons or spaces, and JSON as pairs, flat arrays or {points}", () => {
    expect(Array.from(parseCsv("1;2\n\n3 4\n"))).toEqual([1, 2, 3, 4]);
    expect(Array.from(parseCsv("a,b\r\n-1e-3,2.5\r\n"))).toEqual([-0.001, 2.5]);
    expect(() => parseCsv("1,2,3\n")).toThrow(/malformed CSV: input line 1/);
    expect(() => parseCsv("x,y\n")).toThrow(/has no points/);
    expect(Array.from(parseJson("[[1,2],[3,4]]"))).toEqual([1, 2, 3, 4]);
    expect(Array.from(parseJson("[1,2,3,4]"))).toEqual([1, 2, 3, 4]);
    expect(Array.from(parseJson('{"points":[[5,6]]}'))).toEqual([5, 6]);
    expect(() => parseJson("[[1,2],[3]]")).toThrow(/finite \[x, y\] pairs/);
    expect(() => parseJson("{")).toThrow(/does not parse/);
    expect(() => parseJson('{"x":1}')).toThrow(/no point array/);
  });
});

/**
 * `datasets`: lists the registered 2D datasets (name, entropy floor, description), or samples one of them as CSV or
 * JSON, to stdout or to a file. Like every CLI file it may touch the host (here: writing --out).
 */
import {writeFileSync} from "node:fs";
import type {Dataset2D} from "../../data/dataset.ts";
import {dataset, datasetAliases, datasetNames} from "../../data/registry.ts";
import {rng} from "../../random.ts";
import {choice, integer, seed, text} from "../../options/schema.ts";
import {PATH_LENGTH, UsageError, type ParsedOptions} from "../args.ts";
import {command, type CommandResult} from "../command.ts";

const options = {
  name: text("", "dataset to sample (omit to list them all)"),
  n: integer(1000, "number of points", {min: 1, max: 10_000_000}),
  seed: seed(1, "random seed"),
  format: choice(["csv", "json"], "csv", "sample format"),
  out: text("", "write the sample to this file instead of stdout", PATH_LENGTH)
};

export const datasetsCommand = command({
  name: "datasets",
  summary: "list the 2D datasets with their entropy floors, or sample one (--name) as CSV or JSON",
  options,
  run(o) {
    return o.name === "" ? list() : sample(o);
  }
});

/** The registry by name or alias, as a UsageError when unknown. */
export function resolveDataset(name: string): Dataset2D {
  try {
    return dataset(name);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function list(): CommandResult {
  const rows = datasetNames().map((name) => {
    const d = dataset(name);
    return {
      name,
      entropy: d.entropy ?? null,
      entropy_error: d.entropyError ?? null,
      entropy_method: d.entropyMethod ?? null,
      density: d.logDensity !== undefined,
      extent: d.extent,
      description: d.description
    };
  });
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map((r) => {
    const floor = r.entropy === null ? "    –" : r.entropy.toFixed(3);
    return `${r.name.padEnd(width)}  ${floor} ${formatError(r.entropy_error).padEnd(6)}${r.density ? "  p" : "   "}  ${r.description}`;
  });
  const aliases = Object.entries(datasetAliases).map(([a, t]) => `${a} = ${t}`);
  const header = `${"name".padEnd(width)}  H floor (nats) ± error; p = exact density`;
  const note = "floors come from the exact density (closed form or quadrature); ±2e-2 marks a k-NN estimate";
  return {
    json: {datasets: rows, aliases: datasetAliases},
    text: [header, ...lines, "", note, `aliases: ${aliases.join(", ")}`].join("\n")
  };
}

/** "exact" for a closed form, "±1e-6" for a bound, "" when unknown. */
function formatError(error: number | null): string {
  if (error === null) return "";
  return error === 0 ? "exact" : `±${error.toExponential(0)}`;
}

function sample(o: ParsedOptions<typeof options>): CommandResult {
  const d = resolveDataset(o.name);
  const n = o.n;
  const seed = o.seed;
  const x = d.sample(n, rng(seed));
  const body = o.format === "csv" ? toCsv(x, n) : JSON.stringify({name: d.name, n, seed, points: toPairs(x, n)});
  const summary = {name: d.name, n, seed, format: o.format};
  if (o.out !== "") {
    try {
      writeFileSync(o.out, body + "\n");
    } catch (error) {
      throw new UsageError(`cannot write ${String(o.out)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return {json: {...summary, out: o.out}, text: `wrote ${n} points of ${d.name} (seed ${seed}) to ${String(o.out)}`};
  }
  return {json: {...summary, points: toPairs(x, n)}, text: body};
}

/** "x,y" header then one row per point, with full float64 precision (shortest round-trip form). */
export function toCsv(x: Float64Array, n: number): string {
  const lines = ["x,y"];
  for (let i = 0; i < n; i++) lines.push(`${x[2 * i]},${x[2 * i + 1]}`);
  return lines.join("\n");
}

function toPairs(x: Float64Array, n: number): [number, number][] {
  return Array.from({length: n}, (_, i) => [x[2 * i]!, x[2 * i + 1]!]);
}

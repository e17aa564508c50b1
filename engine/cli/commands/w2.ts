/**
 * `w2`: the exact W2 (and W2²) between two equal-size 2D samples, each a registered dataset (sampled here) or a
 * CSV/JSON file of points, printed next to the finite-sample floor of the first one (engine-reference §3.2).
 */
import {readFileSync} from "node:fs";
import {w2Floor} from "../../metrics/floor.ts";
import {w2Squared} from "../../metrics/w2.ts";
import {rng, type Rng} from "../../random.ts";
import {PATH_LENGTH, required, UsageError} from "../args.ts";
import {command} from "../command.ts";
import {integer, seed, text} from "../../options/schema.ts";
import {resolveDataset} from "./datasets.ts";

export const w2Command = command({
  name: "w2",
  summary: "exact W2 between two samples (dataset names or .csv/.json files) and the finite-sample floor of --a",
  options: {
    a: required(text("", "first sample: a dataset name or a .csv/.json file of points", PATH_LENGTH)),
    b: required(text("", "second sample: a dataset name or a .csv/.json file of points", PATH_LENGTH)),
    n: integer(1000, "points per sample (files: a seeded subset if larger)", {min: 2, max: 5000}),
    seed: seed(1, "random seed (a and b each get a stream split off it; the floor its own)"),
    reps: integer(3, "repetitions of the floor estimate", {min: 1, max: 100})
  },
  run(o) {
    const a = load(o.a);
    const b = load(o.b);
    const n = Math.min(o.n, a.count ?? Infinity, b.count ?? Infinity);
    if (n < 2) throw new UsageError(`too few points: ${n} (need at least 2 in each file)`);
    // Each side draws from its own stream split off the seed, never rng(seed) itself: that is the stream of
    // `datasets --seed`, and a file made by it would otherwise be compared with an identical sample (W2 = 0).
    const root = rng(o.seed);
    const xa = a.take(n, rng(root.uint32()));
    const xb = b.take(n, rng(root.uint32()));
    const start = performance.now();
    const w2sq = w2Squared(xa, xb, n);
    const ms = performance.now() - start;
    const floor = a.dataset ? w2Floor(resolveDataset(a.dataset), n, rng(o.seed + 1_000_003), o.reps) : null;
    const json = {
      a: o.a,
      b: o.b,
      n,
      seed: o.seed,
      w2: Math.sqrt(w2sq),
      w2Squared: w2sq,
      floor: floor ? {mean: floor.mean, sd: floor.sd, reps: floor.reps} : null,
      ms: Math.round(ms * 10) / 10
    };
    const floorText = floor
      ? `floor of ${String(o.a)} at n=${n}: ${floor.mean.toFixed(4)} ± ${floor.sd.toFixed(4)}`
      : "floor: n/a (--a is a file)";
    const head = `W2(${String(o.a)}, ${String(o.b)}) at n=${n}: ${json.w2.toFixed(4)}  (W2² ${w2sq.toFixed(4)})`;
    const text = `${head}\n${floorText}`;
    return {json, text};
  }
});

interface Source {
  /** Points available (files) or undefined (datasets sample any number). */
  count?: number;
  dataset?: string;
  take(n: number, r: Rng): Float64Array;
}

function load(spec: string): Source {
  if (!/\.(csv|json)$/i.test(spec)) {
    const d = resolveDataset(spec);
    return {dataset: d.name, take: (n, r) => d.sample(n, r)};
  }
  let text: string;
  try {
    text = readFileSync(spec, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${spec}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const points = /\.csv$/i.test(spec) ? parseCsv(text, spec) : parseJson(text, spec);
  const count = points.length / 2;
  return {
    count,
    // A file larger than n contributes a seeded random subset (without replacement) of n points.
    take(n, r) {
      if (n === count) return points;
      const order = r.permutation(count);
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) out.set(points.subarray(2 * order[i]!, 2 * order[i]! + 2), 2 * i);
      return out;
    }
  };
}

/** Two numeric columns separated by a comma (or ; or whitespace); an optional non-numeric header line. */
export function parseCsv(text: string, file = "input"): Float64Array {
  const values: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, k) => {
    if (line.trim() === "") return;
    const cells = line.trim().split(/\s*[,;\s]\s*/);
    const numbers = cells.map((c) => (c.trim() === "" ? NaN : Number(c)));
    const numeric = cells.length === 2 && numbers.every(Number.isFinite);
    if (numeric) values.push(numbers[0]!, numbers[1]!);
    else if (!(k === 0 && numbers.every(Number.isNaN))) {
      throw new UsageError(`malformed CSV: ${file} line ${k + 1}: ${JSON.stringify(line.slice(0, 40))}`);
    }
  });
  if (values.length === 0) throw new UsageError(`malformed CSV: ${file} has no points`);
  return Float64Array.from(values);
}

/** [[x, y], ...], a flat [x0, y0, x1, y1, ...] array, or an object with such a `points` field. */
export function parseJson(text: string, file = "input"): Float64Array {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`malformed JSON: ${file} does not parse`);
  }
  const points =
    data !== null && typeof data === "object" && !Array.isArray(data) ? (data as {points?: unknown}).points : data;
  if (!Array.isArray(points) || points.length === 0) throw new UsageError(`malformed JSON: ${file} has no point array`);
  const flat = Array.isArray(points[0]) ? points.flat() : points;
  const pairsOk = !Array.isArray(points[0]) || points.every((p) => Array.isArray(p) && p.length === 2);
  if (!pairsOk || flat.length % 2 !== 0 || !flat.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new UsageError(`malformed JSON: ${file} points must be finite [x, y] pairs`);
  }
  return Float64Array.from(flat as number[]);
}

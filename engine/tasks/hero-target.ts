/**
 * The target of the flow-hero task as a Gaussian mixture (fm/marginal.ts): a registered dataset (exactly, when it is
 * a mixture; else m of its points), the lit pixels of a word, or points a viewer drew, given as text. A cloud of
 * points becomes an equal-weight mixture with a small isotropic σ, 1.5% of the cloud's larger side, so that particles
 * spread over each point's neighbourhood instead of collapsing onto it.
 */
import type {Dataset2D} from "../data/dataset.ts";
import {maybeDataset} from "../data/registry.ts";
import {textCloud} from "../data/text-cloud.ts";
import type {Mixture} from "../fm/marginal.ts";
import type {Rng} from "../random.ts";

/** Points of a cloud at most: the marginal field costs O(n · m) per evaluation. */
export const MAX_POINTS = 300;
/** Largest |coordinate| of a drawn point, in data units. */
export const MAX_COORD = 100;
/** σ of a cloud's mixture as a fraction of the cloud's larger side. */
const SMOOTHING = 0.015;

export interface HeroTarget {
  mixture: Mixture;
  /** The points (or mixture means) to draw as the target [m, 2]. */
  points: Float64Array;
  /** σ of every component (0 for a registered mixture, whose own covariances are kept). */
  sigma: number;
}

/** A registered dataset: itself if it is a Gaussian mixture, else `m` of its points smoothed. */
export function datasetTarget(name: string, m: number, rng: Rng): HeroTarget {
  const d = maybeDataset(name);
  if (isMixture(d))
    return {mixture: {weights: d.weights, means: d.means, covs: d.covs}, points: d.sample(m, rng), sigma: 0};
  return cloudTarget(d.sample(m, rng));
}

/** The lit pixels of `word` (5×7 font, 4 units tall), m points of them. */
export function wordTarget(word: string, m: number, rng: Rng): HeroTarget {
  if (word.trim() === "") throw new RangeError(`invalid word: ${JSON.stringify(word)} (some text to draw)`);
  let cloud: Dataset2D;
  try {
    cloud = textCloud(word);
  } catch (error) {
    throw new RangeError(`invalid word: ${(error as Error).message}`);
  }
  return cloudTarget(cloud.sample(m, rng));
}

const COORD = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Drawn points as text, "x,y x,y …" (pairs separated by spaces or semicolons), 1 to MAX_POINTS of them, each
 * coordinate at most MAX_COORD in size; more points are thinned evenly. RangeError `invalid points: …` otherwise.
 */
export function parsePoints(text: string): Float64Array {
  const what = `(pairs "x,y" separated by spaces, 1 or more, |x| and |y| ≤ ${MAX_COORD})`;
  const pairs = text
    .trim()
    .split(/[\s;]+/)
    .filter((s) => s !== "");
  if (pairs.length === 0) throw new RangeError(`invalid points: no points ${what}`);
  const out = new Float64Array(2 * pairs.length);
  pairs.forEach((pair, i) => {
    const xy = pair.split(",");
    const ok = xy.length === 2 && xy.every((v) => COORD.test(v) && Math.abs(Number(v)) <= MAX_COORD);
    if (!ok) throw new RangeError(`invalid points: ${JSON.stringify(pair.slice(0, 40))} ${what}`);
    out[2 * i] = Number(xy[0]);
    out[2 * i + 1] = Number(xy[1]);
  });
  return thin(out, MAX_POINTS);
}

/** Every point of a cloud of at most `max`, or `max` of them evenly spaced through the list. */
function thin(points: Float64Array, max: number): Float64Array {
  const m = points.length / 2;
  if (m <= max) return points;
  const out = new Float64Array(2 * max);
  for (let i = 0; i < max; i++)
    out.set(points.subarray(2 * Math.floor((i * m) / max), 2 * Math.floor((i * m) / max) + 2), 2 * i);
  return out;
}

/** An equal-weight mixture on the points with σ = SMOOTHING × the larger side of their box (at least 0.01). */
export function cloudTarget(points: Float64Array): HeroTarget {
  const m = points.length / 2;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < m; i++) {
    [x0, x1] = [Math.min(x0, points[2 * i]!), Math.max(x1, points[2 * i]!)];
    [y0, y1] = [Math.min(y0, points[2 * i + 1]!), Math.max(y1, points[2 * i + 1]!)];
  }
  const sigma = Math.max(0.01, SMOOTHING * Math.max(x1 - x0, y1 - y0));
  const covs = new Float64Array(4 * m);
  for (let i = 0; i < m; i++) covs.set([sigma * sigma, 0, 0, sigma * sigma], 4 * i);
  return {mixture: {weights: new Float64Array(m).fill(1 / m), means: points.slice(), covs}, points, sigma};
}

function isMixture(d: Dataset2D): d is Dataset2D & Mixture {
  const m = d as Partial<Mixture>;
  return m.weights instanceof Float64Array && m.means instanceof Float64Array && m.covs instanceof Float64Array;
}

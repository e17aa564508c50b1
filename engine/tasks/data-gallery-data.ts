/**
 * The data of the data-gallery task: N training points and N fresh points of the same distribution, seeded, from a
 * registered dataset (scikit-learn's moons with the chosen noise), or the points a viewer drew (no fresh data then:
 * a drawing is a sample of nothing we can draw again).
 */
import {maybeDataset} from "../data/registry.ts";
import {makeMoons} from "../data/sklearn.ts";
import {rng} from "../random.ts";
import type {DataGalleryOptions} from "./data-gallery-options.ts";
import {parsePoints} from "./hero-target.ts";

/** Training and fresh points [N, 2] for the options (RangeError naming `points` for a bad drawing). */
export function trainingData(o: DataGalleryOptions): {training: Float64Array; fresh: Float64Array} {
  if (o.dataset === "drawn") return {training: parsePoints(o.points), fresh: new Float64Array(0)};
  const [a, b] = [rng(o.seed), rng(o.seed + 1)];
  if (o.dataset === "moons" || o.dataset === "sklearn-moons") {
    return {training: makeMoons(o.n, o.noise, a), fresh: makeMoons(o.n, o.noise, b)};
  }
  const d = maybeDataset(o.dataset);
  return {training: d.sample(o.n, a), fresh: d.sample(o.n, b)};
}

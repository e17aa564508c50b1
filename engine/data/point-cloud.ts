/**
 * "Draw your own data": a finite set of points turned into a distribution by resampling with replacement and adding a
 * small isotropic Gaussian jitter, i.e. an equal-weight Gaussian kernel density, which is also its exact density.
 */
import type {Rng} from "../random.ts";
import {checkCount, checkDensityShapes, type Dataset2D} from "./dataset.ts";

export interface PointCloudOptions {
  /** Standard deviation of the Gaussian jitter, in data units; 0 resamples the points exactly. @defaultValue 0.05 */
  jitter?: number;
  name?: string;
  description?: string;
}

const defaults = {jitter: 0.05, name: "point-cloud"};

/** A dataset from a flat [m, 2] array of points (copied). With jitter > 0 it has an exact log-density. */
export function pointCloud(points: Float64Array | readonly number[], options: PointCloudOptions = {}): Dataset2D {
  const {jitter, name} = {...defaults, ...options};
  if (points.length === 0 || points.length % 2 !== 0) throw new RangeError(`invalid points: length ${points.length}`);
  if (!(jitter >= 0 && Number.isFinite(jitter))) throw new RangeError(`invalid jitter: ${jitter}`);
  const p = Float64Array.from(points);
  for (const v of p) if (!Number.isFinite(v)) throw new RangeError(`invalid point coordinate: ${v}`);
  const m = p.length / 2;
  const dataset: Dataset2D = {
    name,
    description: options.description ?? `${m} points resampled with N(0, ${jitter}²) jitter`,
    extent: extentOf(p, 3 * jitter),
    sample(n: number, rng: Rng): Float64Array {
      checkCount(n);
      const x = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const k = rng.int(m);
        x[2 * i] = p[2 * k]! + jitter * rng.normal();
        x[2 * i + 1] = p[2 * k + 1]! + jitter * rng.normal();
      }
      return x;
    }
  };
  if (jitter === 0) return dataset;
  const logNorm = -Math.log(m) - Math.log(2 * Math.PI * jitter * jitter);
  return {
    ...dataset,
    logDensity(out: Float64Array, x: Float64Array, n: number): Float64Array {
      checkDensityShapes(out, x, n);
      const scale = 1 / (2 * jitter * jitter);
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < m; k++) max = Math.max(max, -scale * sq(x, i, p, k));
        let sum = 0;
        for (let k = 0; k < m; k++) sum += Math.exp(-scale * sq(x, i, p, k) - max);
        out[i] = logNorm + max + Math.log(sum);
      }
      return out;
    }
  };
}

function sq(x: Float64Array, i: number, p: Float64Array, k: number): number {
  return (x[2 * i]! - p[2 * k]!) ** 2 + (x[2 * i + 1]! - p[2 * k + 1]!) ** 2;
}

/** Bounding box of the points, padded by `pad` and by 5% of its size (at least 0.5 units for a single point). */
export function extentOf(p: Float64Array, pad: number): [number, number, number, number] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < p.length; i += 2) {
    x0 = Math.min(x0, p[i]!);
    x1 = Math.max(x1, p[i]!);
    y0 = Math.min(y0, p[i + 1]!);
    y1 = Math.max(y1, p[i + 1]!);
  }
  const margin = Math.max(0.05 * Math.max(x1 - x0, y1 - y0), 0.5) + pad;
  return [x0 - margin, x1 + margin, y0 - margin, y1 + margin];
}

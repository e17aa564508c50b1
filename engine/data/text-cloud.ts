/**
 * "FM letters": a short text rasterised with the built-in 5×7 font (font.ts) and turned into a distribution that is
 * uniform on the lit pixels, optionally blurred by a Gaussian jitter. Without jitter its density is exact: 1/area on
 * the lit pixels, 0 elsewhere.
 */
import type {Rng} from "../random.ts";
import {checkCount, checkDensityShapes, type Dataset2D} from "./dataset.ts";
import {GLYPH_HEIGHT, GLYPH_WIDTH, glyph} from "./font.ts";
import {extentOf} from "./point-cloud.ts";

export interface TextCloudOptions {
  /** Height of one line of text in data units (7 pixels). @defaultValue 4 */
  height?: number;
  /** Standard deviation of an added Gaussian jitter, in data units. @defaultValue 0 */
  jitter?: number;
}

const defaults = {height: 4, jitter: 0};

/** Lit pixels of `text` ("\n" starts a new line) as [column, row] pairs, rows counted downwards. */
export function rasterise(text: string): {pixels: Int32Array; columns: number; rows: number} {
  const lines = text.split("\n");
  const columns = Math.max(...lines.map((l) => l.length)) * (GLYPH_WIDTH + 1) - 1;
  const rows = lines.length * (GLYPH_HEIGHT + 2) - 2;
  const lit: number[] = [];
  lines.forEach((line, li) => {
    Array.from(line).forEach((ch, ci) => {
      glyph(ch).forEach((mask, r) => {
        for (let c = 0; c < GLYPH_WIDTH; c++) {
          if (mask & (1 << (GLYPH_WIDTH - 1 - c))) lit.push(ci * (GLYPH_WIDTH + 1) + c, li * (GLYPH_HEIGHT + 2) + r);
        }
      });
    });
  });
  return {pixels: Int32Array.from(lit), columns, rows};
}

/** A dataset uniform on the lit pixels of `text`, centred on the origin. */
export function textCloud(text: string, options: TextCloudOptions = {}): Dataset2D {
  const {height, jitter} = {...defaults, ...options};
  if (!(height > 0 && Number.isFinite(height))) throw new RangeError(`invalid height: ${height}`);
  if (!(jitter >= 0 && Number.isFinite(jitter))) throw new RangeError(`invalid jitter: ${jitter}`);
  const {pixels, columns, rows} = rasterise(text);
  const m = pixels.length / 2;
  if (m === 0) throw new RangeError(`invalid text: ${JSON.stringify(text)} has no lit pixels`);
  const s = height / GLYPH_HEIGHT;
  // Pixel (c, r) covers [x0 + c·s, x0 + (c+1)·s) × [y0 − (r+1)·s, y0 − r·s): row 0 at the top.
  const x0 = (-columns * s) / 2;
  const y0 = (rows * s) / 2;
  const lit = new Set<number>();
  for (let k = 0; k < m; k++) lit.add(pixels[2 * k + 1]! * columns + pixels[2 * k]!);
  const logDens = -Math.log(m * s * s);
  const corners = Float64Array.from([x0, -y0, -x0, y0]);
  const dataset: Dataset2D = {
    name: "text-cloud",
    description: `text ${JSON.stringify(text)}: uniform on ${m} lit pixels of a 5×7 font`,
    extent: extentOf(corners, 3 * jitter),
    sample(n: number, rng: Rng): Float64Array {
      checkCount(n);
      const x = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const k = rng.int(m);
        x[2 * i] = x0 + (pixels[2 * k]! + rng.uniform()) * s + (jitter > 0 ? jitter * rng.normal() : 0);
        x[2 * i + 1] = y0 - (pixels[2 * k + 1]! + rng.uniform()) * s + (jitter > 0 ? jitter * rng.normal() : 0);
      }
      return x;
    }
  };
  if (jitter > 0) return dataset;
  return {
    ...dataset,
    entropy: -logDens,
    logDensity(out: Float64Array, x: Float64Array, n: number): Float64Array {
      checkDensityShapes(out, x, n);
      for (let i = 0; i < n; i++) {
        const c = Math.floor((x[2 * i]! - x0) / s);
        const r = Math.floor((y0 - x[2 * i + 1]!) / s);
        const inside = c >= 0 && c < columns && r >= 0 && r < rows && lit.has(r * columns + c);
        out[i] = inside ? logDens : -Infinity;
      }
      return out;
    }
  };
}

import {describe, expect, it} from "vitest";
import type {ActNorm} from "../../../engine/flows/actnorm.ts";
import {flowPreset} from "../../../engine/flows/presets.ts";
import {generateSteps, normalizeSteps} from "../../../engine/flows/steps.ts";
import {assertAllClose} from "../../assert.ts";
import {perturb, points} from "./bijector-check.ts";

describe("layer-by-layer steps", () => {
  it("normalizeSteps ends at g(x), its log-dets add up to log p(x) − log N(z), and generateSteps retraces it", () => {
    const f = flowPreset("maf", {layers: 3, width: 8, seed: 1});
    perturb(f, 2, 0.4);
    (f.layers[f.layers.length - 1] as ActNorm).initialized = true;
    const n = 12;
    const x = points(n, 3);
    const down = normalizeSteps(f, x, n);
    expect(down.points.length).toBe(f.layers.length + 1);
    expect(down.logDets.length).toBe(f.layers.length);
    const z = down.points[down.points.length - 1]!;
    const lp = f.logDensity(new Float64Array(n), x, n);
    for (let i = 0; i < n; i++) {
      const base = -0.5 * (z[2 * i]! ** 2 + z[2 * i + 1]! ** 2) - Math.log(2 * Math.PI);
      const total = down.logDets.reduce((s, d) => s + d[i]!, 0);
      expect(base + total).toBeCloseTo(lp[i]!, 10);
    }
    const up = generateSteps(f, z, n);
    up.points.forEach((p, k) => assertAllClose(p, down.points[down.points.length - 1 - k]!, {atol: 1e-10, rtol: 0}));
  });
});

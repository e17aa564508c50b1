import {describe, expect, it} from "vitest";
import {ffjordDemo, readout, recentLoss, RECENT} from "../../demos/ffjord.ts";
import {defaults} from "../../engine/options/schema.ts";
import type {FfjordFrame} from "../../engine/tasks/ffjord.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

// The density raster reads the palette from the page and paints on a (fake) canvas, as on a slide.
loadTheme();
stubCanvas();

const o = defaults(ffjordDemo.options);

/** A frame as the task sends it, with known losses. */
function frameOf(k: number): FfjordFrame {
  const grid = 8;
  return {
    progress: {steps: k, total: o.iterations, stepsPerSecond: 10},
    steps: Float64Array.from({length: k}, (_, i) => i + 1),
    exactLoss: Float64Array.from({length: k}, (_, i) => 5 - i / k),
    hutchinsonLoss: Float64Array.from({length: k}, (_, i) => 5 - i / k + (i % 2 ? 0.3 : -0.3)),
    exactMs: 40,
    hutchinsonMs: 30,
    grid,
    exactDensity: new Float64Array(grid * grid).fill(0.01),
    hutchinsonDensity: new Float64Array(grid * grid).fill(0.01),
    gridStep: k,
    nfe: 24
  };
}

describe("ffjord demo", () => {
  it("the readout prints the mean of each run's last RECENT losses, computed here independently", () => {
    const f = frameOf(60);
    let e = 0;
    let h = 0;
    for (let i = 60 - RECENT; i < 60; i++) [e, h] = [e + f.exactLoss[i]! / RECENT, h + f.hutchinsonLoss[i]! / RECENT];
    expect(recentLoss(f.exactLoss)).toBeCloseTo(e, 12);
    const text = readout(f, o);
    expect(text).toContain(`exact ${e.toFixed(2)}`);
    expect(text).toContain(`Hutchinson ${h.toFixed(2)}`);
    expect(text).toContain("step 60 of");
  });

  it("renders four panels with or without a frame", () => {
    for (const frame of [undefined, frameOf(10)]) {
      const root = ffjordDemo.render(frame, o, {});
      expect(root.querySelectorAll("svg").length).toBe(4);
    }
    expect(Number.isNaN(recentLoss(new Float64Array(0)))).toBe(true);
  });
});

import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {FAMILIES} from "../../engine/tasks/family-samplers-options.ts";
import type {FamilySamplersFrame} from "../../engine/tasks/family-samplers.ts";
import {
  captions,
  familySamplers,
  particlesAt,
  PLAY_SECONDS,
  progressAt,
  REST_SECONDS
} from "../../demos/family-samplers.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

/** Two families computed, n = 1: "gan" with keys 0 → 10 at times 0, 1; "vae" with 0, 4, 4 at times 0, 0.5, 1. */
function frame(): FamilySamplersFrame {
  const keys = Float32Array.from([0, 0, 10, -10, 0, 0, 4, 2, 4, 2]);
  const offsets = Int32Array.from([0, 2, 5, 5, 5, 5, 5, 5, 5]);
  return {
    n: 1,
    ready: 2,
    keys,
    offsets,
    times: Float32Array.from([0, 1, 0, 0.5, 1]),
    w2: Float64Array.from([0.3, 0.4, NaN, NaN, NaN, NaN, NaN, NaN]),
    floor: 0.17,
    data: new Float32Array(2),
    done: false
  };
}

describe("family-samplers", () => {
  it("interpolates linearly between the key frames around the progress, and holds at the end", () => {
    const f = frame();
    expect(Array.from(particlesAt(f, "gan", 0.25)!)).toEqual([2.5, -2.5]);
    expect(Array.from(particlesAt(f, "vae", 0.25)!)).toEqual([2, 1]);
    expect(Array.from(particlesAt(f, "vae", 1)!)).toEqual([4, 2]);
    expect(particlesAt(f, "autoregressive", 0.5)).toBeUndefined();
  });

  it("plays for PLAY_SECONDS, rests, then starts again", () => {
    expect(progressAt(PLAY_SECONDS / 2)).toBe(0.5);
    expect(progressAt(PLAY_SECONDS + REST_SECONDS / 2)).toBe(1);
    const state = defaults(familySamplers.state);
    const next = familySamplers.advance!({...state, clock: PLAY_SECONDS + REST_SECONDS - 0.01}, 0.02, undefined);
    expect(next!.clock).toBeCloseTo(0.01, 10);
  });

  it("names every family with an honest caption, and says which are still computing", () => {
    for (const family of FAMILIES) expect(captions[family].length).toBeGreaterThan(20);
    const o = defaults(familySamplers.options);
    const svg = familySamplers.render(frame(), o, {family: "energy", clock: 0});
    expect(svg.textContent).toContain("Energy-based: computing…");
    expect(familySamplers.describe!(frame(), o, {family: "gan", clock: 1})).toMatch(/50 % of the way.*0\.30/);
  });

  it("draws the held-out moons before the worker's first frame (snapshot)", () => {
    const o = defaults(familySamplers.options);
    const state = defaults(familySamplers.state);
    const figure = familySamplers.render(familySamplers.snapshot!(o, state), o, state);
    expect(figure.querySelector("svg")).not.toBeNull();
    expect(figure.textContent).toContain(captions.gan);
    expectSvgSnapshot("familySamplers", figure);
  });
});

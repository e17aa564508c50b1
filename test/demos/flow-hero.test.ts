import {describe, expect, it} from "vitest";
import flowHero from "../../demos/flow-hero.ts";
import type {FlowHeroFrame} from "../../engine/tasks/flow-hero.ts";

/** A frame whose whole path is computed (advance only reads how far it goes). */
const frame = {steps: 50, computedUpTo: 50} as FlowHeroFrame;

describe("flow-hero playing speed", () => {
  it("plays the flow in 4 s at speed 1, in 2 s at speed 2, and stops at the data", () => {
    const at = (speed: number, seconds: number) =>
      flowHero.advance!({t: 0, paths: false, speed}, seconds, frame)?.t as number;
    expect(at(1, 1)).toBeCloseTo(0.25, 12);
    expect(at(2, 1)).toBeCloseTo(0.5, 12);
    expect(at(0.25, 2)).toBeCloseTo(0.125, 12);
    expect(at(4, 10)).toBe(1);
    expect(flowHero.advance!({t: 1, paths: false, speed: 1}, 0.1, frame)).toBeUndefined();
  });

  it("never runs ahead of the part of the path the worker has computed", () => {
    const partial = {steps: 50, computedUpTo: 10} as FlowHeroFrame;
    expect(flowHero.advance!({t: 0.1, paths: false, speed: 4}, 1, partial)?.t).toBeCloseTo(0.2, 12);
  });
});

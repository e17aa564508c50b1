import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import {diffusionPaths, pointsAt, speedAt} from "../../demos/diffusion-paths.ts";
import {diffusionPathsJob, type DiffusionPathsFrame} from "../../engine/tasks/diffusion-paths.ts";
import {resolveOptions} from "../../demos/runtime/options.ts";
import {assertAllClose} from "../assert.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

const options = {...defaults(diffusionPaths.options), n: 40, steps: 50, seed: 5};

function finished(o = options): DiffusionPathsFrame {
  const job = diffusionPathsJob(o);
  for (;;) {
    const s = job.run(1000);
    if (s.done && s.frame) return s.frame;
  }
}

describe("diffusion-paths", () => {
  const frame = finished();

  it("the points drawn at a kept time are the task's kept trajectory row; between rows they are interpolated", () => {
    const stride = frame.keep * 2;
    const rowDt = (frame.every * frame.tEnd) / frame.steps;
    for (const p of [0, 1, 2]) {
      const base = p * frame.rows * stride;
      assertAllClose(pointsAt(frame, p, 0), frame.trajectories.subarray(base, base + stride), {rtol: 1e-6});
      const a = frame.trajectories.subarray(base + 3 * stride, base + 4 * stride);
      const b = frame.trajectories.subarray(base + 4 * stride, base + 5 * stride);
      assertAllClose(
        pointsAt(frame, p, 3.5 * rowDt),
        Array.from(a, (v, i) => (v + b[i]!) / 2),
        {rtol: 1e-6, atol: 1e-6}
      );
    }
  });

  it("prints the task's numbers: a₁, the W2 of each path and the floor, the speed at the cursor", () => {
    const svg = diffusionPaths.render(frame, options, {t: 0.8});
    const text = svg.textContent ?? "";
    expect(text).toContain(`a₁ = ${frame.vpAlpha0.toPrecision(2)}`);
    expect(text).toContain("0.0066");
    for (const p of [0, 1, 2]) expect(text).toContain(`W2 ${frame.w2![p]!.toFixed(2)}`);
    expect(text).toContain(`floor ${frame.w2Floor!.toFixed(2)}`);
    const said = diffusionPaths.describe!(frame, options, {t: 0.8});
    expect(said).toContain(`VP ${speedAt(frame, 1, 0.8).toPrecision(3)}`);
    expect(speedAt(frame, 1, 0.8)).toBe(frame.speed[1 * (frame.steps + 1) + Math.round((0.8 / frame.tEnd) * 50)]);
  });

  it("renders four panels and a readout (snapshot at t = 0.8)", () => {
    const el = diffusionPaths.render(frame, options, {t: 0.8});
    expect(el.querySelectorAll("svg")).toHaveLength(4);
    expectSvgSnapshot("diffusion-paths", el);
  });

  it("the numbers the slide's notes state (a₁ = e^(−5.025) ≈ 0.0066 for β ∈ [0.1, 20]) are the task's", () => {
    const html = readFileSync(join(process.cwd(), "slides", "04-flow-matching", "slides.html"), "utf8");
    const part = html.slice(html.indexOf("<!-- part paths"), html.indexOf("<!-- end of part paths"));
    expect(part).toContain("exp(-5.025)");
    expect(part).toContain("0.0066");
    expect(frame.vpAlpha0.toFixed(4)).toBe("0.0066");
    expect(-Math.log(frame.vpAlpha0)).toBeCloseTo(5.025, 12);
  });

  it("its schema rejects bad options", () => {
    const parse = (texts: Record<string, string>) => resolveOptions(diffusionPaths.options, texts);
    expect(() => parse({veStart: "zero"})).toThrow(/invalid veStart/);
    expect(() => parse({sigmaMax: "0"})).toThrow(/invalid sigmaMax/);
  });
});

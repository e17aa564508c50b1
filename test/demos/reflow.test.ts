import {beforeAll, describe, expect, it} from "vitest";
import {kernels} from "../../engine/kernels/index.ts";
import {checkValues, defaults} from "../../engine/options/schema.ts";
import {reflow as reflowTask, reflowJob, type ReflowFrame} from "../../engine/tasks/reflow.ts";
import {reflow, stageRows} from "../../demos/reflow.ts";
import {conditionalDash} from "../../demos/layers/conventions.ts";
import {recordingLayer, resolved, stubCanvas} from "./layers/fake-canvas.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {maxDifference, recompute} from "./still/independent.ts";
import {loadTheme} from "./theme.ts";

const options = defaults(reflow.options);
const state = defaults(reflow.state);
let done: ReflowFrame;
const frames: ReflowFrame[] = [];

beforeAll(async () => {
  // A short real run (1-RF and one reflow, tiny model): the figure must print the task's own numbers.
  const o = checkValues(reflowTask.options, {steps: 200, batch: 64, width: 16, pool: 256, reflows: 1});
  const job = reflowJob(o, {kernels: await kernels()}, 64);
  let slice;
  do {
    slice = job.run(50);
    if (slice.frame) frames.push((done = slice.frame));
  } while (!slice.done);
  job.dispose?.();
});

describe("reflow demo", () => {
  it("prints, for every finished stage, the straightness S and the one-step error the task measured", () => {
    const rows = stageRows(done.summaries);
    expect(rows.map((r) => r.name)).toEqual(["1-RF", "2-RF"]);
    const figure = reflow.render(done, {...options, reflows: 1}, state);
    for (const r of rows) {
      expect(r.straightness).toBeCloseTo(r.energy - r.displacement, 12);
      expect(figure.textContent).toContain(`S ${r.straightness.toFixed(2)}`);
      expect(figure.textContent).toContain(`err ${r.oneStepError.toFixed(2)}`);
    }
    expect(reflow.describe!(done, {...options, reflows: 1}, state)).toContain(
      `2-RF: path energy ${rows[1]!.energy.toFixed(2)}`
    );
  });

  it("while a stage trains, draws the pairs it trains on as dashed pair lines, and says what they are", () => {
    loadTheme();
    stubCanvas();
    const dashed = (frame: ReflowFrame) => {
      const {layer, draws} = recordingLayer();
      reflow.paint!(layer, frame, options, state);
      return draws.filter((d) => d.op === "stroke" && d.dash.join() === conditionalDash.join());
    };
    const first = frames.find((f) => f.stage === 1 && f.phase === "training")!;
    const second = frames.find((f) => f.stage === 2 && f.phase === "training")!;
    for (const frame of [first, second]) {
      const lines = dashed(frame);
      expect(lines.length).toBe(1);
      expect(lines[0]!.style).toBe(resolved("conditional"));
      expect(lines[0]!.shapes).toBe(frame.pairCount);
    }
    expect(dashed(done)).toEqual([]);
    const text = (frame: ReflowFrame) => reflow.render(frame, {...options, reflows: 1}, state).textContent;
    expect(text(first)).toContain("dashed: independent pairs (Z₀, Z₁)");
    expect(text(second)).toContain("dashed: pairs (Z₀, Z₁), Z₁ = ODE of 1-RF");
    expect(text(done)).not.toContain("dashed");
    expect(reflow.describe!(second, {...options, reflows: 1}, state)).toContain("Z₁ = ODE of 1-RF");
  });

  it("draws a still of the source and the target before training (snapshot)", () => {
    const still = reflow.snapshot!({...options, seed: 3}, state);
    const figure = reflow.render(still, options, state);
    expect(figure.querySelectorAll("svg").length).toBe(2);
    expectSvgSnapshot("reflow-still", figure);
  });

  it("its print still is the shipped 2-RF: paths and one Euler step, recomputed independently", async () => {
    const still = await reflow.still!(options, state);
    if (!("shipped" in still)) throw new Error("no shipped still");
    expect(still.shipped.name).toBe("rf2");
    expect(maxDifference(still.samples, await recompute("rf2", 200, still.solver, still.steps))).toBeLessThan(2e-3);
    expect(maxDifference(still.oneStep, await recompute("rf2", 200, "euler", 1))).toBeLessThan(2e-3);
    const figure = reflow.render(still, options, {...state, onestep: true});
    expect(figure.textContent).toContain("shipped 2-RF, N(0, I) → moons");
    expect(figure.textContent).toContain("measured");
    expect(reflow.describe!(still, options, state)).toMatch(/shipped 2-RF.*training runs live on the slide/);
  });
});

import {describe, expect, it} from "vitest";
import {dataset} from "../../engine/data/registry.ts";
import {flowFromJson} from "../../engine/flows/serialize.ts";
import {meanNll, nfTestPoints} from "../../engine/weights/nf-recording.ts";
import {checkpointAt, checkpointPosition, lossUpTo, nfPlayback, readout, stepAt} from "../../demos/nf-playback.ts";
import {recording} from "../../demos/nf/recording.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

describe("nf-playback", () => {
  it("scrubs over the recorded checkpoints, from step 0 to the end", () => {
    const steps = recording.checkpoints.map((c) => c.step);
    expect(checkpointAt(0).step).toBe(0);
    expect(checkpointAt(steps[4]! + 1).step).toBe(steps[4]);
    expect(checkpointAt(steps[5]! - 1).step).toBe(steps[4]);
    expect(checkpointAt(recording.recipe.steps).step).toBe(recording.recipe.steps);
    steps.forEach((s, i) => expect(checkpointPosition(s)).toBe(i));
    for (const p of [0, 0.5, 3.25, 7.9, steps.length - 1]) expect(checkpointPosition(stepAt(p))).toBeCloseTo(p, 12);
    expect(lossUpTo(0).steps).toEqual([]);
    expect(lossUpTo(recording.recipe.steps).values).toEqual(recording.loss.values);
  });

  it("prints the test NLL the shipped weights give, and the dataset's entropy", () => {
    const f = flowFromJson(recording.flow);
    const q = dataset(recording.dataset);
    const e = recording.evaluation;
    const nll = meanNll(f, nfTestPoints(q, e.n, e.seed), e.n);
    const [first, second] = readout(recording.recipe.steps);
    expect(first).toMatch(
      new RegExp(`^step ${recording.recipe.steps} of ${recording.recipe.steps} · batch NLL \\d\\.\\d{3} nats$`)
    );
    expect(second).toBe(`H(q) = ${q.entropy!.toFixed(3)} · final test NLL ${nll.toFixed(3)}`);
  });

  it("plays forward at a fixed pace and stops at the last checkpoint", () => {
    expect(nfPlayback.advance!({step: 0}, 1, undefined)).toEqual({step: Math.round(stepAt(1.5))});
    expect(nfPlayback.advance!({step: 0}, 0.001, undefined)).toEqual({step: 1});
    expect(nfPlayback.advance!({step: recording.recipe.steps}, 1, undefined)).toBeUndefined();
  });

  it("draws the density, the loss curve and the latent panel, and describes them", () => {
    const fig = nfPlayback.render(recording, {}, {step: 300});
    expect(fig.querySelectorAll("svg")).toHaveLength(3);
    expect(fig.querySelector("svg image")).not.toBeNull();
    expectSvgSnapshot("nf-playback-300-steps", fig);
    expect(nfPlayback.describe!(recording, {}, {step: 300})).toContain("after 300 steps");
  });
});

describe("the slide's numbers (slides/02-normalizing-flows, #maximum-likelihood)", () => {
  it("are the recording's: the entropy, the test points, the steps and the checkpoints", async () => {
    const {readFileSync} = await import("node:fs");
    const html = readFileSync(`${import.meta.dirname}/../../slides/02-normalizing-flows/slides.html`, "utf8");
    const slide = html.slice(html.indexOf('<section id="maximum-likelihood">'));
    const part = slide.slice(0, slide.indexOf("</section>"));
    expect(part).toContain(`$H(q)=${recording.evaluation.entropy.toFixed(3)}$`);
    expect(part).toContain(`on ${recording.evaluation.n} fresh moons`);
    expect(part).toContain(`for ${recording.recipe.steps} steps on batches of ${recording.recipe.batch}`);
    expect(part).toContain(`bin of ${recording.loss.every} steps`);
    expect(part.replace(/\s+/g, " ")).toContain(`(steps ${recording.checkpoints.map((c) => c.step).join(", ")}:`);
    expect(part).toContain(`${recording.recipe.blocks.length} layers`);
  });
});

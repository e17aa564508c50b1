import {describe, expect, it} from "vitest";
import {dataset} from "../../engine/data/registry.ts";
import {flowFromJson} from "../../engine/flows/serialize.ts";
import {meanNll, nfTestPoints} from "../../engine/weights/nf-recording.ts";
import {checkpointAt, lossUpTo, nfPlayback, readout} from "../../demos/nf-playback.ts";
import {recording} from "../../demos/nf/recording.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

describe("nf-playback", () => {
  it("scrubs over the recorded checkpoints, from step 0 to the end", () => {
    expect(checkpointAt(0).step).toBe(0);
    expect(checkpointAt(4.7).step).toBe(recording.checkpoints[4]!.step);
    expect(checkpointAt(99).step).toBe(recording.recipe.steps);
    expect(lossUpTo(0).steps).toEqual([]);
    expect(lossUpTo(recording.recipe.steps).values).toEqual(recording.loss.values);
  });

  it("prints the test NLL the shipped weights give, and the dataset's entropy", () => {
    const f = flowFromJson(recording.flow);
    const q = dataset(recording.dataset);
    const e = recording.evaluation;
    const nll = meanNll(f, nfTestPoints(q, e.n, e.seed), e.n);
    const [first, second] = readout(11);
    expect(first).toMatch(
      new RegExp(`^step ${recording.recipe.steps} of ${recording.recipe.steps} · batch NLL \\d\\.\\d{3} nats$`)
    );
    expect(second).toBe(`H(q) = ${q.entropy!.toFixed(3)} · final test NLL ${nll.toFixed(3)}`);
  });

  it("plays forward at a fixed pace and stops at the last checkpoint", () => {
    expect(nfPlayback.advance!({checkpoint: 0}, 1, undefined)).toEqual({checkpoint: 1.5});
    expect(nfPlayback.advance!({checkpoint: recording.checkpoints.length - 1}, 1, undefined)).toBeUndefined();
  });

  it("draws the density, the loss curve and the latent panel, and describes them", () => {
    const fig = nfPlayback.render(recording, {}, {checkpoint: 5});
    expect(fig.querySelectorAll("svg")).toHaveLength(3);
    expect(fig.querySelector("svg image")).not.toBeNull();
    expectSvgSnapshot("nf-playback-300-steps", fig);
    expect(nfPlayback.describe!(recording, {}, {checkpoint: 5})).toContain("after 300 steps");
  });
});

import {describe, expect, it} from "vitest";
import {float64Field} from "../../engine/fm/likelihood.ts";
import {checkValues, defaults} from "../../engine/options/schema.ts";
import {loadAssignmentKernels} from "../../engine/ot/wasm-kernels.ts";
import {fmPreviewJob, type FmPreviewFrame} from "../../engine/tasks/fm-preview.ts";
import {fmPreviewOptions} from "../../engine/tasks/fm-preview-options.ts";
import {evaluationData, loadWeights} from "../../engine/weights/index.ts";
import {clock, clockLine, fmPreview, readout, samplesAt} from "../../demos/fm-preview.ts";
import {collectFrames} from "../engine/tasks/collect-frames.ts";
import {recordingLayer, resolved} from "./layers/fake-canvas.ts";
import {expectSvgSnapshot} from "./snapshot.ts";

await loadAssignmentKernels();
const weights = await loadWeights("i-cfm");
const N = 4;
const n = 60;
const options = checkValues(fmPreviewOptions, {steps: N, n});
/** The task's last frame, computed here with the float64 network (the worker uses the float32 one). */
const live: FmPreviewFrame = collectFrames(fmPreviewJob(options, float64Field(weights.model)), 50).at(-1)!;
const state = defaults(fmPreview.state);

describe("fm-preview demo", () => {
  it("paints at clock time t = k/N exactly the k-th Euler iterate, and straight between two iterates", () => {
    const field = float64Field(weights.model);
    let x = evaluationData(n).source.slice();
    const v = new Float64Array(2 * n);
    for (let k = 0; k < N; k++) {
      const at = samplesAt(live, k / N);
      for (let i = 0; i < 2 * n; i += 7) expect(at[i]).toBeCloseTo(x[i]!, 4);
      // The next iterate, by hand: x ← x + Δt u(x, t_k).
      field.velocity(v, x, n, k / N);
      const next = x.map((xi, i) => xi + v[i]! / N);
      const half = samplesAt(live, (k + 0.5) / N);
      for (let i = 0; i < 2 * n; i += 7) expect(half[i]).toBeCloseTo((x[i]! + next[i]!) / 2, 4);
      x = next;
    }
    const end = samplesAt(live, 1);
    for (let i = 0; i < 2 * n; i += 7) expect(end[i]).toBeCloseTo(x[i]!, 4);
    expect(clock(N, 0.99)).toEqual({k: 3, f: expect.closeTo(0.96, 9) as unknown as number});
    expect(clockLine(N, 0.6)).toBe("t = 0.60 · arrows: u at t = 0.50");
  });

  it("prints the frame's W2 and floor, and says them in its text alternative (snapshot)", () => {
    const s = {...state, pairs: 12};
    const text = readout(live, options);
    expect(text).toContain(`W2 of the samples to the moons: ${live.w2.toFixed(2)}`);
    expect(text).toContain(`a perfect model: ≈ ${live.w2Floor.toFixed(2)}`);
    const figure = fmPreview.render(live, options, s);
    expect(figure.textContent).toContain(live.w2.toFixed(2));
    expect(fmPreview.describe!(live, options, s)).toContain("12 random pairs");
    expectSvgSnapshot("fmPreviewLive", figure);
  });

  it("paints the field of the current step, the samples, a few paths and the pair points", () => {
    const {layer, draws} = recordingLayer();
    const texts: string[] = [];
    Object.assign(layer.context, {fillText: (s: string) => texts.push(s)});
    fmPreview.paint!(layer, live, options, {...state, t: 0.3, pairs: 5});
    expect(texts).toEqual(["t = 0.30 · arrows: u at t = 0.25"]);
    expect(draws.some((d) => d.op === "stroke")).toBe(true);
    expect(draws.filter((d) => d.op === "fill").length).toBeGreaterThanOrEqual(1);
    // The 5 training points x_t are rings (stroked, never filled), so they differ from the sample dots by shape.
    const xt = draws.filter((d) => d.style === resolved("conditional"));
    expect(xt).toEqual([expect.objectContaining({op: "stroke", shapes: 5, dash: []})]);
    // Nothing to paint before the worker's first frame.
    const empty = recordingLayer();
    fmPreview.paint!(empty.layer, fmPreview.snapshot!(options, state), options, state);
    expect(empty.draws).toEqual([]);
  });

  it("plays the clock to t = 1 and stops", () => {
    expect(fmPreview.advance!({...state, t: 0.5}, 1, live)).toEqual({t: 0.7});
    expect(fmPreview.advance!({...state, t: 1}, 1, live)).toBeUndefined();
  });
});

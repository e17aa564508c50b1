import {beforeAll, describe, expect, it} from "vitest";
import {normalBase} from "../../engine/cnf/base.ts";
import {logDensity} from "../../engine/cnf/log-density.ts";
import {float64Field} from "../../engine/fm/likelihood.ts";
import {checkValues, defaults} from "../../engine/options/schema.ts";
import {fmLikelihoodOptions, likelihoodBox} from "../../engine/tasks/fm-likelihood-options.ts";
import {fmLikelihoodJob, type FmLikelihoodFrame} from "../../engine/tasks/fm-likelihood.ts";
import {loadWeights} from "../../engine/weights/index.ts";
import {pixelOf, pointLikelihood, pointSolve, readoutLines} from "../../demos/point-likelihood.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

beforeAll(() => {
  loadTheme();
  stubCanvas();
});

const options = {...defaults(pointLikelihood.options), size: 12, steps: 4};
const state = defaults(pointLikelihood.state);

/** The task's last frame for these options, run to its end (the request the demo sends, with paths). */
async function finalFrame(o = options): Promise<FmLikelihoodFrame> {
  const request = pointLikelihood.task!(o);
  expect(request.task).toBe("fm-likelihood");
  expect(request.options.paths).toBe(true);
  const field = float64Field((await loadWeights(o.model)).model);
  const job = fmLikelihoodJob(checkValues(fmLikelihoodOptions, request.options), field, 4);
  for (;;) {
    const s = job.run(50);
    if (s.done) return s.frame!;
  }
}

describe("point-likelihood", () => {
  it("the point's breakdown log p₀(x₀) + ℓ₀ is the engine's logDensity at its pixel centre, same solver", async () => {
    for (const solver of ["rk4", "euler"] as const) {
      const o = {...options, solver};
      const frame = await finalFrame(o);
      for (const [px, py] of [
        [state.px, state.py],
        [0.6, 2.2],
        [-4, -2.9]
      ] as const) {
        const s = {px, py};
        const p = pointSolve(frame, s)!;
        const [ix, iy] = pixelOf(frame, px, py);
        expect([p.ix, p.iy]).toEqual([ix, iy]);
        // The pixel's centre is within half a cell of the point.
        expect(Math.abs(p.x[0] - px)).toBeLessThanOrEqual(
          (likelihoodBox[1] - likelihoodBox[0]) / (2 * frame.nx) + 1e-12
        );
        const ref = logDensity(field(), normalBase(), Float64Array.from(p.x), 1, {solver, steps: o.steps});
        expect(p.logp0 + p.delta).toBeCloseTo(p.logp, 12);
        expect(p.logp).toBeCloseTo(ref.logp[0]!, 9);
        expect(p.delta).toBeCloseTo(ref.delta[0]!, 9);
        expect(p.path).toHaveLength(o.steps + 1);
        expect(p.path.at(-1)![0]).toBeCloseTo(ref.x0[0]!, 5);
        const [, second] = readoutLines(frame, o, s);
        const f3 = (v: number) => v.toFixed(3).replace("-", "−");
        expect(second).toContain(`log p₀(x₀) ${f3(p.logp0)} + ℓ₀ ${f3(p.delta)} = log p₁(x) ${f3(p.logp)}`);
      }
    }
  });

  it("renders the path, the bar and a frame-wide click target (snapshot); the still says the model is live", async () => {
    const frame = await finalFrame();
    const root = pointLikelihood.render(frame, options, state);
    const [first, second] = readoutLines(frame, options, state);
    expect(root.textContent).toContain(first);
    expect(root.textContent).toContain(second);
    expect(root.querySelectorAll('[data-drag="point"]')).toHaveLength(2);
    expect(pointLikelihood.describe!(frame, options, state)).toContain(second);
    expectSvgSnapshot("point-likelihood", root);
    const still = pointLikelihood.snapshot!(options, state);
    expect(pointLikelihood.render(still, options, state).textContent).toContain("computed live on the slide");
  });
});

let cached: ReturnType<typeof float64Field> | undefined;
/** The float64 field of the default model (loaded by the first test). */
function field(): ReturnType<typeof float64Field> {
  return cached!;
}
beforeAll(async () => {
  cached = float64Field((await loadWeights("ot-cfm")).model);
});

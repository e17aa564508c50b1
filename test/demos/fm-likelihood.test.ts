import {beforeAll, describe, expect, it} from "vitest";
import {defaults} from "../../engine/options/schema.ts";
import type {FmLikelihoodFrame} from "../../engine/tasks/fm-likelihood.ts";
import {likelihoodBox} from "../../engine/tasks/fm-likelihood-options.ts";
import {fmLikelihood} from "../../demos/fm-likelihood.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

beforeAll(() => {
  loadTheme();
  stubCanvas();
});

const options = defaults(fmLikelihood.options);
const state = defaults(fmLikelihood.state);

function frame(done: boolean): FmLikelihoodFrame {
  const nx = 6;
  const ny = 4;
  const logp = Float64Array.from({length: nx * ny}, (_, i) => -2 - 0.1 * i);
  return {
    nx,
    ny,
    extent: likelihoodBox,
    modelLogp: done ? logp : logp.map((v, i) => (i < 12 ? v : NaN)),
    dataLogp: logp.map((v) => v - 0.2),
    rowsDone: done ? 4 : 2,
    ...(done ? {nll: 2.3456, entropy: 2.048} : {}),
    nfe: 32,
    done
  };
}

describe("fm-likelihood demo", () => {
  it("fills in row by row, then prints the test NLL next to the data's entropy (snapshot)", () => {
    expect(fmLikelihood.render(frame(false), options, state).textContent).toContain("row 2 of 4");
    const figure = fmLikelihood.render(frame(true), options, state);
    expect(figure.textContent).toContain("test NLL 2.346 nats");
    expect(figure.textContent).toContain("entropy H(q) 2.048");
    expectSvgSnapshot("fmLikelihoodDone", figure);
  });

  it("says its numbers in its text alternative", () => {
    expect(fmLikelihood.describe!(frame(true), options, state)).toMatch(
      /NLL of held-out data 2\.346 nats, data entropy 2\.048/
    );
  });
});

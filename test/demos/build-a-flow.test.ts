import {describe, expect, it} from "vitest";
import {blockNames, stackFlow} from "../../engine/flows/stack.ts";
import {defaults, checkValues} from "../../engine/options/schema.ts";
import {nfTrainJob, parseBlocks, type NfTrainFrame} from "../../engine/tasks/nf-train.ts";
import {nfTrainOptions} from "../../engine/tasks/nf-train-options.ts";
import {
  buildAFlow,
  buildableBlocks,
  checkBlocks,
  DEFAULT_BLOCKS,
  editStack,
  MAX_BLOCKS,
  stackNames,
  taskOptions
} from "../../demos/build-a-flow.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";
import {readFileSync} from "node:fs";

// Raster layers read the palette from the page and paint on a (fake) canvas, as on a slide.
loadTheme();
stubCanvas();

const options = defaults(buildAFlow.options);

describe("build-a-flow", () => {
  it("every button's block is a block of engine/flows/stack.ts, with a Jacobian pattern of its real structure", () => {
    for (const name of Object.keys(buildableBlocks)) expect(blockNames).toContain(name);
    // The patterns' zeros are the engine blocks' zeros: ∂x₁/∂z₂ = 0 for coupling-1, ∂x₂/∂z₁ = 0 for coupling-2.
    expect(buildableBlocks["coupling-1"].pattern.split(" ")[1]).toBe("0");
    expect(buildableBlocks["coupling-2"].pattern.split(" ")[2]).toBe("0");
  });

  it("the option string is what the nf-train task receives, and the task accepts it", () => {
    const request = buildAFlow.task!({...options, blocks: " actnorm, coupling-1,,swap , coupling-2 "});
    expect(request.task).toBe("nf-train");
    expect(request.options.blocks).toBe("actnorm,coupling-1,swap,coupling-2");
    expect(parseBlocks(request.options.blocks as string)).toEqual(["actnorm", "coupling-1", "swap", "coupling-2"]);
    // Every other option is nf-train's own, checked by its schema as the worker checks it.
    const checked = checkValues(nfTrainOptions, request.options);
    expect(checked.dataset).toBe("sklearn-moons");
    expect(Object.keys(request.options).sort()).toEqual(Object.keys(nfTrainOptions).sort());
    expect(taskOptions(options).blocks).toBe(DEFAULT_BLOCKS);
  });

  it("the buttons edit the stack: add up to eight, remove the last, clear to one coupling", () => {
    let s = "coupling-1";
    s = editStack(s, "coupling-2");
    s = editStack(s, "swap");
    expect(s).toBe("coupling-1,coupling-2,swap");
    expect(editStack(s, "remove")).toBe("coupling-1,coupling-2");
    expect(editStack("actnorm", "remove")).toBe("actnorm");
    expect(editStack(s, "clear")).toBe("coupling-1");
    let full = "coupling-1";
    for (let i = 0; i < 12; i++) full = editStack(full, "linear");
    expect(stackNames(full)).toHaveLength(MAX_BLOCKS);
    expect(() => checkBlocks(full)).not.toThrow();
  });

  it("bad stacks are a RangeError naming blocks", () => {
    expect(() => checkBlocks("")).toThrow(/invalid blocks/);
    expect(() => checkBlocks("coupling-3")).toThrow(/invalid blocks: unknown block coupling-3/);
    expect(() =>
      checkBlocks(
        Array(MAX_BLOCKS + 1)
          .fill("swap")
          .join(",")
      )
    ).toThrow(/at most 8/);
  });

  it("the task trains the stack it was given (its flow has those layers) and its frame is drawn", () => {
    const job = nfTrainJob({
      ...checkValues(nfTrainOptions, taskOptions({...options, blocks: "coupling-1,swap,coupling-1"})),
      iterations: 4,
      batch: 32,
      grid: 8
    });
    expect(job.flow.layers.map((l) => l.name)).toEqual(
      stackFlow(["coupling-1", "swap", "coupling-1"]).layers.map((l) => l.name)
    );
    let frame: NfTrainFrame | undefined;
    for (;;) {
      const slice = job.run(5);
      frame = slice.frame ?? frame;
      if (slice.done) break;
    }
    expect(frame!.progress.steps).toBe(4);
    const figure = buildAFlow.render(frame, options, {});
    expect(figure.querySelectorAll(".block-stack li")).toHaveLength(stackNames(options.blocks).length);
    expect(buildAFlow.describe!(frame, options, {})).toContain(`step 4 of 4`);
  });

  it("the still (print view, gallery) shows the data and the stack", () => {
    const still = buildAFlow.snapshot!(options, {});
    const figure = buildAFlow.render(still, options, {});
    expect(figure.querySelectorAll(".block-buttons button").length).toBe(Object.keys(buildableBlocks).length + 2);
  });

  it("its print still on moons is the shipped RealNVP's recorded run: last density, latent points, loss, NLL", async () => {
    const file = JSON.parse(readFileSync("engine/weights/realnvp-moons.json", "utf8"));
    const still = await buildAFlow.still!(options, {});
    if (!("recorded" in still)) throw new Error("no recorded still on moons");
    const last = file.checkpoints.at(-1);
    expect(Array.from(still.recorded.density)).toEqual(Array.from(Float32Array.from(last.density)));
    expect(Array.from(still.recorded.latent)).toEqual(Array.from(Float32Array.from(last.latent)));
    expect(still.recorded.lossValues).toHaveLength(file.loss.values.length);
    const text = buildAFlow.render(still, options, {}).textContent ?? "";
    expect(text).toContain(`shipped RealNVP, test NLL ${file.evaluation.nll.toFixed(2)}`);
    expect(buildAFlow.describe!(still, options, {})).toContain(`${last.step} steps), test NLL`);
    expect(text).toContain("the slide trains your stack live");
    const other = await buildAFlow.still!({...options, dataset: "ffjord-checkerboard"}, {});
    expect("recorded" in other).toBe(false);
  });
});

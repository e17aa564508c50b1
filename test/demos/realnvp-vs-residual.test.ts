import {describe, expect, it} from "vitest";
import {defaults, parseValues} from "../../engine/options/schema.ts";
import {stackFlow} from "../../engine/flows/stack.ts";
import {nfTrainOptions} from "../../engine/tasks/nf-train-options.ts";
import {nfTrainJob, parseBlocks, type NfTrainFrame} from "../../engine/tasks/nf-train.ts";
import {families, readoutLine, realnvpVsResidual, recentNll, trainOptions} from "../../demos/realnvp-vs-residual.ts";

const o0 = defaults(realnvpVsResidual.options);

describe("realnvp-vs-residual", () => {
  it("asks nf-train for valid options: the checkerboard, and the blocks of each family", () => {
    for (const family of ["realnvp", "residual"] as const) {
      const request = realnvpVsResidual.task!({...o0, family});
      expect(request.task).toBe("nf-train");
      // The worker parses the options against the task's schema: they must pass it unchanged.
      const texts = Object.fromEntries(Object.entries(request.options).map(([k, v]) => [k, String(v)]));
      const parsed = parseValues(nfTrainOptions, texts, "test", "option");
      expect(parsed).toEqual(trainOptions({...o0, family}));
      expect(parsed.dataset).toBe("ffjord-checkerboard");
      const names = parseBlocks(families[family].blocks);
      expect(names.filter((n) => n === (family === "realnvp" ? "coupling-1" : "residual")).length).toBe(4);
      expect(() => stackFlow(names)).not.toThrow();
    }
    expect(Object.keys(defaults(nfTrainOptions)).sort()).toEqual(Object.keys(trainOptions(o0)).sort());
  });

  it("reads its NLL from the task's own loss curve (a short residual run) and names the floor H(q)", () => {
    const job = nfTrainJob({...trainOptions({...o0, family: "residual"}), iterations: 6, batch: 32, grid: 8});
    let frame: NfTrainFrame | undefined;
    for (let i = 0; i < 200; i++) {
      const s = job.run(50);
      if (s.frame) frame = s.frame;
      if (s.done) break;
    }
    expect(frame!.progress.steps).toBe(6);
    const n = frame!.lossValues.length;
    const tail = Array.from(frame!.lossValues.slice(Math.max(0, n - 5)));
    expect(recentNll(frame!)).toBeCloseTo(tail.reduce((a, b) => a + b, 0) / tail.length, 12);
    const line = readoutLine(frame, {...o0, family: "residual"});
    expect(line).toContain("Residual flow: step 6/6");
    expect(line).toContain(`H(q) ${frame!.entropy.toFixed(2)}`);
    expect(readoutLine(undefined, o0)).toBe("RealNVP: starting…");
  });
});

import {describe, expect, it} from "vitest";
import {noGrad, tensor} from "../../engine/autodiff/tensor.ts";
import {dataset} from "../../engine/data/registry.ts";
import {flowFromJson} from "../../engine/flows/serialize.ts";
import {rng} from "../../engine/random.ts";
import shipped from "../../engine/weights/realnvp-moons.json" with {type: "json"};
import {
  barsReadout,
  crossed,
  normalizeLayers,
  normalizeLayersFrame,
  readouts,
  stateLabel
} from "../../demos/normalize-layers.ts";
import {LAYERS} from "../../demos/nf/recording.ts";
import {stubCanvas} from "./layers/fake-canvas.ts";
import {expectSvgSnapshot} from "./snapshot.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

const o = {n: 300, seed: 4};
// An independent copy of the shipped flow and of the demo's points: the demo must agree with the engine's one pass.
const f = flowFromJson(shipped.flow);
const random = rng(o.seed);
const x = dataset("sklearn-moons").sample(o.n, random);
const z = random.fillNormal(new Float64Array(2 * o.n)) as Float64Array;

describe("normalize-layers", () => {
  const t0 = performance.now();
  const frame = normalizeLayersFrame(o);
  const firstMs = performance.now() - t0;

  it("computes its first frame on the page in a few tens of ms at most", () => {
    // Measured here under load; the budget is for the page (one computation per options, then cached).
    expect(firstMs).toBeLessThan(1000);
    expect(normalizeLayersFrame(o)).toBe(frame);
  });

  it("sends the data down to the engine's g(x), and noise up to the engine's f(z)", () => {
    const down = noGrad(() => f.normalize(tensor(x.slice(), o.n, 2)));
    const up = noGrad(() => f.generate(tensor(z.slice(), o.n, 2)));
    expect(frame.down.states).toHaveLength(LAYERS + 1);
    frame.down.states[LAYERS]!.forEach((v, i) => expect(v).toBe(x[i]));
    frame.down.states[0]!.forEach((v, i) => expect(v).toBeCloseTo(down.z.data[i]!, 12));
    frame.up.states[0]!.forEach((v, i) => expect(v).toBe(z[i]));
    frame.up.states[LAYERS]!.forEach((v, i) => expect(v).toBeCloseTo(up.x.data[i]!, 12));
  });

  it("draws bars whose sum is the one-pass total of the engine, both ways", () => {
    const down = noGrad(() => f.normalize(tensor(x.slice(), o.n, 2)).logDet.data);
    const up = noGrad(() => f.generate(tensor(z.slice(), o.n, 2)).logDet.data);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
    expect(frame.downBars).toHaveLength(LAYERS);
    expect(sum(frame.downBars)).toBeCloseTo(-mean(down), 12);
    expect(frame.downTotal).toBeCloseTo(-mean(down), 12);
    expect(sum(frame.upBars)).toBeCloseTo(mean(up), 12);
    expect(frame.upTotal).toBeCloseTo(mean(up), 12);
    const text = barsReadout(frame, {k: 0, direction: "normalize", bars: true});
    const [a, b] = [...text.matchAll(/(−?\d+\.\d{3})/g)].map((m) => m[1]);
    expect(a).toBe(b);
  });

  it("prints at k = 0 the mean log p_X(x) of the engine: log N(g(x)) + log|det J_g(x)|", () => {
    const logp = f.logDensity(new Float64Array(o.n), x, o.n);
    const expected = logp.reduce((s, v) => s + v, 0) / o.n;
    const [first, second] = readouts(frame, {k: 0, direction: "normalize", bars: false});
    expect(first).toMatch(/^mean log N\(z₀; 0, I\) = −\d\.\d{3} nats \(300 points\)$/);
    const printed = Number(second!.split("log p_X(x) = ")[1]!.replace("−", "-"));
    expect(printed).toBeCloseTo(expected, 3);
  });

  it("names the states and the layers crossed in each direction", () => {
    expect(stateLabel(LAYERS, "normalize")).toBe("z₇ = x: data");
    expect(stateLabel(3, "normalize")).toBe("z₃: 4 of 7 layers of g");
    expect(stateLabel(0, "sample")).toBe("z₀ ~ N(0, I): noise");
    expect(stateLabel(2, "sample")).toBe("z₂ = f₂(z₁)");
    expect(crossed(5, "normalize")).toEqual([7, 6]);
    expect(crossed(2, "sample")).toEqual([1, 2]);
    expect(readouts(frame, {k: 3, direction: "sample", bars: false})[1]).toMatch(/so far \(3 layers\)/);
  });

  it("renders the points panel alone, or beside the bars, and describes its numbers", () => {
    const one = normalizeLayers.render(frame, o, {k: 2, direction: "normalize", bars: false});
    expect(one.querySelectorAll("svg")).toHaveLength(1);
    const two = normalizeLayers.render(frame, o, {k: 2, direction: "normalize", bars: true});
    expect(two.querySelectorAll("svg")).toHaveLength(2);
    expect(two.querySelectorAll("p.readout")).toHaveLength(3);
    expectSvgSnapshot("normalize-layers-bars", two);
    const text = normalizeLayers.describe!(frame, o, {k: 0, direction: "normalize", bars: true});
    expect(text).toContain("log p_X(x) =");
    expect(text).toContain("one pass of f");
  });
});

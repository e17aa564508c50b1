import {describe, expect, it} from "vitest";
import {gaussianMixture} from "../../engine/data/gaussian-mixture.ts";
import {defaults, parseValues} from "../../engine/options/schema.ts";
import responsibilities, {frameOf, mixtureOf} from "../../demos/responsibilities.ts";

const options = defaults(responsibilities.options);
const stateOf = (texts: Record<string, string> = {}) => ({
  ...defaults(responsibilities.state),
  ...parseValues(responsibilities.state, texts, "test", "state key")
});

/** N(x; m, S) in 2D from the formula, written independently of the engine. */
function normal2(x: number, y: number, mx: number, my: number, S: ArrayLike<number>): number {
  const det = S[0]! * S[3]! - S[1]! * S[2]!;
  const [dx, dy] = [x - mx, y - my];
  const q = (S[3]! * dx * dx - (S[1]! + S[2]!) * dx * dy + S[0]! * dy * dy) / det;
  return Math.exp(-q / 2) / (2 * Math.PI * Math.sqrt(det));
}

describe("responsibilities demo", () => {
  const cases: Record<string, string>[] = [
    {},
    {count: "4", qx: "1.5", qy: "0.6", w2: "0.9"},
    {count: "1"},
    {qx: "-4", qy: "2.5"}
  ];
  for (const texts of cases) {
    it(`γ at the probe sums to one and is w_k N(x; m_k, S_k) / p(x) (${JSON.stringify(texts)})`, () => {
      const s = stateOf(texts);
      const frame = frameOf(options, s);
      const m = frame.mixture;
      const K = s.count;
      const parts = Array.from(
        {length: K},
        (_, k) =>
          m.weights[k]! * normal2(s.qx, s.qy, m.means[2 * k]!, m.means[2 * k + 1]!, m.covs.subarray(4 * k, 4 * k + 4))
      );
      const p = parts.reduce((a, b) => a + b, 0);
      expect(frame.probe.gamma.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
      for (let k = 0; k < K; k++) expect(frame.probe.gamma[k]!).toBeCloseTo(parts[k]! / p, 12);
      expect(frame.probe.density / p).toBeCloseTo(1, 12);
    });
  }

  it("p(x) on the grid and at the probe equals the engine's gaussianMixture logDensity", () => {
    const s = stateOf({count: "4"});
    const frame = frameOf(options, s);
    const m = mixtureOf(s);
    const q = gaussianMixture({
      weights: [...m.weights],
      means: Array.from({length: 4}, (_, k) => [m.means[2 * k]!, m.means[2 * k + 1]!] as [number, number]),
      covs: Array.from(
        {length: 4},
        (_, k) => [...m.covs.subarray(4 * k, 4 * k + 4)] as [number, number, number, number]
      )
    });
    const out = new Float64Array(1);
    q.logDensity(out, Float64Array.of(s.qx, s.qy), 1);
    expect(Math.log(frame.probe.density)).toBeCloseTo(out[0]!, 12);
    // A few grid cells: their centres, then the engine's density there.
    const {nx, ny, extent, values} = frame.density;
    for (const [ix, iy] of [
      [0, 0],
      [10, 20],
      [nx - 1, ny - 1],
      [36, 21]
    ] as const) {
      const x = extent[0] + ((ix + 0.5) * (extent[1] - extent[0])) / nx;
      const y = extent[2] + ((iy + 0.5) * (extent[3] - extent[2])) / ny;
      q.logDensity(out, Float64Array.of(x, y), 1);
      expect(Math.log(values[iy * nx + ix]!)).toBeCloseTo(out[0]!, 11);
    }
  });

  it("weights are normalised over the components shown, and samples follow them", () => {
    const s = stateOf({count: "2", samples: "true"});
    const frame = frameOf(options, s);
    expect(Array.from(frame.mixture.weights)).toEqual([0.5 / 0.8, 0.3 / 0.8].map((v) => expect.closeTo(v, 14)));
    expect(frame.samples.length).toBe(800);
    // Component 1 sits left of x = 0 and component 2 right of it: the share of samples on the left is about w₁.
    let left = 0;
    for (let i = 0; i < 400; i++) if (frame.samples[2 * i]! < 0) left++;
    expect(Math.abs(left / 400 - 0.625)).toBeLessThan(0.08);
  });

  it("rejects a probe outside the figure by name", () => {
    expect(() => parseValues(responsibilities.state, {qx: "9"}, "test", "state key")).toThrow(/qx/);
  });
});

import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {minibatchCost} from "../../engine/couplings/minibatch-cost.ts";
import {gaussianW2Squared} from "../../engine/metrics/gaussian-w2.ts";
import {rng, type Rng} from "../../engine/random.ts";

// Deck 4, part couplings: the numbers its slides state are computed here and must match the slide text.
const html = readFileSync(join(import.meta.dirname, "..", "..", "slides", "04-flow-matching", "slides.html"), "utf8");

/** N(m, diag(v)) samples. */
const gaussian = (m: [number, number], v: [number, number]) => (n: number, r: Rng) => {
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = m[0] + Math.sqrt(v[0]) * r.normal();
    x[2 * i + 1] = m[1] + Math.sqrt(v[1]) * r.normal();
  }
  return x;
};

describe("deck 4, OT-CFM slide: minibatch OT cost against the exact W2² (audit item 15)", () => {
  it("states E|x₁ − x₀|² for random pairs, OT at B = 8 and B = 256, and W2² as the engine computes them", () => {
    const source = gaussian([0, 0], [1, 1]);
    const target = gaussian([3, 0], [0.25, 4]);
    const small = minibatchCost(source, target, 8, 512, rng(1));
    const large = minibatchCost(source, target, 256, 64, rng(1));
    const w2 = gaussianW2Squared({mean: [0, 0], cov: [1, 0, 0, 1]}, {mean: [3, 0], cov: [0.25, 0, 0, 4]});
    const table = /<table class="number-table" id="minibatch-cost">([\s\S]*?)<\/table>/.exec(html);
    expect(table).not.toBeNull();
    const cells = [...table![1]!.matchAll(/<td>([0-9.]+)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual([large.random, small.ot, large.ot, w2].map((v) => v.toFixed(2)));
    // The story the table tells: OT pairs get cheaper with B and stay above W2² (within the sampling error).
    expect(small.ot).toBeGreaterThan(large.ot + 3 * small.otError);
    expect(large.ot).toBeGreaterThan(w2 - 3 * large.otError);
  }, 60_000);
});

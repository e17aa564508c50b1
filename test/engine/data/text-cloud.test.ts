import {describe, expect, it} from "vitest";
import {assertInDelta} from "../../assert.ts";
import {glyph} from "../../../engine/data/font.ts";
import {rasterise, textCloud} from "../../../engine/data/text-cloud.ts";
import {rng} from "../../../engine/random.ts";

describe("rasterise", () => {
  it("lays glyphs 6 columns apart on a 7-row line and lights exactly the glyph bits", () => {
    const {pixels, columns, rows} = rasterise("FM");
    expect(columns).toBe(11);
    expect(rows).toBe(7);
    const bits = (ch: string) => glyph(ch).reduce((s, row) => s + row.toString(2).split("1").length - 1, 0);
    expect(pixels.length / 2).toBe(bits("F") + bits("M"));
    expect(Math.max(...Array.from(pixels).filter((_, k) => k % 2 === 0))).toBe(10);
    expect(() => rasterise("é")).toThrow(/unsupported character/);
    expect(rasterise("a").pixels).toEqual(rasterise("A").pixels);
    expect(rasterise("A\nB").rows).toBe(16);
  });
});

describe("textCloud", () => {
  it("samples only lit pixels, where its exact density 1/area holds and integrates to 1", () => {
    const d = textCloud("FM", {height: 7});
    const n = 5000;
    const x = d.sample(n, rng(1));
    const out = d.logDensity!(new Float64Array(n), x, n);
    const lit = rasterise("FM").pixels.length / 2;
    expect(out.every((v) => v === -Math.log(lit))).toBe(true); // pixel side 1 at height 7
    const h = 0.05;
    const side = Math.round(14 / h);
    const grid = new Float64Array(2 * side * side);
    for (let i = 0; i < side * side; i++) {
      grid[2 * i] = -7 + ((i % side) + 0.5) * h;
      grid[2 * i + 1] = -7 + (Math.floor(i / side) + 0.5) * h;
    }
    const dens = d.logDensity!(new Float64Array(side * side), grid, side * side);
    assertInDelta(
      dens.reduce((s, v) => s + Math.exp(v) * h * h, 0),
      1,
      1e-9,
      "∫ p"
    );
    assertInDelta(d.entropy!, Math.log(lit), 1e-12, "H");
  });

  it("is centred on the origin, upright (the T's bar is at the top), and blurs with jitter", () => {
    const d = textCloud("T", {height: 4});
    const x = d.sample(4000, rng(2));
    let [mx, top] = [0, 0];
    for (let i = 0; i < 4000; i++) {
      mx += x[2 * i]! / 4000;
      if (x[2 * i + 1]! > 2 - 4 / 7) top++;
    }
    assertInDelta(mx, 0, 0.02, "mean x");
    expect(top / 4000).toBeCloseTo(5 / 11, 1); // the bar holds 5 of the T's 11 pixels
    const blurred = textCloud("T", {jitter: 0.1});
    expect(blurred.logDensity).toBeUndefined();
    expect(() => textCloud("   ")).toThrow(/no lit pixels/);
  });
});

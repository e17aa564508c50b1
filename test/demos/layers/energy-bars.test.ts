import {describe, expect, it} from "vitest";
import {energyBars, energyNames, energySegments, energyStyles} from "../../../demos/layers/energy-bars.ts";
import {figure} from "../../../demos/layers/figure.ts";
import {expectSvgSnapshot} from "../snapshot.ts";

const bars = [
  {label: "A", displacement: 10.4, energy: 11.6},
  {label: "B", displacement: 10.3, energy: 10.45},
  // S below zero from rounding: no top segment.
  {label: "C", displacement: 10.2, energy: 10.2 - 1e-12}
];

/** The figure the tests read: a cut axis from 9.5, a reference at 10.25, a key above the frame. */
function drawn() {
  return figure({
    label: "energy bars",
    size: [480, 360],
    marginTop: 40,
    marginRight: 84,
    x: {domain: bars.map((b) => b.label), type: "band", padding: 0.25, label: null},
    y: {domain: [9.5, 12], label: null},
    marks: [energyBars(bars, {base: 9.5, reference: {value: 10.25, label: "W₂² 10.25"}, key: {dx: 0, dy: -20}})]
  });
}

/** The rects of the bars (not the key's swatches, which are text), per part, in bar order. */
function rects(svg: Element, part: keyof typeof energyStyles): {height: number; x: number}[] {
  const group = [...svg.querySelectorAll("g[aria-label='rect']")].find(
    (g) => g.getAttribute("fill-opacity") === `${energyStyles[part].fillOpacity}`
  )!;
  return [...group.querySelectorAll("rect")].map((r) => ({
    height: Number(r.getAttribute("height")),
    x: Number(r.getAttribute("x"))
  }));
}

describe("energy bars", () => {
  it("splits each bar at its displacement: [base, E|Z₁−Z₀|²] and [E|Z₁−Z₀|², ℰ], a negative S as nothing", () => {
    const segments = energySegments(bars, 9.5);
    expect(segments.map((s) => [s.label, s.part, s.y1, s.y2])).toEqual([
      ["A", "displacement", 9.5, 10.4],
      ["A", "straightness", 10.4, 11.6],
      ["B", "displacement", 9.5, 10.3],
      ["B", "straightness", 10.3, 10.45],
      ["C", "displacement", 9.5, 10.2],
      ["C", "straightness", 10.2, 10.2]
    ]);
    expect(energySegments([{label: "z", displacement: 2, energy: 3}]).map((s) => [s.y1, s.y2])).toEqual([
      [0, 2],
      [2, 3]
    ]);
  });

  it("draws segments whose heights follow the numbers, the two parts differing by more than colour (snapshot)", () => {
    const svg = drawn();
    const lower = rects(svg, "displacement");
    const upper = rects(svg, "straightness");
    expect(lower).toHaveLength(3);
    expect(upper).toHaveLength(3);
    // Pixels per unit, from A's lower segment: every other segment's height is its size on that scale.
    const scale = lower[0]!.height / (10.4 - 9.5);
    expect(lower[1]!.height).toBeCloseTo(scale * (10.3 - 9.5), 6);
    expect(upper[0]!.height).toBeCloseTo(scale * (11.6 - 10.4), 6);
    expect(upper[1]!.height).toBeCloseTo(scale * (10.45 - 10.3), 6);
    expect(upper[2]!.height).toBe(0);
    expect(upper.map((r) => r.x)).toEqual(lower.map((r) => r.x));
    // Beyond the hue: a light fill against a dark outlined one.
    const {displacement: d, straightness: s} = energyStyles;
    expect(s.fillOpacity - d.fillOpacity).toBeGreaterThanOrEqual(0.5);
    expect(s.stroke).not.toBe(d.stroke);
    expectSvgSnapshot("layerEnergyBars", svg);
  });

  it("names both parts in a key whose swatches are drawn as the bars are, and labels the reference line", () => {
    const svg = drawn();
    const key = svg.querySelector("text.energy-key")!;
    expect(key.textContent).toBe(`ℰ = ■ ${energyNames.displacement} + ■ ${energyNames.straightness}`);
    // Plot sets text-anchor="middle" on the figure: the key must start at its x, not centre on it.
    expect(key.getAttribute("text-anchor")).toBe("start");
    const swatches = [...key.querySelectorAll("tspan")];
    expect(swatches).toHaveLength(2);
    swatches.forEach((swatch, k) => {
      const style = energyStyles[k === 0 ? "displacement" : "straightness"];
      expect(swatch.getAttribute("fill")).toBe(style.fill);
      expect(swatch.getAttribute("fill-opacity")).toBe(`${style.fillOpacity}`);
      expect(swatch.getAttribute("stroke")).toBe(style.stroke);
    });
    expect(svg.textContent).toContain("W₂² 10.25");
    expect(svg.querySelector("g[aria-label='rule'][stroke-dasharray='2,3']")).not.toBeNull();
  });

  it("leaves out a bar with a non-finite number (a diverged run) and draws the others", () => {
    const segments = energySegments([
      {label: "A", displacement: NaN, energy: 1},
      {label: "B", displacement: 2, energy: Infinity},
      {label: "C", displacement: 2, energy: 3}
    ]);
    expect(segments.map((s) => s.label)).toEqual(["C", "C"]);
  });

  it("rejects a non-finite base, two bars with one label and a non-finite reference", () => {
    expect(() => energySegments([], NaN)).toThrow(/invalid energy bars base: NaN/);
    const twice = [
      {label: "B = 2", displacement: 1, energy: 2},
      {label: "B = 2", displacement: 1, energy: 3}
    ];
    expect(() => energySegments(twice)).toThrow(RangeError);
    expect(() => energySegments(twice)).toThrow(/invalid energy bars: two bars labelled B = 2/);
    expect(() => energyBars([], {reference: {value: NaN, label: "W₂²"}})).toThrow(/invalid energy reference: NaN/);
  });
});

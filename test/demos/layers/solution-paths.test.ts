import {describe, expect, it} from "vitest";
import {referenceWidth} from "../../../demos/layers/conventions.ts";
import {figure} from "../../../demos/layers/figure.ts";
import {
  CORNERS,
  EXACT_RING,
  exactPath,
  keyCorner,
  pathKey,
  stepPath,
  type PathPoint
} from "../../../demos/layers/solution-paths.ts";

/** A quarter circle (the exact path) and its 4-step Euler polygon, on a plane with equal scales. */
const exact: PathPoint[] = Array.from({length: 31}, (_, i) => ({
  x: Math.cos((i / 30) * (Math.PI / 2)),
  y: Math.sin((i / 30) * (Math.PI / 2))
}));
const euler: PathPoint[] = [{x: 1, y: 0}];
for (let n = 0; n < 4; n++) {
  const {x, y} = euler[n]!;
  const h = Math.PI / 8;
  euler.push({x: x - h * y, y: y + h * x});
}

function draw(marks: unknown[]) {
  return figure({
    label: "exact and numerical",
    size: [600, 600],
    equal: true,
    x: {domain: [-2, 2]},
    y: {domain: [-2, 2]},
    marks: marks as never
  });
}

describe("solution paths", () => {
  it("draws the exact path thin and ending in a hollow ring, the numerical one heavier with a dot per step", () => {
    const svg = draw([exactPath(exact), stepPath(euler)]);
    const exactLine = svg.querySelector("g[stroke='var(--fd-marginal)'] path")!.closest("g")!;
    const stepLine = svg.querySelector("g[stroke='var(--fd-model)'] path")!.closest("g")!;
    const width = (g: Element) => Number(g.getAttribute("stroke-width"));
    expect(width(exactLine)).toBe(referenceWidth);
    expect(width(stepLine)).toBeGreaterThan(width(exactLine));
    // The ring: one hollow circle of radius EXACT_RING in the exact colour.
    const ring = [...svg.querySelectorAll("circle")].filter((c) => c.closest("g")!.getAttribute("fill") === "none");
    expect(ring).toHaveLength(1);
    expect(ring[0]!.getAttribute("r")).toBe(String(EXACT_RING));
    expect(ring[0]!.closest("g")!.getAttribute("stroke")).toBe("var(--fd-marginal)");
    // One filled dot per step end (the steps are the method).
    const dots = svg.querySelectorAll("g[fill='var(--fd-model)'] circle");
    expect(dots).toHaveLength(euler.length);
  });

  it("draws dots only with strokeWidth 0, the line only with r 0", () => {
    expect(stepPath(euler, {strokeWidth: 0})).toHaveLength(1);
    expect(draw([stepPath(euler, {strokeWidth: 0})]).querySelectorAll("circle")).toHaveLength(euler.length);
    expect(draw([stepPath(euler, {r: 0})]).querySelectorAll("circle")).toHaveLength(0);
  });

  it("keys both styles in the emptiest corner: a thin line with a ring, 'exact'; a line with dots, the method", () => {
    // The quarter circle and its polygon fill the top-right quadrant: the key must not go there.
    const svg = draw([exactPath(exact), stepPath(euler), pathKey("Euler h = 0.393", {avoid: [...exact, ...euler]})]);
    const key = svg.querySelector("g[aria-label='key']")!;
    expect([...key.querySelectorAll("text")].map((t) => t.textContent)).toEqual(["exact", "Euler h = 0.393"]);
    const line = key.querySelector("line")!;
    expect(Number(line.getAttribute("stroke-width"))).toBe(referenceWidth);
    expect(line.getAttribute("stroke")).toBe("var(--fd-marginal)");
    const ring = [...key.querySelectorAll("circle")].filter((c) => c.getAttribute("fill") === "none");
    expect(ring.map((c) => c.getAttribute("r"))).toEqual([String(EXACT_RING)]);
    expect(key.querySelectorAll("circle[fill='var(--fd-model)']")).toHaveLength(4);
    expect(key.querySelectorAll("polyline")).toHaveLength(1);
    // Bottom-right is preferred, and empty here (the paths stay in y ≥ 0).
    const [x, y] = key
      .getAttribute("transform")!
      .match(/[\d.]+/g)!
      .map(Number);
    expect(x).toBeGreaterThan(300);
    expect(y).toBeGreaterThan(300);
    // A grid filling the bottom-right quadrant pushes it to the next corner in order: top right.
    const low = Array.from({length: 441}, (_, k) => ({x: (k % 21) / 10, y: -Math.floor(k / 21) / 10}));
    const moved = draw([pathKey("Euler", {avoid: low})]).querySelector("g[aria-label='key']")!;
    const [mx, my] = moved
      .getAttribute("transform")!
      .match(/[\d.]+/g)!
      .map(Number);
    expect(mx).toBeGreaterThan(300);
    expect(my).toBeLessThan(100);
    // Dots only, for an adaptive solver.
    const dots = draw([pathKey("Dopri5", {line: false})]).querySelector("g[aria-label='key']")!;
    expect(dots.querySelectorAll("polyline")).toHaveLength(0);
  });

  it("takes the corner covering fewest points, in the order of CORNERS on ties", () => {
    expect(keyCorner([0, 0, 0, 0])).toBe(CORNERS[0]);
    expect(keyCorner([3, 1, 1, 0])).toBe("top-left");
    expect(keyCorner([2, 0, 0, 5])).toBe("top-right");
  });

  it("rejects a path of one point and negative sizes", () => {
    expect(() => exactPath([{x: 0, y: 0}])).toThrow(/invalid exact path/);
    expect(() => stepPath(euler, {r: -1})).toThrow(/invalid r/);
    expect(() => stepPath(euler, {strokeWidth: Number.NaN})).toThrow(/invalid strokeWidth/);
  });
});

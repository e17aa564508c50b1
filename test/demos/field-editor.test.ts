import {describe, expect, it} from "vitest";
import {
  computeFrame,
  escapedBy,
  fieldEditor,
  parseStarts,
  positionAt,
  type FieldEditorOptions
} from "../../demos/field-editor.ts";
import {fieldPreset} from "../../engine/fields/presets.ts";
import {defaults} from "../../engine/options/schema.ts";
import {recordingLayer, resolved, stubCanvas} from "./layers/fake-canvas.ts";
import {loadTheme} from "./theme.ts";

loadTheme();
stubCanvas();

const base = defaults(fieldEditor.options);
const frameOf = (o: Partial<FieldEditorOptions>) => computeFrame({...base, ...o});

describe("field-editor", () => {
  it("moves clicked particles to the exact flow e^{tA} x₀ of a linear preset, within RK4's error", () => {
    const starts = "1,0 -2,1.5 0.4,-2.2";
    const x0 = parseStarts(starts);
    for (const preset of ["rotation", "spiral", "saddle"] as const) {
      const frame = frameOf({preset, strength: 2, starts, dt: 0.02});
      const exact = new Float64Array(6);
      for (const t of [0.25, 0.5, 0.73, 1]) {
        fieldPreset(preset, {strength: 2}).flowMap!(exact, x0, 3, 0, t);
        for (let i = 0; i < 3; i++) {
          const p = positionAt(frame.run, i, t)!;
          // Between two RK4 nodes the painter interpolates linearly: the error is the chord's, O(h²), not RK4's.
          const chord = t === 1 || t === 0.5 ? 1e-6 : 2e-3;
          expect(Math.abs(p[0] - exact[2 * i]!)).toBeLessThan(chord);
          expect(Math.abs(p[1] - exact[2 * i + 1]!)).toBeLessThan(chord);
        }
      }
    }
  });

  it("draws the same particles for the custom field (−y, x) as for the rotation at k = 1", () => {
    const starts = "1,0 -2,1.5";
    const custom = frameOf({preset: "custom", u1: "-y", u2: "x", starts, n: 20});
    const rotation = frameOf({preset: "rotation", strength: 1, starts, n: 20});
    expect(custom.run.paths.length).toBe(rotation.run.paths.length);
    for (let i = 0; i < custom.run.paths.length; i++) {
      expect(custom.run.paths[i]).toBeCloseTo(rotation.run.paths[i]!, 12);
    }
    expect(custom.formula).toBe("u = (-y, x)");
    expect(rotation.formula).toBe("u(x) = k(−x₂, x₁),  k = 1");
  });

  it("stops the particles of u = (x², 0) that escape, at their blow-up times 1/x₀, and warns", () => {
    const example = fieldEditor.examples!.find((e) => e.name === "escape in finite time")!;
    const frame = frameOf({...example.options, preset: "custom"} as Partial<FieldEditorOptions>);
    // x(t) = x₀/(1 − x₀ t): the starts at x₀ = 2 and 1.5 escape at t = 1/2 and 2/3; −2 and 0.5 never do on [0, 1].
    expect(frame.run.stoppedAt[0]).toBeGreaterThan(0.5);
    expect(frame.run.stoppedAt[0]).toBeLessThan(0.56);
    expect(frame.run.stoppedAt[1]).toBeGreaterThan(2 / 3);
    expect(frame.run.stoppedAt[1]).toBeLessThan(0.72);
    expect(escapedBy(frame, 0.45)).toBe(0);
    expect(escapedBy(frame, 0.6)).toBe(1);
    expect(escapedBy(frame, 1)).toBe(2);
    expect(positionAt(frame.run, 0, 0.9)).toBeUndefined();
    expect(positionAt(frame.run, 2, 1)![0]).toBeCloseTo(-2 / 3, 6);
    const text = fieldEditor.describe!(frame, {...base, ...example.options, n: 0} as FieldEditorOptions, {
      t: 1,
      trails: true,
      speed: 1
    });
    expect(text).toContain("2 escaped to infinity: no global solution, the field is not Lipschitz");
  });

  it("knows which fields change with time (their arrows are repainted for each t)", () => {
    expect(frameOf({preset: "rotation"}).timeVarying).toBe(false);
    expect(frameOf({preset: "two-well"}).timeVarying).toBe(false);
    expect(frameOf({preset: "swirl"}).timeVarying).toBe(true);
    expect(frameOf({preset: "drift"}).timeVarying).toBe(true);
    expect(frameOf({preset: "custom", u1: "-y*t", u2: "x"}).timeVarying).toBe(true);
  });

  it("draws the N(0, I) cloud from its seed, after the clicked particles", () => {
    const a = frameOf({n: 50, seed: 3, starts: "1,1"});
    const b = frameOf({n: 50, seed: 3, starts: "1,1"});
    expect(a.run.n).toBe(51);
    expect(a.clicked).toBe(1);
    expect(Array.from(a.run.paths)).toEqual(Array.from(b.run.paths));
    expect(Array.from(frameOf({n: 50, seed: 4}).run.paths.subarray(0, 4))).not.toEqual(
      Array.from(a.run.paths.subarray(2, 6))
    );
  });

  it("refuses bad starts and a custom field that does not parse, naming them", () => {
    expect(() => parseStarts("1,2 3")).toThrow('invalid starts: "3" is not a pair x,y');
    expect(() => fieldEditor.check!({...base, preset: "custom", u1: "x +"})).toThrow(/^u1: invalid expression/);
    expect(() => fieldEditor.check!({...base, preset: "rotation", u1: "x +"})).not.toThrow();
  });

  it("plays t from 0 to 1 in 5 s at speed 1 and stops there", () => {
    expect(fieldEditor.advance!({t: 0, trails: true, speed: 1}, 1, undefined)?.t).toBeCloseTo(0.2, 12);
    expect(fieldEditor.advance!({t: 0.9, trails: true, speed: 2}, 1, undefined)?.t).toBe(1);
    expect(fieldEditor.advance!({t: 1, trails: true, speed: 1}, 0.1, undefined)).toBeUndefined();
  });

  it("renders every example, and paints the escape warning only once a particle has escaped", () => {
    for (const example of fieldEditor.examples!) {
      const o = {...base} as Record<string, unknown>;
      for (const [k, v] of Object.entries(example.options ?? {})) {
        o[k] = typeof base[k as keyof typeof base] === "number" ? Number(v) : v;
      }
      const frame = computeFrame(o as FieldEditorOptions);
      const figure = fieldEditor.render(frame, o as FieldEditorOptions, {t: 0.5, trails: true, speed: 1});
      expect(figure.localName === "svg" || figure.querySelector("svg") !== null).toBe(true);
    }
    const o = {...base, preset: "custom", u1: "x^2", u2: "0", starts: "2,1 -1,0"} as FieldEditorOptions;
    const frame = computeFrame(o);
    const painted = (t: number) => {
      const {layer, draws} = recordingLayer();
      const texts: string[] = [];
      Object.assign(layer.context, {fillText: (s: string) => texts.push(s), fillRect: () => undefined});
      fieldEditor.paint!(layer, frame, o, {t, trails: true, speed: 1});
      return {texts, draws};
    };
    const before = painted(0.3);
    expect(before.texts).toEqual(["t = 0.30"]);
    // Trails: six bands of the clicked particles' purple, fading in (older is fainter).
    const trails = before.draws.filter((d) => d.op === "stroke" && d.style === resolved("model"));
    expect(trails.length).toBe(6);
    expect(trails[0]!.alpha).toBeLessThan(trails[5]!.alpha);
    const after = painted(0.9);
    expect(after.texts).toContain("no global solution: the field is not Lipschitz");
    expect(after.texts).toContain("1 particle escaped (|x| > 10⁶)");
  });
});

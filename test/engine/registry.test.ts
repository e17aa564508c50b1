import fc from "fast-check";
import {describe, expect, expectTypeOf, it} from "vitest";
import {datasets} from "../../engine/data/registry.ts";
import {flowPresets} from "../../engine/flows/presets.ts";
import {fmMethods} from "../../engine/fm/methods.ts";
import {fixedSolvers} from "../../engine/ode/solvers.ts";
import {paths} from "../../engine/paths/registry.ts";
import {registry, type Registry} from "../../engine/registry.ts";
import {timeSamplers} from "../../engine/time/samplers.ts";

describe("registry", () => {
  const colours = registry("colour", {red: 1, green: 2, blue: 3}, {r: "red"});

  it("registry() looks entries up by name or alias and keeps the registration order", () => {
    expect(colours.get("green")).toBe(2);
    expect(colours.get("r")).toBe(1);
    expect(colours.names).toEqual(["red", "green", "blue"]);
    expect(colours.aliases).toEqual({r: "red"});
    expect(colours.has("blue") && colours.has("r")).toBe(true);
    expect(colours.has("purple")).toBe(false);
    expectTypeOf(colours).toEqualTypeOf<Registry<number, "red" | "green" | "blue">>();
  });

  it("registry() takes [name, entry] pairs too", () => {
    const r = registry("thing", [["a", {id: 1}] as const, ["b", {id: 2}] as const]);
    expect(r.get("b")).toEqual({id: 2});
    expect(r.names).toEqual(["a", "b"]);
  });

  it("get() of an unknown name throws a RangeError naming the noun, the name and the names it knows", () => {
    expect(() => colours.get("purple")).toThrow(
      new RangeError("unknown colour: purple (one of red, green, blue; or r)")
    );
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", ""]) {
      expect(() => colours.get(name)).toThrow(`unknown colour: ${name} (`);
      expect(colours.has(name)).toBe(false);
    }
    expect(() => colours.get("x".repeat(1000))).toThrow(/^unknown colour: x{40}… \(one of/);
  });

  it("get() never throws anything but a RangeError, and finds exactly the names and aliases", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("red", "r", "blue", "R")), (name) => {
        const known = ["red", "green", "blue", "r"].includes(name);
        expect(colours.has(name)).toBe(known);
        if (known) expect(() => colours.get(name)).not.toThrow();
        else expect(() => colours.get(name)).toThrow(RangeError);
      })
    );
  });

  it("registry() rejects a repeated name and an alias that shadows a name or points nowhere", () => {
    expect(() => registry("thing", [["a", 1] as const, ["a", 2] as const])).toThrow("duplicate thing: a");
    expect(() => registry("thing", {a: 1, b: 2}, {a: "b"})).toThrow("invalid thing alias: a = b");
    expect(() => registry("thing", {a: 1}, {z: "c" as "a"})).toThrow("invalid thing alias: z = c");
  });

  it("the engine's lookups share it: datasets, paths, solvers, flow presets, time samplers, fm methods", () => {
    const all: [Registry<unknown>, string, string][] = [
      [datasets, "dataset", "moons"],
      [paths, "path", "i-cfm"],
      [fixedSolvers, "solver", "rk4"],
      [flowPresets, "flow kind", "realnvp"],
      [timeSamplers, "time sampler", "uniform"],
      [fmMethods, "method", "ot-cfm"]
    ];
    for (const [r, noun, known] of all) {
      expect(r.noun).toBe(noun);
      expect(r.has(known)).toBe(true);
      expect(() => r.get("nope")).toThrow(`unknown ${noun}: nope (one of ${r.names.join(", ")}`);
    }
  });
});

import {describe, expect, it} from "vitest";
import * as engine from "../../engine/index.ts";

describe("engine/index.ts", () => {
  it("loads in Node with no DOM and exposes one namespace per folder", () => {
    expect(typeof (globalThis as {document?: unknown}).document).toBe("undefined");
    for (const folder of ["autodiff", "nn", "data", "ot", "metrics", "ode", "fields", "cnf", "flows", "paths", "fm"]) {
      expect(Object.keys(engine[folder as keyof typeof engine] as object).length, folder).toBeGreaterThan(0);
    }
    expect(engine.rng(1).uniform()).toBe(engine.rng(1).uniform());
  });
});

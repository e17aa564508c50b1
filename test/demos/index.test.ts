import {describe, expect, it} from "vitest";
import {demoIds, loadDemo} from "../../demos/index.ts";

describe("the demo registry", () => {
  it("loads every demo by its id", async () => {
    expect(demoIds).toContain("gaussian-samples");
    for (const id of demoIds) expect((await loadDemo(id)).id).toBe(id);
  });

  it("rejects an unknown id, including names of Object's own properties", async () => {
    await expect(loadDemo("nope")).rejects.toThrow("unknown demo: nope");
    await expect(loadDemo("constructor")).rejects.toThrow("unknown demo: constructor");
  });
});

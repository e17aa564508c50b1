import {afterEach, describe, expect, it} from "vitest";
import {kernels} from "../../../engine/kernels/index.ts";
import {bothKernels} from "./helpers.ts";

describe("kernels()", () => {
  const saved = process.env.FLOWDECK_KERNELS;
  afterEach(() => {
    if (saved === undefined) delete process.env.FLOWDECK_KERNELS;
    else process.env.FLOWDECK_KERNELS = saved;
  });

  it("gives the implementation asked for, once per choice", async () => {
    await bothKernels(); // builds kernels.wasm if needed
    expect((await kernels({use: "reference"})).name).toBe("reference");
    const wasm = await kernels({use: "wasm"});
    expect(wasm.name).toBe("wasm");
    expect(await kernels({use: "wasm"})).toBe(wasm);
  });

  it("picks WebAssembly by default in Node, unless FLOWDECK_KERNELS forces a choice", async () => {
    delete process.env.FLOWDECK_KERNELS;
    expect((await kernels()).name).toBe("wasm");
    process.env.FLOWDECK_KERNELS = "reference";
    expect((await kernels()).name).toBe("reference");
    process.env.FLOWDECK_KERNELS = "wasm";
    expect((await kernels({use: "auto"})).name).toBe("wasm");
    process.env.FLOWDECK_KERNELS = "gpu";
    expect(() => kernels()).toThrow(/invalid FLOWDECK_KERNELS: gpu/);
  });
});
